#include "http/url.hpp"

#include <doctest/doctest.h>

using namespace oras;
using namespace oras::http;

TEST_CASE("http::split_url")
{
    auto parts = split_url("HTTPS://User:pw@Reg.Example:8443/v2/x/blobs/uploads/u?_state=a#frag");
    REQUIRE(parts);
    CHECK(parts->scheme == "https");
    CHECK(parts->host == "reg.example");
    CHECK(parts->port == "8443");
    CHECK(parts->path == "/v2/x/blobs/uploads/u");
    CHECK(parts->query == "_state=a");

    auto defaulted = split_url("http://h");
    REQUIRE(defaulted);
    CHECK(defaulted->port == "80");
    CHECK(defaulted->path == "/");

    auto ipv6 = split_url("https://[::1]:5000/v2/");
    REQUIRE(ipv6);
    CHECK(ipv6->host == "[::1]");
    CHECK(ipv6->port == "5000");

    CHECK_FALSE(split_url("ftp://h/x"));
    CHECK_FALSE(split_url("/v2/x"));
    CHECK_FALSE(split_url("http://h:port/x"));
    CHECK_FALSE(split_url("http:///x"));
}

TEST_CASE("http::same_origin")
{
    CHECK(same_origin("https://r.io/v2/", "https://r.io:443/v2/x/blobs/uploads/u"));
    CHECK(same_origin("http://localhost:5000", "HTTP://LOCALHOST:5000/v2/"));
    CHECK_FALSE(same_origin("http://localhost:5000", "https://localhost:5000/"));
    CHECK_FALSE(same_origin("http://localhost:5000", "http://localhost:5001/"));
    CHECK_FALSE(same_origin("http://localhost:5000", "http://127.0.0.1:5000/"));
    CHECK_FALSE(same_origin("https://r.io", "https://r.io.evil.example/"));
    CHECK_FALSE(same_origin("https://r.io", "https://evil.example@r.io.evil/"));
    CHECK_FALSE(same_origin("https://r.io", "not a url"));
}

TEST_CASE("http::resolve_location")
{
    const std::string request = "http://localhost:5000/v2/demo/wasm/blobs/uploads/";

    SUBCASE("absolute")
    {
        CHECK(
            resolve_location(request, "http://localhost:5000/v2/demo/wasm/blobs/uploads/u?_state=s")
                .value() == "http://localhost:5000/v2/demo/wasm/blobs/uploads/u?_state=s");
        CHECK(resolve_location(request, "https://cdn.example/x").value() ==
              "https://cdn.example/x");
    }
    SUBCASE("absolute path")
    {
        CHECK(resolve_location(request, "/v2/demo/wasm/blobs/uploads/u?_state=s").value() ==
              "http://localhost:5000/v2/demo/wasm/blobs/uploads/u?_state=s");
    }
    SUBCASE("scheme-relative")
    {
        CHECK(resolve_location(request, "//other:1/x").value() == "http://other:1/x");
    }
    SUBCASE("relative path")
    {
        CHECK(resolve_location(request, "u?_state=s").value() ==
              "http://localhost:5000/v2/demo/wasm/blobs/uploads/u?_state=s");
        CHECK(resolve_location("http://h/v2/x/blobs/uploads/abc?q=1", "def").value() ==
              "http://h/v2/x/blobs/uploads/def");
    }
    SUBCASE("query only")
    {
        CHECK(resolve_location("http://h/a/b?x=1", "?y=2").value() == "http://h/a/b?y=2");
    }
    SUBCASE("surrounding spaces are ignored")
    {
        CHECK(resolve_location(request, "  /v2/u \r").value() == "http://localhost:5000/v2/u");
    }
    SUBCASE("unusable values")
    {
        CHECK(resolve_location(request, "").error().code == ErrorCode::invalid_format);
        CHECK(resolve_location(request, "ftp://h/x").error().code == ErrorCode::invalid_format);
        CHECK(resolve_location(request, "http://h:bad/x").error().code ==
              ErrorCode::invalid_format);
    }
}

TEST_CASE("http::with_query_parameter")
{
    CHECK(with_query_parameter("http://h/u", "digest", "sha256:ab") ==
          "http://h/u?digest=sha256:ab");
    CHECK(with_query_parameter("http://h/u?_state=x", "digest", "sha256:ab") ==
          "http://h/u?_state=x&digest=sha256:ab");
    CHECK(with_query_parameter("http://h/u?", "digest", "d") == "http://h/u?digest=d");
    CHECK(with_query_parameter("http://h/u?a=1&", "digest", "d") == "http://h/u?a=1&digest=d");
    CHECK(with_query_parameter("http://h/u#frag", "digest", "d") == "http://h/u?digest=d");
    CHECK(with_query_parameter("http://h/u", "k", "a b&c=d/é") ==
          "http://h/u?k=a%20b%26c%3Dd%2F%C3%A9");
}

TEST_CASE("http::is_loopback_host")
{
    CHECK(is_loopback_host("localhost"));
    CHECK(is_loopback_host("LOCALHOST:5000"));
    CHECK(is_loopback_host("registry.localhost:5000"));
    CHECK(is_loopback_host("127.0.0.1:15001"));
    CHECK(is_loopback_host("127.1.2.3"));
    CHECK(is_loopback_host("[::1]:5000"));
    CHECK(is_loopback_host("::1"));
    CHECK_FALSE(is_loopback_host("ghcr.io"));
    CHECK_FALSE(is_loopback_host("localhost.example.com"));
    CHECK_FALSE(is_loopback_host("10.0.0.1:5000"));
}
