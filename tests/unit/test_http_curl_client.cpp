// The libcurl transport against the in-process scripted server.
#include "http/http_client.hpp"
#include "oras/io.hpp"
#include "scripted_server.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using coras_test::Reply;
using coras_test::ScriptedServer;
using oras::ErrorCode;
namespace http = oras::http;

namespace {

std::unique_ptr<http::Client> make_client(std::vector<std::string>* debug_lines = nullptr)
{
    http::ClientOptions options;
    options.user_agent = "coras-test/1";
    if (debug_lines != nullptr) {
        options.debug = [debug_lines](std::string_view line) { debug_lines->emplace_back(line); };
    }
    auto client = http::make_curl_client(options);
    REQUIRE(client);
    return std::move(client).value();
}

// A sink that fails on the first write.
class FailingSink final : public oras::ByteSink
{
  public:
    oras::Result<void> write(std::string_view) override
    {
        return oras::fail(ErrorCode::io, "disk full (test)");
    }
};

// A source that fails on the first read.
class FailingSource final : public oras::ByteSource
{
  public:
    oras::Result<std::size_t> read(std::span<char>) override
    {
        return oras::fail(ErrorCode::cancelled, "stopped by the test");
    }
    oras::Result<void> rewind() override { return {}; }
};

std::string lower_ascii(std::string text)
{
    for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

// Listens on 127.0.0.1, answers the first bytes of one connection with a plain HTTP 400 (as
// a plain HTTP server answers a TLS ClientHello) and closes it.
class PlainResponder
{
  public:
    PlainResponder()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
        ::listen(m_fd, 1);
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] {
            const int connection = ::accept(m_fd, nullptr, nullptr);
            char buffer[4096];
            (void)::recv(connection, buffer, sizeof(buffer), 0);
            const std::string_view reply = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n";
            (void)::send(connection, reply.data(), reply.size(), MSG_NOSIGNAL);
            ::close(connection);
        });
    }
    ~PlainResponder()
    {
        m_thread.join();
        ::close(m_fd);
    }
    PlainResponder(const PlainResponder&) = delete;
    PlainResponder& operator=(const PlainResponder&) = delete;
    [[nodiscard]] int port() const { return m_port; }

  private:
    int m_fd = -1;
    int m_port = 0;
    std::thread m_thread;
};

// A port on 127.0.0.1 where nothing listens.
int closed_port()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

} // namespace

