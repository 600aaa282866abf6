// The retry decorator over a fake transport: which failures are retried, how long it waits, and
// what it refuses to resend.
#include "http/retrying_client.hpp"
#include "oras/io.hpp"

#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <deque>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using oras::ErrorCode;
namespace http = oras::http;

namespace {

// Answers each request with the next scripted outcome, reading the whole body first and writing
// `sink_bytes` to the sink of a request that has one.
class FakeClient final : public http::Client
{
  public:
    std::deque<oras::Result<http::Response>> outcomes;
    std::vector<std::string> bodies;
    std::string sink_bytes;

    oras::Result<http::Response> send(const http::Request& request) override
    {
        REQUIRE_FALSE(outcomes.empty());
        std::string body;
        if (request.body != nullptr) {
            std::array<char, 64> buffer{};
            for (;;) {
                const std::size_t n = request.body->read(buffer).value();
                if (n == 0) {
                    break;
                }
                body.append(buffer.data(), n);
            }
        }
        bodies.push_back(body);
        if (request.sink != nullptr && !sink_bytes.empty()) {
            REQUIRE(request.sink->write(sink_bytes));
        }
        auto outcome = std::move(outcomes.front());
        outcomes.pop_front();
        return outcome;
    }
};

http::Response answer(long status, http::Headers headers = {})
{
    http::Response response;
    response.status = status;
    response.headers = std::move(headers);
    return response;
}

struct Harness
{
    std::shared_ptr<FakeClient> fake = std::make_shared<FakeClient>();
    std::vector<std::chrono::milliseconds> waits;
    std::vector<std::string> debug;
    std::unique_ptr<http::Client> client;

    explicit Harness(int max_retries = 5, std::chrono::seconds max_wait = 30s)
    {
        oras::RetryOptions options;
        options.max_retries = max_retries;
        options.max_wait = max_wait;
        options.sleep = [this](std::chrono::milliseconds delay) { waits.push_back(delay); };
        client = http::make_retrying_client(
            fake, options, [this](std::string_view line) { debug.emplace_back(line); });
    }
};

http::Request get(std::string url = "http://127.0.0.1:1/v2/x/manifests/v1")
{
    http::Request request;
    request.url = std::move(url);
    return request;
}

http::Request with_body(std::string method, oras::ByteSource& body)
{
    http::Request request = get();
    request.method = std::move(method);
    request.body = &body;
    return request;
}

} // namespace

TEST_CASE("retrying client: transient answers are retried, others returned at once")
{
    for (const long status : {408L, 429L, 500L, 502L, 503L, 504L}) {
        CAPTURE(status);
        Harness h;
        h.fake->outcomes.emplace_back(answer(status));
        h.fake->outcomes.emplace_back(answer(200));
        const auto response = h.client->send(get());
        REQUIRE(response);
        CHECK(response->status == 200);
        REQUIRE(h.waits.size() == 1);
        CHECK(h.waits[0] >= 125ms);
        CHECK(h.waits[0] <= 375ms);
        REQUIRE(h.debug.size() == 1);
        CHECK(h.debug[0].find("retry 1 of 5") != std::string::npos);
    }
    for (const long status : {400L, 401L, 403L, 404L, 416L, 501L}) {
        CAPTURE(status);
        Harness h;
        h.fake->outcomes.emplace_back(answer(status));
        const auto response = h.client->send(get());
        REQUIRE(response);
        CHECK(response->status == status);
        CHECK(h.waits.empty());
    }
}

TEST_CASE("retrying client: backoff doubles with jitter, and gives up after max_retries")
{
    Harness h(4);
    for (int i = 0; i < 5; ++i) {
        h.fake->outcomes.emplace_back(oras::fail(ErrorCode::network, "GET x: connection refused"));
    }
    const auto response = h.client->send(get());
    REQUIRE_FALSE(response);
    CHECK(response.error().code == ErrorCode::network);
    CHECK(response.error().message == "GET x: connection refused (5 attempts)");
    CHECK(h.fake->outcomes.empty());
    REQUIRE(h.waits.size() == 4);
    for (std::size_t i = 0; i < h.waits.size(); ++i) {
        const auto base = 250ms * (1 << i);
        CHECK(h.waits[i] >= base / 2);
        CHECK(h.waits[i] <= base * 3 / 2);
    }
}

