// HTTP-date and Retry-After (RFC 9110 §5.6.7, §10.2.3).
#include "http/retry_after.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace oras;
using namespace oras::http;
using namespace std::chrono;

namespace {

// 1994-11-06 08:49:37 UTC, RFC 9110's example date.
const system_clock::time_point k_example =
    sys_days(year(1994) / November / 6) + hours(8) + minutes(49) + seconds(37);
const system_clock::time_point k_now = sys_days(year(2026) / December / 2) + hours(14);

Response response(Headers headers)
{
    Response r;
    r.status = 503;
    r.headers = std::move(headers);
    return r;
}

} // namespace

TEST_CASE("http::parse_http_date")
{
    SUBCASE("the three forms RFC 9110 requires a recipient to accept")
    {
        CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT", k_now) == k_example);
        CHECK(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", k_now) == k_example);
        CHECK(parse_http_date("Sun Nov  6 08:49:37 1994", k_now) == k_example);
        CHECK(parse_http_date("  Sun, 06 Nov 1994 08:49:37 GMT ", k_now) == k_example);
    }
    SUBCASE("a two-digit year more than 50 years ahead belongs to the last century")
    {
        CHECK(parse_http_date("Monday, 01-Jan-70 00:00:00 GMT", k_now) ==
              system_clock::time_point(sys_days(year(2070) / January / 1)));
        CHECK(parse_http_date("Thursday, 01-Jan-80 00:00:00 GMT", k_now) ==
              system_clock::time_point(sys_days(year(1980) / January / 1)));
    }
    SUBCASE("anything else")
    {
        CHECK_FALSE(parse_http_date("", k_now));
        CHECK_FALSE(parse_http_date("120", k_now));
        CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC", k_now));
        CHECK_FALSE(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT", k_now));
        CHECK_FALSE(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT", k_now));
        CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 24:49:37 GMT", k_now));
        CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49 GMT", k_now));
        CHECK_FALSE(parse_http_date("1994-11-06T08:49:37Z", k_now));
    }
}

TEST_CASE("http::parse_retry_after")
{
    CHECK(parse_retry_after("120", k_now) == seconds(120));
    CHECK(parse_retry_after(" 0 ", k_now) == seconds(0));
    CHECK(parse_retry_after("Wed, 02 Dec 2026 14:02:00 GMT", k_now) == seconds(120));
    CHECK(parse_retry_after("Wed, 02 Dec 2026 13:00:00 GMT", k_now) == seconds(0));
    CHECK_FALSE(parse_retry_after("", k_now));
    CHECK_FALSE(parse_retry_after("-5", k_now));
    CHECK_FALSE(parse_retry_after("1.5", k_now));
    CHECK_FALSE(parse_retry_after("12 seconds", k_now));
    CHECK_FALSE(parse_retry_after("99999999999999999999999", k_now));
    CHECK_FALSE(parse_retry_after("tomorrow", k_now));
}

TEST_CASE("http::retry_after")
{
    SUBCASE("an HTTP date counts from the answer's Date")
    {
        const auto delay = retry_after(response({{"date", "Wed, 02 Dec 2026 10:00:00 GMT"},
                                                 {"retry-after", "Wed, 02 Dec 2026 10:00:45 GMT"}}),
                                       k_now);
        CHECK(delay == seconds(45));
    }
    SUBCASE("without a usable Date it counts from when the answer was received")
    {
        CHECK(retry_after(response({{"retry-after", "Wed, 02 Dec 2026 14:00:10 GMT"}}), k_now) ==
              seconds(10));
        CHECK(retry_after(
                  response({{"date", "garbage"}, {"retry-after", "Wed, 02 Dec 2026 14:00:10 GMT"}}),
                  k_now) == seconds(10));
    }
    SUBCASE("seconds need no Date")
    {
        CHECK(retry_after(response({{"retry-after", "3"}}), k_now) == seconds(3));
    }
    SUBCASE("absent or garbage")
    {
        CHECK_FALSE(retry_after(response({}), k_now));
        CHECK_FALSE(retry_after(response({{"retry-after", "later"}}), k_now));
    }
}