TEST_CASE("http::CurlClient responses")
{
    ScriptedServer server;
    auto client = make_client();

    SUBCASE("headers are lower-cased and looked up case-insensitively")
    {
        server.expect(
            "GET /v2/",
            Reply{200, {{"X-Custom-Header", "Value"}, {"Docker-Content-Digest", "d"}}, "{}"});
        http::Request request;
        request.url = server.url() + "/v2/";
        auto response = client->send(request);
        REQUIRE(response);
        CHECK(response->status == 200);
        CHECK(response->body == "{}");
        CHECK(response->header("X-CUSTOM-HEADER") == "Value");
        CHECK(response->header("docker-content-digest") == "d");
        for (const auto& [name, value] : response->headers) {
            CHECK(name == lower_ascii(name));
        }
        CHECK(response->header_values("x-custom-header") == std::vector<std::string>{"Value"});
        CHECK_FALSE(response->header("absent"));
        const auto received = server.received();
        REQUIRE(received.size() == 1);
        CHECK(received[0].header("user-agent") == "coras-test/1");
    }

    SUBCASE("a 2xx body streams to the sink, a non-2xx body never does")
    {
        server.expect("GET /ok", Reply{200, {}, "blob bytes"});
        server.expect("GET /missing",
                      Reply{404, {{"Content-Type", "application/json"}}, R"({"errors":[]})"});
        oras::StringSink sink(1024);
        http::Request request;
        request.url = server.url() + "/ok";
        request.sink = &sink;
        auto ok = client->send(request);
        REQUIRE(ok);
        CHECK(sink.str() == "blob bytes");
        CHECK(ok->body.empty());

        request.url = server.url() + "/missing";
        auto missing = client->send(request);
        REQUIRE(missing);
        CHECK(missing->status == 404);
        CHECK(missing->body == R"({"errors":[]})");
        CHECK(sink.str() == "blob bytes");
    }

    SUBCASE("Content-Length: a short body is a network error, an exact one is kept")
    {
        server.expect("GET /exact", Reply{200, {}, "12345"});
        server.expect("GET /short", Reply(200, {{"Content-Length", "10"}}, "12345").then_close());
        http::Request request;
        request.url = server.url() + "/exact";
        auto exact = client->send(request);
        REQUIRE(exact);
        CHECK(exact->body == "12345");
        request.url = server.url() + "/short";
        auto short_body = client->send(request);
        REQUIRE_FALSE(short_body);
        CHECK(short_body.error().code == ErrorCode::network);
        CHECK(short_body.error().message.find("GET " + server.url() + "/short") == 0);
    }

    SUBCASE("a body over max_body fails with too_large, declared or not")
    {
        const std::string big(5 * 1024 * 1024, 'x');
        server.expect("GET /declared", Reply{200, {}, big});
        server.expect("GET /undeclared", Reply(200, {}, big).without_content_length().then_close());
        http::Request request;
        request.url = server.url() + "/declared";
        auto declared = client->send(request);
        REQUIRE_FALSE(declared);
        CHECK(declared.error().code == ErrorCode::too_large);
        request.url = server.url() + "/undeclared";
        auto undeclared = client->send(request);
        REQUIRE_FALSE(undeclared);
        CHECK(undeclared.error().code == ErrorCode::too_large);
    }

    SUBCASE("an error body over max_body is cut, the response is still returned")
    {
        server.expect("GET /e", Reply{500, {}, std::string(100000, 'e')});
        http::Request request;
        request.url = server.url() + "/e";
        request.max_body = 1000;
        auto response = client->send(request);
        REQUIRE(response);
        CHECK(response->status == 500);
        CHECK(response->body == std::string(1000, 'e'));
    }

    SUBCASE("HEAD reads headers only")
    {
        server.expect("HEAD /blob", Reply{200, {{"Content-Length", "3000000"}}, ""});
        http::Request request;
        request.method = "HEAD";
        request.url = server.url() + "/blob";
        auto response = client->send(request);
        REQUIRE(response);
        CHECK(response->status == 200);
        CHECK(response->header("content-length") == "3000000");
        CHECK(response->body.empty());
    }

    SUBCASE("one connection serves consecutive requests")
    {
        server.expect("GET /a", Reply{200, {}, "a"});
        server.expect("GET /b", Reply{404, {}, "b"});
        server.expect("HEAD /c", Reply{200, {}, ""});
        http::Request request;
        for (const char* path : {"/a", "/b"}) {
            request.url = server.url() + path;
            REQUIRE(client->send(request));
        }
        request.method = "HEAD";
        request.url = server.url() + "/c";
        REQUIRE(client->send(request));
        CHECK(server.connections() == 1);
    }
}

