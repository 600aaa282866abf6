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
