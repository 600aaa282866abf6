// The referrers API (distribution-spec v1.1, "Listing Referrers") against the scripted server:
// the 200 answer, the artifactType filter applied by coras unless the registry says it did
// (OCI-Filters-Applied), a missing API, pages followed through Link and their bounds.
#include "oras/content.hpp"
#include "oras/media_types.hpp"
#include "oras/reference.hpp"
#include "oras/remote.hpp"
#include "scripted_server.hpp"

#include <doctest/doctest.h>

#include <string>

using coras_test::Reply;
using coras_test::ScriptedServer;
using namespace oras;

namespace {

const std::string k_subject =
    "sha256:1111111111111111111111111111111111111111111111111111111111111111";
const std::string k_path = "/v2/demo/wasm/referrers/" + k_subject;

std::string host(const ScriptedServer& server)
{
    return "localhost:" + std::to_string(server.port());
}

Descriptor subject()
{
    Descriptor desc;
    desc.media_type = std::string(media_type::oci_manifest);
    desc.digest = *Digest::parse(k_subject);
    desc.size = 100;
    return desc;
}

// An OCI index listing referrers of the given artifact types (digest 2..., 3..., ...).
std::string index_of(const std::vector<std::string>& types, char first = '2')
{
    std::string manifests;
    char fill = first;
    for (const auto& type : types) {
        if (!manifests.empty()) {
            manifests += ",";
        }
        manifests +=
            R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:)" +
            std::string(64, fill++) + R"(","size":10,"artifactType":")" + type + "\"}";
    }
    return R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[)" +
           manifests + "]}";
}

Reply page(const std::string& body, coras_test::HeaderList extra = {})
{
    extra.emplace_back("Content-Type", "application/vnd.oci.image.index.v1+json");
    return {200, extra, body};
}

Result<std::optional<std::vector<Descriptor>>> referrers(const ScriptedServer& server,
                                                         std::string_view artifact_type = {})
{
    auto ref = Reference::parse(host(server) + "/demo/wasm");
    REQUIRE(ref);
    auto target = open_remote_repository(*ref, RemoteOptions{});
    REQUIRE(target);
    auto* lister = dynamic_cast<ReferrerLister*>(target->get());
    REQUIRE(lister != nullptr);
    return lister->referrers_api(subject(), artifact_type);
}

std::vector<std::string> types_of(const std::vector<Descriptor>& descs)
{
    std::vector<std::string> types;
    for (const auto& desc : descs) {
        types.push_back(desc.artifact_type);
    }
    return types;
}

} // namespace

TEST_CASE("referrers API: a 200 answer lists the index's manifests")
{
    ScriptedServer server;
    server.expect("GET " + k_path, page(index_of({"application/a", "application/b"})));
    auto found = referrers(server);
    REQUIRE_MESSAGE(found, found.error().message);
    REQUIRE(found->has_value());
    CHECK(types_of(**found) == std::vector<std::string>{"application/a", "application/b"});
    CHECK((**found)[0].digest.str() == "sha256:" + std::string(64, '2'));
    CHECK((**found)[1].size == 10);
}

TEST_CASE("referrers API: the artifactType filter")
{
    SUBCASE("the registry did not filter: coras does")
    {
        ScriptedServer server;
        server.expect("GET " + k_path + "?artifactType=application%2Fb",
                      page(index_of({"application/a", "application/b"})));
        auto found = referrers(server, "application/b");
        REQUIRE_MESSAGE(found, found.error().message);
        REQUIRE(found->has_value());
        CHECK(types_of(**found) == std::vector<std::string>{"application/b"});
    }
    SUBCASE("OCI-Filters-Applied: the registry's answer is taken as it is")
    {
        ScriptedServer server;
        server.expect("GET " + k_path + "?artifactType=application%2Fb",
                      page(index_of({"application/a", "application/b"}),
                           {{"OCI-Filters-Applied", "artifactType"}}));
        auto found = referrers(server, "application/b");
        REQUIRE_MESSAGE(found, found.error().message);
        REQUIRE(found->has_value());
        CHECK((**found).size() == 2);
    }
}

TEST_CASE("referrers API: a plain 404 means no API; a registry error document is an error")
{
    {
        ScriptedServer server;
        server.expect("GET " + k_path, Reply{404, {}, "404 page not found\n"});
        auto found = referrers(server);
        REQUIRE_MESSAGE(found, found.error().message);
        CHECK_FALSE(found->has_value());
    }
    {
        ScriptedServer server;
        server.expect(
            "GET " + k_path,
            Reply{
                404,
                {{"Content-Type", "application/json"}},
                R"({"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]})"});
        auto found = referrers(server);
        REQUIRE_FALSE(found);
        CHECK(found.error().message.find("referrers of " + k_subject) != std::string::npos);
    }
}

TEST_CASE("referrers API: pages followed through Link, relative or absolute on the origin")
{
    ScriptedServer server;
    server.expect("GET " + k_path,
                  page(index_of({"application/a"}, '2'),
                       {{"Link", "<" + k_path + "?next=2>; rel=\"next\""}}));
    server.expect("GET " + k_path + "?next=2",
                  page(index_of({"application/b"}, '3'),
                       {{"Link", "<http://" + host(server) + k_path + "?next=3>; rel=\"next\""}}));
    server.expect("GET " + k_path + "?next=3", page(index_of({"application/c"}, '4')));
    auto found = referrers(server);
    REQUIRE_MESSAGE(found, found.error().message);
    REQUIRE(found->has_value());
    CHECK(types_of(**found) ==
          std::vector<std::string>{"application/a", "application/b", "application/c"});
}

TEST_CASE("referrers API: hostile pages")
{
    SUBCASE("a Link to another origin is refused")
    {
        ScriptedServer server;
        server.expect("GET " + k_path,
                      page(index_of({"application/a"}),
                           {{"Link", "<http://127.0.0.1:9" + k_path + "?n=2>; rel=\"next\""}}));
        auto found = referrers(server);
        REQUIRE_FALSE(found);
        CHECK(found.error().code == ErrorCode::forbidden);
        CHECK(found.error().message.find("referrers of " + k_subject) != std::string::npos);
        CHECK(found.error().message.find('\n') == std::string::npos);
    }
    SUBCASE("a Link back to a page already read is a loop")
    {
        ScriptedServer server;
        server.expect(
            "GET " + k_path,
            page(index_of({"application/a"}), {{"Link", "<" + k_path + "?n=2>; rel=\"next\""}}));
        server.expect(
            "GET " + k_path + "?n=2",
            page(index_of({"application/b"}), {{"Link", "<" + k_path + ">; rel=\"next\""}}));
        auto found = referrers(server);
        REQUIRE_FALSE(found);
        CHECK(found.error().code == ErrorCode::invalid_format);
        CHECK(found.error().message.find("(page 2)") != std::string::npos);
        CHECK(found.error().message.find("loop") != std::string::npos);
    }
    SUBCASE("a page that is no index")
    {
        ScriptedServer server;
        server.expect("GET " + k_path, page(R"({"tags":["a"]})"));
        auto found = referrers(server);
        REQUIRE_FALSE(found);
        CHECK(found.error().message.find("referrers of " + k_subject) != std::string::npos);
    }
    SUBCASE("a page over 4 MiB")
    {
        ScriptedServer server;
        server.expect("GET " + k_path, page(std::string(5 * 1024 * 1024, ' ')));
        auto found = referrers(server);
        REQUIRE_FALSE(found);
        CHECK(found.error().code == ErrorCode::too_large);
    }
}
