// The scripted test server itself: it answers as scripted and fails the running test, on its
// own, for an unexpected request and for a scripted answer left unused.
#include "scripted_server.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

using coras_test::Reply;
using coras_test::ScriptedServer;

namespace {

// Sends `request_line` ("GET /x") as an HTTP/1.1 request to `server` and returns everything it
// answers until it closes the connection.
std::string exchange(const ScriptedServer& server, const std::string& request_line)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(server.port()));
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    const std::string request = request_line + " HTTP/1.1\r\nHost: test\r\n\r\n";
    REQUIRE(::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
    std::string answer;
    char block[4096];
    for (ssize_t count = 0; (count = ::recv(fd, block, sizeof(block), 0)) > 0;) {
        answer.append(block, static_cast<std::size_t>(count));
    }
    ::close(fd);
    return answer;
}

} // namespace

TEST_CASE("coras_test::ScriptedServer answers the script in order")
{
    ScriptedServer server;
    server.expect("GET /a", Reply(200, {}, "first").then_close());
    server.expect("PUT /b?*", Reply(201, {}, "second").then_close());
    const std::string first = exchange(server, "GET /a");
    CHECK(first.starts_with("HTTP/1.1 200 OK\r\n"));
    CHECK(first.ends_with("\r\n\r\nfirst"));
    CHECK(exchange(server, "PUT /b?digest=x").ends_with("\r\n\r\nsecond"));
    REQUIRE(server.received().size() == 2);
    CHECK(server.received()[1].target == "/b?digest=x");
    CHECK(server.take_problems().empty());
}

TEST_CASE("coras_test::ScriptedServer::take_problems lists unexpected and missing requests")
{
    ScriptedServer server;
    server.expect("GET /expected", Reply{200, {}, ""});
    server.expect("GET /never", Reply{200, {}, ""});
    CHECK(exchange(server, "GET /other").starts_with("HTTP/1.1 500 "));
    const auto problems = server.take_problems();
    REQUIRE(problems.size() == 3);
    CHECK(problems[0] == "unexpected request: GET /other (expected GET /expected)");
    CHECK(problems[1] == "expected request never came: GET /expected");
    CHECK(problems[2] == "expected request never came: GET /never");
    CHECK(server.take_problems().empty());
}

// The two cases below pass only if the server's destructor fails them exactly once each;
// the test body itself asserts nothing that can fail.
TEST_CASE("coras_test::ScriptedServer fails a test that leaves an answer unused" *
          doctest::expected_failures(1))
{
    ScriptedServer server;
    server.expect("GET /used", Reply(200, {}, "").then_close());
    server.expect("GET /unused", Reply{200, {}, ""});
    exchange(server, "GET /used");
}

TEST_CASE("coras_test::ScriptedServer fails a test that makes an unexpected request" *
          doctest::expected_failures(1))
{
    ScriptedServer server;
    exchange(server, "GET /surprise");
}
