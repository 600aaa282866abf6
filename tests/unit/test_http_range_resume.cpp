// Resumed downloads in the libcurl transport (Request::range_from) against the scripted server:
// the Range header sent, a 206 appended, a 200 (Range ignored) trimmed to what was missing, and a
// 206 that starts elsewhere refused.
#include "http/http_client.hpp"
#include "oras/io.hpp"
#include "scripted_server.hpp"

#include <doctest/doctest.h>

#include <string>

using coras_test::Reply;
using coras_test::ScriptedServer;
using oras::ErrorCode;
namespace http = oras::http;

namespace {

std::unique_ptr<http::Client> make_client()
{
    auto client = http::make_curl_client(http::ClientOptions{});
    REQUIRE(client);
    return std::move(client).value();
}

// A sink that already holds the first bytes of "0123456789", as a broken download left it.
struct Resumed
{
    oras::StringSink sink{1024};
    http::Request request;

    Resumed(const ScriptedServer& server, std::uint64_t offset)
    {
        REQUIRE(sink.write(std::string("0123456789").substr(0, offset)));
        request.url = server.url() + "/blob";
        request.sink = &sink;
        request.range_from = offset;
    }
};

} // namespace

TEST_CASE("http: a resumed download")
{
    ScriptedServer server;
    auto client = make_client();

    SUBCASE("sends Range and appends a 206 that starts where it stopped")
    {
        server.expect("GET /blob", Reply{206, {{"Content-Range", "bytes 4-9/10"}}, "456789"});
        Resumed resumed(server, 4);
        const auto response = client->send(resumed.request);
        REQUIRE(response);
        CHECK(response->status == 206);
        CHECK(resumed.sink.str() == "0123456789");
        REQUIRE(server.received().size() == 1);
        CHECK(server.received()[0].header("range") == "bytes=4-");
    }
    SUBCASE("drops what the sink has of a 200 that ignored Range")
    {
        server.expect("GET /blob", Reply{200, {}, "0123456789"});
        Resumed resumed(server, 7);
        const auto response = client->send(resumed.request);
        REQUIRE(response);
        CHECK(response->status == 200);
        CHECK(resumed.sink.str() == "0123456789");
    }
    SUBCASE("refuses a 206 that starts elsewhere, writing none of it")
    {
        server.expect("GET /blob", Reply{206, {{"Content-Range", "bytes 0-9/10"}}, "0123456789"});
        Resumed resumed(server, 4);
        const auto response = client->send(resumed.request);
        REQUIRE_FALSE(response);
        CHECK(response.error().code == ErrorCode::http);
        CHECK(response.error().message.find("does not start there") != std::string::npos);
        CHECK(resumed.sink.str() == "0123");
    }
    SUBCASE("without range_from, no Range header")
    {
        server.expect("GET /blob", Reply{200, {}, "0123456789"});
        oras::StringSink sink(1024);
        http::Request request;
        request.url = server.url() + "/blob";
        request.sink = &sink;
        REQUIRE(client->send(request));
        CHECK(sink.str() == "0123456789");
        REQUIRE(server.received().size() == 1);
        CHECK_FALSE(server.received()[0].header("range"));
    }
}
