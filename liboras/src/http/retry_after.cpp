#include "http/retry_after.hpp"

#include <array>
#include <charconv>
#include <cstdint>

namespace oras::http {

namespace {

using std::chrono::system_clock;

constexpr std::array<std::string_view, 12> k_months = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A number of exactly `digits` decimal digits (1 or 2 for asctime's day, padded by a space).
std::optional<int> number(std::string_view text, std::size_t digits)
{
    if (text.size() != digits) {
        return std::nullopt;
    }
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<unsigned> month_number(std::string_view name)
{
    for (std::size_t i = 0; i < k_months.size(); ++i) {
        if (k_months[i] == name) {
            return static_cast<unsigned>(i + 1);
        }
    }
    return std::nullopt;
}

// "HH:MM:SS" as a duration since midnight; leap second 60 allowed, as RFC 9110 does.
std::optional<std::chrono::seconds> time_of_day(std::string_view text)
{
    if (text.size() != 8 || text[2] != ':' || text[5] != ':') {
        return std::nullopt;
    }
    const auto hour = number(text.substr(0, 2), 2);
    const auto minute = number(text.substr(3, 2), 2);
    const auto second = number(text.substr(6, 2), 2);
    if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 60) {
        return std::nullopt;
    }
    return std::chrono::hours(*hour) + std::chrono::minutes(*minute) +
           std::chrono::seconds(*second);
}

std::optional<system_clock::time_point>
make_time(int year, std::string_view month_name, int day, std::string_view clock)
{
    const auto month = month_number(month_name);
    const auto since_midnight = time_of_day(clock);
    if (!month || !since_midnight) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year(year),
                                           std::chrono::month(*month),
                                           std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok()) {
        return std::nullopt;
    }
    return std::chrono::sys_days(date) + *since_midnight;
}

// "Sun, 06 Nov 1994 08:49:37 GMT"
std::optional<system_clock::time_point> imf_fixdate(std::string_view text)
{
    if (text.size() != 29 || text[3] != ',' || text[4] != ' ' || text[7] != ' ' ||
        text[11] != ' ' || text[16] != ' ' || text[25] != ' ' || text.substr(26) != "GMT") {
        return std::nullopt;
    }
    const auto day = number(text.substr(5, 2), 2);
    const auto year = number(text.substr(12, 4), 4);
    if (!day || !year) {
        return std::nullopt;
    }
    return make_time(*year, text.substr(8, 3), *day, text.substr(17, 8));
}

// "Sunday, 06-Nov-94 08:49:37 GMT"
std::optional<system_clock::time_point> rfc850_date(std::string_view text,
                                                    system_clock::time_point now)
{
    const std::size_t comma = text.find(", ");
    if (comma == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view rest = text.substr(comma + 2);
    if (rest.size() != 22 || rest[2] != '-' || rest[6] != '-' || rest[9] != ' ' ||
        rest[18] != ' ' || rest.substr(19) != "GMT") {
        return std::nullopt;
    }
    const auto day = number(rest.substr(0, 2), 2);
    const auto two_digit_year = number(rest.substr(7, 2), 2);
    if (!day || !two_digit_year) {
        return std::nullopt;
    }
    // RFC 9110 §5.6.7: a year more than 50 years in the future is the most recent past one.
    const int this_year = static_cast<int>(
        std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year());
    int year = this_year / 100 * 100 + *two_digit_year;
    if (year > this_year + 50) {
        year -= 100;
    }
    return make_time(year, rest.substr(3, 3), *day, rest.substr(10, 8));
}

// "Sun Nov  6 08:49:37 1994"
std::optional<system_clock::time_point> asctime_date(std::string_view text)
{
    if (text.size() != 24 || text[3] != ' ' || text[7] != ' ' || text[10] != ' ' ||
        text[19] != ' ') {
        return std::nullopt;
    }
    const std::string_view day_text = text.substr(8, 2);
    const auto day = day_text[0] == ' ' ? number(day_text.substr(1), 1) : number(day_text, 2);
    const auto year = number(text.substr(20, 4), 4);
    if (!day || !year) {
        return std::nullopt;
    }
    return make_time(*year, text.substr(4, 3), *day, text.substr(11, 8));
}

} // namespace

std::optional<system_clock::time_point> parse_http_date(std::string_view text,
                                                        system_clock::time_point now)
{
    text = trim_ows(text);
    if (auto parsed = imf_fixdate(text)) {
        return parsed;
    }
    if (auto parsed = rfc850_date(text, now)) {
        return parsed;
    }
    return asctime_date(text);
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      system_clock::time_point reference)
{
    value = trim_ows(value);
    if (!value.empty() && value.front() >= '0' && value.front() <= '9') {
        std::int64_t seconds = 0;
        const auto [end, error] =
            std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (error != std::errc() || end != value.data() + value.size()) {
            return std::nullopt;
        }
        return std::chrono::seconds(seconds);
    }
    const auto date = parse_http_date(value, reference);
    if (!date) {
        return std::nullopt;
    }
    if (*date <= reference) {
        return std::chrono::seconds(0);
    }
    return std::chrono::ceil<std::chrono::seconds>(*date - reference);
}

std::optional<std::chrono::seconds> retry_after(const Response& response,
                                                system_clock::time_point received)
{
    const auto value = response.header("retry-after");
    if (!value) {
        return std::nullopt;
    }
    system_clock::time_point reference = received;
    if (const auto date = response.header("date")) {
        reference = parse_http_date(*date, received).value_or(received);
    }
    return parse_retry_after(*value, reference);
}

} // namespace oras::http