TEST_CASE("http::CurlClient request bodies")
{
    ScriptedServer server;
    auto client = make_client();

    SUBCASE("PUT streams the body with its Content-Length and no Expect")
    {
        server.expect("PUT /upload?digest=sha256:x", Reply{201, {}, ""});
        const std::string payload(3 * 1024 * 1024 + 17, 'p');
        oras::MemorySource source(payload);
        http::Request request;
        request.method = "PUT";
        request.url = server.url() + "/upload?digest=sha256:x";
        request.headers = {{"Content-Type", "application/octet-stream"}};
        request.body = &source;
        request.body_size = payload.size();
        auto response = client->send(request);
        REQUIRE(response);
        CHECK(response->status == 201);
        const auto received = server.received();
        REQUIRE(received.size() == 1);
        CHECK(received[0].body == payload);
        CHECK(received[0].header("content-length") == std::to_string(payload.size()));
        CHECK(received[0].header("content-type") == "application/octet-stream");
        CHECK_FALSE(received[0].header("expect"));
    }

    SUBCASE("PATCH of unknown size is chunked")
    {
        server.expect("PATCH /upload", Reply{202, {}, ""});
        oras::MemorySource source("chunk of data");
        http::Request request;
        request.method = "PATCH";
        request.url = server.url() + "/upload";
        request.body = &source;
        auto response = client->send(request);
        REQUIRE(response);
        CHECK(response->status == 202);
        const auto received = server.received();
        REQUIRE(received.size() == 1);
        CHECK(received[0].body == "chunk of data");
        CHECK(received[0].header("transfer-encoding") == "chunked");
    }

    SUBCASE("POST without a body sends Content-Length 0 and no form Content-Type")
    {
        server.expect("POST /v2/r/blobs/uploads/", Reply{202, {{"Location", "/u"}}, ""});
        http::Request request;
        request.method = "POST";
        request.url = server.url() + "/v2/r/blobs/uploads/";
        request.body_size = 0;
        auto response = client->send(request);
        REQUIRE(response);
        CHECK(response->status == 202);
        const auto received = server.received();
        REQUIRE(received.size() == 1);
        CHECK(received[0].header("content-length") == "0");
        CHECK_FALSE(received[0].header("content-type"));
    }

    SUBCASE("POST streams a body")
    {
        server.expect("POST /token", Reply{200, {}, "{}"});
        oras::MemorySource source("grant_type=password");
        http::Request request;
        request.method = "POST";
        request.url = server.url() + "/token";
        request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
        request.body = &source;
        request.body_size = 19;
        REQUIRE(client->send(request));
        const auto received = server.received();
        REQUIRE(received.size() == 1);
        CHECK(received[0].body == "grant_type=password");
        CHECK(received[0].header("content-type") == "application/x-www-form-urlencoded");
    }

    SUBCASE("a source shorter than body_size fails with size_mismatch")
    {
        oras::MemorySource source("short");
        http::Request request;
        request.method = "PUT";
        request.url = server.url() + "/upload";
        request.body = &source;
        request.body_size = 100;
        auto response = client->send(request);
        REQUIRE_FALSE(response);
        CHECK(response.error().code == ErrorCode::size_mismatch);
    }
}

TEST_CASE("http::CurlClient keeps the errors of sources and sinks")
{
    ScriptedServer server;
    auto client = make_client();

    SUBCASE("sink")
    {
        server.expect("GET /blob", Reply{200, {}, "data"});
        FailingSink sink;
        http::Request request;
        request.url = server.url() + "/blob";
        request.sink = &sink;
        auto response = client->send(request);
        REQUIRE_FALSE(response);
        CHECK(response.error().code == ErrorCode::io);
        CHECK(response.error().message == "disk full (test)");
    }

    SUBCASE("source")
    {
        FailingSource source;
        http::Request request;
        request.method = "PUT";
        request.url = server.url() + "/upload";
        request.body = &source;
        request.body_size = 10;
        auto response = client->send(request);
        REQUIRE_FALSE(response);
        CHECK(response.error().code == ErrorCode::cancelled);
        CHECK(response.error().message == "stopped by the test");
    }
}

TEST_CASE("http::CurlClient redirects")
{
    ScriptedServer server;
    auto client = make_client();
    server.expect("GET /v2/r/blobs/sha256:a",
                  Reply{307, {{"Location", server.url() + "/storage/a?sig=secret"}}, ""});
    server.expect("GET /storage/a?sig=secret", Reply{200, {{"X-Hop", "2"}}, "stored"});
    server.expect("GET /v2/r/blobs/sha256:a", Reply{307, {{"Location", "/storage/a"}}, ""});

    oras::StringSink sink(100);
    http::Request request;
    request.url = server.url() + "/v2/r/blobs/sha256:a";
    request.sink = &sink;
    request.follow = http::FollowRedirects::yes;
    auto followed = client->send(request);
    REQUIRE(followed);
    CHECK(followed->status == 200);
    CHECK(sink.str() == "stored");
    CHECK(followed->header("x-hop") == "2");
    CHECK(followed->effective_url == server.url() + "/storage/a?sig=secret");

    request.follow = http::FollowRedirects::no;
    auto not_followed = client->send(request);
    REQUIRE(not_followed);
    CHECK(not_followed->status == 307);
    CHECK(not_followed->header("location") == "/storage/a");
}

