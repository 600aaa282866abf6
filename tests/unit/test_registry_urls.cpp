#include "registry/urls.hpp"

#include "oras/reference.hpp"

#include <doctest/doctest.h>

using namespace oras;
using namespace oras::registry;

namespace {

Reference ref(std::string_view text)
{
    auto parsed = Reference::parse(text);
    REQUIRE(parsed);
    return *parsed;
}

const Digest k_digest =
    Digest::sha256_from_hex("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");

} // namespace

TEST_CASE("registry::scheme_for")
{
    CHECK(scheme_for(ref("localhost/demo/wasm"), PlainHttp::auto_detect) == "http");
    CHECK(scheme_for(ref("localhost:5000/demo/wasm"), PlainHttp::auto_detect) == "http");
    CHECK(scheme_for(ref("127.0.0.1:5000/demo/wasm"), PlainHttp::auto_detect) == "https");
    CHECK(scheme_for(ref("localhost.example:5000/x"), PlainHttp::auto_detect) == "https");
    CHECK(scheme_for(ref("ghcr.io/x/y"), PlainHttp::auto_detect) == "https");
    CHECK(scheme_for(ref("ghcr.io/x/y"), PlainHttp::yes) == "http");
    CHECK(scheme_for(ref("localhost:5000/x"), PlainHttp::no) == "https");
}

TEST_CASE("registry::RepositoryUrls")
{
    const RepositoryUrls urls(ref("localhost:5000/demo/wasm:v1"), PlainHttp::auto_detect);
    CHECK(urls.base() == "http://localhost:5000");
    CHECK(urls.ping() == "http://localhost:5000/v2/");
    CHECK(urls.blob(k_digest) == "http://localhost:5000/v2/demo/wasm/blobs/" + k_digest.str());
    CHECK(urls.upload() == "http://localhost:5000/v2/demo/wasm/blobs/uploads/");
    CHECK(urls.manifest("v1") == "http://localhost:5000/v2/demo/wasm/manifests/v1");
    CHECK(urls.manifest(k_digest.str()) ==
          "http://localhost:5000/v2/demo/wasm/manifests/" + k_digest.str());

    SUBCASE("Docker Hub goes to registry-1.docker.io over https")
    {
        const RepositoryUrls hub(ref("docker.io/alpine"), PlainHttp::auto_detect);
        CHECK(hub.base() == "https://registry-1.docker.io");
        CHECK(hub.manifest("latest") ==
              "https://registry-1.docker.io/v2/library/alpine/manifests/latest");
    }
}

TEST_CASE("registry::split_url")
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

TEST_CASE("registry::same_origin")
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

TEST_CASE("registry::resolve_location")
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

TEST_CASE("registry::with_query_parameter")
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

TEST_CASE("registry::is_loopback_host")
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