TEST_CASE("retrying client: the wait never exceeds max_wait")
{
    Harness h(12, 2s);
    for (int i = 0; i < 12; ++i) {
        h.fake->outcomes.emplace_back(answer(503));
    }
    h.fake->outcomes.emplace_back(answer(200));
    REQUIRE(h.client->send(get()));
    REQUIRE(h.waits.size() == 12);
    CHECK(h.waits.back() <= 2s);
    CHECK(h.waits.back() >= 1s);
}

TEST_CASE("retrying client: Retry-After")
{
    SUBCASE("seconds are waited as asked")
    {
        Harness h;
        h.fake->outcomes.emplace_back(answer(429, {{"retry-after", "2"}}));
        h.fake->outcomes.emplace_back(answer(200));
        REQUIRE(h.client->send(get()));
        REQUIRE(h.waits.size() == 1);
        CHECK(h.waits[0] == 2000ms);
    }
    SUBCASE("a wait longer than max_wait is not waited: the answer is returned")
    {
        Harness h(5, 10s);
        h.fake->outcomes.emplace_back(answer(503, {{"retry-after", "120"}}));
        const auto response = h.client->send(get());
        REQUIRE(response);
        CHECK(response->status == 503);
        CHECK(h.waits.empty());
    }
}

TEST_CASE("retrying client: what is never resent")
{
    SUBCASE("failures that are not transient")
    {
        for (const ErrorCode code : {ErrorCode::tls,
                                     ErrorCode::io,
                                     ErrorCode::cancelled,
                                     ErrorCode::too_large,
                                     ErrorCode::digest_mismatch}) {
            Harness h;
            h.fake->outcomes.emplace_back(oras::fail(code, "no"));
            CHECK_FALSE(h.client->send(get()));
            CHECK(h.waits.empty());
        }
    }
    SUBCASE("a request the caller retries itself")
    {
        Harness h;
        h.fake->outcomes.emplace_back(answer(503));
        http::Request request = get();
        request.may_retry = false;
        const auto response = h.client->send(request);
        REQUIRE(response);
        CHECK(response->status == 503);
    }
    SUBCASE("a download whose sink already received bytes")
    {
        Harness h;
        h.fake->sink_bytes = "partial";
        h.fake->outcomes.emplace_back(oras::fail(ErrorCode::network, "connection lost"));
        oras::StringSink sink(100);
        http::Request request = get();
        request.sink = &sink;
        const auto response = h.client->send(request);
        REQUIRE_FALSE(response);
        CHECK(response.error().message == "connection lost");
        CHECK(sink.str() == "partial");
    }
    SUBCASE("a body that cannot be rewound")
    {
        class OnceSource final : public oras::ByteSource
        {
          public:
            oras::Result<std::size_t> read(std::span<char>) override { return 0; }
            oras::Result<void> rewind() override
            {
                return oras::fail(ErrorCode::unsupported, "once");
            }
        };
        Harness h;
        OnceSource once;
        h.fake->outcomes.emplace_back(answer(502));
        const auto response = h.client->send(with_body("PATCH", once));
        REQUIRE(response);
        CHECK(response->status == 502);
    }
}

TEST_CASE("retrying client: a body is rewound and sent whole again")
{
    Harness h;
    oras::MemorySource body("manifest bytes");
    h.fake->outcomes.emplace_back(answer(500));
    h.fake->outcomes.emplace_back(answer(201));
    const auto response = h.client->send(with_body("PUT", body));
    REQUIRE(response);
    CHECK(response->status == 201);
    CHECK(h.fake->bodies == std::vector<std::string>{"manifest bytes", "manifest bytes"});
}