TEST_CASE("http::CurlClient failures without a response")
{
    SUBCASE("connection refused is a network error naming the request")
    {
        auto client = make_client();
        const std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/v2/";
        http::Request request;
        request.url = url;
        auto response = client->send(request);
        REQUIRE_FALSE(response);
        CHECK(response.error().code == ErrorCode::network);
        CHECK(response.error().message.find("GET " + url + ": connection refused (") == 0);
    }

    SUBCASE("missing CA, certificate or key files are refused up front")
    {
        http::ClientOptions options;
        options.ca_file = "/nonexistent/ca.crt";
        auto client = http::make_curl_client(options);
        REQUIRE_FALSE(client);
        CHECK(client.error().code == ErrorCode::invalid_argument);
        CHECK(client.error().message.find("/nonexistent/ca.crt") != std::string::npos);
        options.ca_file.clear();
        options.key_file = "/nonexistent/client.key";
        auto keyed = http::make_curl_client(options);
        REQUIRE_FALSE(keyed);
        CHECK(keyed.error().message.find("/nonexistent/client.key") != std::string::npos);
    }

    SUBCASE("TLS to a plain HTTP server is a tls error")
    {
        PlainResponder plain;
        auto client = make_client();
        http::Request request;
        request.url = "https://127.0.0.1:" + std::to_string(plain.port()) + "/v2/";
        auto response = client->send(request);
        REQUIRE_FALSE(response);
        CHECK(response.error().code == ErrorCode::tls);
    }
}

TEST_CASE("http::CurlClient debug lines")
{
    ScriptedServer server;
    std::vector<std::string> lines;
    auto client = make_client(&lines);
    server.expect("GET /v2/", Reply{401, {{"WWW-Authenticate", "Basic realm=\"r\""}}, ""});
    server.expect("GET /v2/", Reply{200, {}, "{}"});
    http::Request request;
    request.url = server.url() + "/v2/";
    REQUIRE(client->send(request));
    request.url = "http://alice:s3cret@127.0.0.1:" + std::to_string(server.port()) + "/v2/";
    request.headers = {{"Authorization", "Bearer top-secret-token"}};
    REQUIRE(client->send(request));
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "GET " + server.url() + "/v2/ -> 401");
    CHECK(lines[1] == "GET " + server.url() + "/v2/ -> 200");
    for (const auto& line : lines) {
        CHECK(line.find("s3cret") == std::string::npos);
        CHECK(line.find("top-secret") == std::string::npos);
    }
}

TEST_CASE("http::curl_version")
{
    const std::string version = http::curl_version();
    REQUIRE_FALSE(version.empty());
    CHECK(std::isdigit(static_cast<unsigned char>(version.front())));
    CHECK(version.find('.') != std::string::npos);
}

TEST_CASE("http::CurlClient keeps what belongs to the registry on its origin")
{
    ScriptedServer registry;
    ScriptedServer elsewhere;
    http::ClientOptions options;
    options.origin = registry.url();
    options.headers = {{"X-Custom", "for-the-registry"}, {"Accept", "overridden?"}};
    auto made = http::make_curl_client(options);
    REQUIRE(made);
    auto& client = **made;

    SUBCASE("custom headers go to the registry's origin only, never over the request's own")
    {
        registry.expect("GET /v2/", Reply{200, {}, "{}"});
        elsewhere.expect("GET /token", Reply{200, {}, "{}"});
        http::Request request;
        request.url = registry.url() + "/v2/";
        request.headers = {{"Accept", "application/json"}};
        REQUIRE(client.send(request));
        request.url = elsewhere.url() + "/token";
        REQUIRE(client.send(request));
        const auto at_registry = registry.received();
        const auto at_elsewhere = elsewhere.received();
        REQUIRE(at_registry.size() == 1);
        REQUIRE(at_elsewhere.size() == 1);
        CHECK(at_registry[0].header("x-custom") == "for-the-registry");
        CHECK(at_registry[0].header("accept") == "application/json");
        CHECK_FALSE(at_elsewhere[0].header("x-custom"));
    }

    SUBCASE("another origin on loopback is refused until the registry is known to be there")
    {
        http::Request request;
        request.url = elsewhere.url() + "/token";
        auto refused = client.send(request);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == ErrorCode::forbidden);
        CHECK(refused.error().message == "GET " + elsewhere.url() +
                                             "/token: refusing to connect to 127.0.0.1, a "
                                             "loopback address, for a registry on a public "
                                             "address");
        registry.expect("GET /v2/", Reply{200, {}, "{}"});
        elsewhere.expect("GET /token", Reply{200, {}, "{}"});
        request.url = registry.url() + "/v2/";
        REQUIRE(client.send(request));
        request.url = elsewhere.url() + "/token";
        CHECK(client.send(request));
    }

    SUBCASE("internal addresses of another class are refused before connecting, in any spelling")
    {
        registry.expect("GET /v2/", Reply{200, {}, "{}"});
        http::Request request;
        request.url = registry.url() + "/v2/";
        REQUIRE(client.send(request));
        // 0.0.0.0 and [::] reach this host on Linux: the scripted servers would see a request.
        const std::string port = std::to_string(elsewhere.port());
        for (const std::string& host : std::vector<std::string>{"0.0.0.0:" + port,
                                                                "0:" + port,
                                                                "169.254.169.254",
                                                                "0xa9fea9fe",
                                                                "2852039166",
                                                                "0251.0376.0251.0376",
                                                                "169.254.43518",
                                                                "[::ffff:169.254.169.254]",
                                                                "10.0.0.1",
                                                                "100.64.0.1",
                                                                "[fd00::1]",
                                                                "[fe80::1]",
                                                                "[::]:" + port}) {
            CAPTURE(host);
            request.url = "http://" + host + "/latest/meta-data/";
            auto refused = client.send(request);
            REQUIRE_FALSE(refused);
            CHECK(refused.error().code == ErrorCode::forbidden);
            CHECK(refused.error().message.find(": refusing to connect to ") != std::string::npos);
        }
        CHECK(elsewhere.received().empty());
    }
}

TEST_CASE("http::CurlClient checks the address a host name resolves to")
{
    ScriptedServer registry;
    http::ClientOptions options;
    options.origin = "http://registry.test:" + std::to_string(registry.port());
    options.resolve = {"registry.test:" + std::to_string(registry.port()) + ":127.0.0.1",
                       "metadata.test:80:169.254.169.254",
                       "inside.test:80:127.0.0.1:" + std::to_string(registry.port())};
    auto made = http::make_curl_client(options);
    REQUIRE(made);
    auto& client = **made;
    registry.expect("GET /v2/", Reply{200, {}, "{}"});
    registry.expect("GET /token", Reply{200, {}, "{}"});
    http::Request request;
    request.url = options.origin + "/v2/";
    auto answered = client.send(request);
    REQUIRE(answered);
    CHECK(answered->status == 200);

    request.url = "http://metadata.test/latest/meta-data/";
    auto refused = client.send(request);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::forbidden);
    CHECK(refused.error().message ==
          "GET http://metadata.test/latest/meta-data/: refusing to connect to 169.254.169.254, a "
          "link-local address, for a registry on a loopback address");

    request.url = "http://inside.test/token"; // loopback, as the registry: allowed
    CHECK(client.send(request));

    SUBCASE("a malformed --resolve entry is refused up front")
    {
        http::ClientOptions bad;
        bad.resolve = {"registry.test:443"};
        auto client_or = http::make_curl_client(bad);
        REQUIRE_FALSE(client_or);
        CHECK(client_or.error().code == ErrorCode::invalid_argument);
    }
}

TEST_CASE("http::CurlClient behind a proxy learns nothing from the proxy's address")
{
    ScriptedServer proxy;
    for (const char* name :
         {"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"}) {
        ::unsetenv(name);
    }
    ::setenv("http_proxy", proxy.url().c_str(), 1);
    http::ClientOptions options;
    options.origin = "http://registry.test";
    auto made = http::make_curl_client(options);
    REQUIRE(made);
    auto& client = **made;
    proxy.expect("GET http://registry.test/v2/", Reply{200, {}, "{}"});
    proxy.expect("GET http://auth.test/token", Reply{200, {}, "{}"});
    http::Request request;
    request.url = "http://registry.test/v2/";
    CHECK(client.send(request));
    // The proxy is on loopback; the realm's own address is the proxy's to resolve.
    request.url = "http://auth.test/token";
    CHECK(client.send(request));
    // An IP literal is still checked, and the registry's class was not learnt from the proxy.
    request.url = "http://127.0.0.1:1/token";
    auto refused = client.send(request);
    ::unsetenv("http_proxy");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message ==
          "GET http://127.0.0.1:1/token: refusing to connect to 127.0.0.1, a loopback address, "
          "for a registry on a public address");
}
