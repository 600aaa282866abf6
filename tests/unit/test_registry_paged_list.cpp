// Tag lists and catalogs paged through Link headers, and their bounds, against the scripted
// server (reached as localhost:<port>, so plain HTTP applies); also DELETE and blob HEAD.
#include "oras/deleter.hpp"
#include "oras/listing.hpp"
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

std::string host(const ScriptedServer& server)
{
    return "localhost:" + std::to_string(server.port());
}

std::unique_ptr<Target> open(const ScriptedServer& server)
{
    auto ref = Reference::parse(host(server) + "/demo/wasm");
    REQUIRE(ref);
    auto target = open_remote_repository(*ref, RemoteOptions{});
    REQUIRE(target);
    return std::move(target).value();
}

Result<std::vector<std::string>> list_tags(const ScriptedServer& server, const ListOptions& options)
{
    auto target = open(server);
    auto* lister = dynamic_cast<TagLister*>(target.get());
    REQUIRE(lister != nullptr);
    return lister->tags(options);
}

Reply page(const std::string& body, const std::string& link = {})
{
    coras_test::HeaderList headers = {{"Content-Type", "application/json"}};
    if (!link.empty()) {
        headers.emplace_back("Link", link);
    }
    return {200, headers, body};
}

// The failure is one line naming the repository, the step and the page.
void check_one_line(const Error& error, const std::string& target, const std::string& page)
{
    CAPTURE(error.message);
    CHECK(error.message.find('\n') == std::string::npos);
    CHECK(error.message.find(target) != std::string::npos);
    CHECK(error.message.find(page) != std::string::npos);
}

const std::string k_digest =
    "sha256:1111111111111111111111111111111111111111111111111111111111111111";

} // namespace

TEST_CASE("registry tag list: pages followed through Link")
{
    ScriptedServer server;
    server.expect("GET /v2/demo/wasm/tags/list?n=2",
                  page(R"({"name":"demo/wasm","tags":["a","b"]})",
                       R"(</v2/demo/wasm/tags/list?n=2&last=b>; rel="next")"));
    server.expect("GET /v2/demo/wasm/tags/list?n=2&last=b",
                  page(R"({"name":"demo/wasm","tags":["c"]})"));
    ListOptions options;
    options.page_size = 2;
    auto tags = list_tags(server, options);
    REQUIRE_MESSAGE(tags, tags.error().message);
    CHECK(*tags == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("registry tag list: --last, a relative Link, null tags")
{
    ScriptedServer server;
    server.expect("GET /v2/demo/wasm/tags/list?last=v1",
                  page(R"({"tags":["v2"]})", R"(<list?last=v2>; rel=next)"));
    server.expect("GET /v2/demo/wasm/tags/list?last=v2", page(R"({"tags":null})"));
    ListOptions options;
    options.last = "v1";
    auto tags = list_tags(server, options);
    REQUIRE_MESSAGE(tags, tags.error().message);
    CHECK(*tags == std::vector<std::string>{"v2"});
}

TEST_CASE("registry tag list: an endless Link chain stops at the page limit")
{
    ScriptedServer server;
    for (int i = 1; i <= 3; ++i) {
        const std::string from = i == 1 ? "" : "?last=t" + std::to_string(i - 1);
        server.expect(
            "GET /v2/demo/wasm/tags/list" + from,
            page(R"({"tags":["t)" + std::to_string(i) + R"("]})",
                 "</v2/demo/wasm/tags/list?last=t" + std::to_string(i) + ">; rel=\"next\""));
    }
    ListOptions options;
    options.max_pages = 3;
    auto tags = list_tags(server, options);
    REQUIRE_FALSE(tags);
    CHECK(tags.error().code == ErrorCode::too_large);
    check_one_line(tags.error(), host(server) + "/demo/wasm", "tag list page 4");
    CHECK(tags.error().message.find("more than 3 pages") != std::string::npos);
}

TEST_CASE("registry tag list: a Link to another origin is refused")
{
    ScriptedServer server;
    server.expect("GET /v2/demo/wasm/tags/list",
                  page(R"({"tags":["a"]})",
                       R"(<http://127.0.0.1:9/v2/demo/wasm/tags/list?last=a>; rel="next")"));
    auto tags = list_tags(server, {});
    REQUIRE_FALSE(tags);
    CHECK(tags.error().code == ErrorCode::forbidden);
    check_one_line(tags.error(), host(server) + "/demo/wasm", "tag list page 1");
    CHECK(tags.error().message.find("origin") != std::string::npos);
}

TEST_CASE("registry tag list: a Link back to a page already read is a loop")
{
    ScriptedServer server;
    server.expect("GET /v2/demo/wasm/tags/list",
                  page(R"({"tags":["a"]})", R"(</v2/demo/wasm/tags/list?last=a>; rel="next")"));
    server.expect("GET /v2/demo/wasm/tags/list?last=a",
                  page(R"({"tags":["b"]})", R"(</v2/demo/wasm/tags/list?last=a>; rel="next")"));
    auto tags = list_tags(server, {});
    REQUIRE_FALSE(tags);
    CHECK(tags.error().code == ErrorCode::invalid_format);
    check_one_line(tags.error(), host(server) + "/demo/wasm", "tag list page 2");
    CHECK(tags.error().message.find("loop") != std::string::npos);
}

TEST_CASE("registry tag list: an oversized page is refused")
{
    ScriptedServer server;
    server.expect("GET /v2/demo/wasm/tags/list",
                  page(R"({"tags":[")" + std::string(300, 'x') + R"("]})"));
    ListOptions options;
    options.max_page_bytes = 100;
    auto tags = list_tags(server, options);
    REQUIRE_FALSE(tags);
    CHECK(tags.error().code == ErrorCode::too_large);
    check_one_line(tags.error(), host(server) + "/demo/wasm", "tag list page 1");
    CHECK(tags.error().message.find("100-byte") != std::string::npos);
}

TEST_CASE("registry tag list: a page that is not a tag list")
{
    for (const char* body :
         {"<html>oops</html>", R"(["a"])", R"({"tags":"a"})", R"({"tags":[1]})"}) {
        CAPTURE(body);
        ScriptedServer server;
        server.expect("GET /v2/demo/wasm/tags/list", page(body));
        auto tags = list_tags(server, {});
        REQUIRE_FALSE(tags);
        CHECK(tags.error().code == ErrorCode::invalid_format);
        check_one_line(tags.error(), host(server) + "/demo/wasm", "tag list page 1");
    }
}

TEST_CASE("registry tag list: the total is capped")
{
    ScriptedServer server;
    server.expect("GET /v2/demo/wasm/tags/list",
                  page(R"({"tags":["a","b"]})", R"(</v2/demo/wasm/tags/list?last=b>; rel=next)"));
    server.expect("GET /v2/demo/wasm/tags/list?last=b", page(R"({"tags":["c","d"]})"));
    ListOptions options;
    options.max_entries = 3;
    auto tags = list_tags(server, options);
    REQUIRE_FALSE(tags);
    CHECK(tags.error().code == ErrorCode::too_large);
    check_one_line(tags.error(), host(server) + "/demo/wasm", "tag list page 2");
}

TEST_CASE("registry tag list: an unknown repository")
{
    ScriptedServer server;
    server.expect(
        "GET /v2/demo/wasm/tags/list",
        Reply(
            404,
            {{"Content-Type", "application/json"}},
            R"({"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]})"));
    auto tags = list_tags(server, {});
    REQUIRE_FALSE(tags);
    CHECK(tags.error().code == ErrorCode::not_found);
    check_one_line(tags.error(), host(server) + "/demo/wasm", "NAME_UNKNOWN");
}

TEST_CASE("list_repositories pages the catalog")
{
    ScriptedServer server;
    server.expect(
        "GET /v2/_catalog?n=2",
        page(R"({"repositories":["a/x","b/y"]})", R"(</v2/_catalog?last=b%2Fy&n=2>; rel="next")"));
    server.expect("GET /v2/_catalog?last=b%2Fy&n=2", page(R"({"repositories":["c/z"]})"));
    ListOptions options;
    options.page_size = 2;
    auto repositories = list_repositories(host(server), RemoteOptions{}, options);
    REQUIRE_MESSAGE(repositories, repositories.error().message);
    CHECK(*repositories == std::vector<std::string>{"a/x", "b/y", "c/z"});
}

TEST_CASE("list_repositories: no catalog, a bad registry")
{
    ScriptedServer server;
    server.expect("GET /v2/_catalog", Reply(404, {}, "404 page not found"));
    auto none = list_repositories(host(server), RemoteOptions{}, {});
    REQUIRE_FALSE(none);
    CHECK(none.error().code == ErrorCode::unsupported);
    check_one_line(none.error(), host(server), "repository catalog page 1");
    auto bad = list_repositories("bad host", RemoteOptions{}, {});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == ErrorCode::invalid_argument);
}

TEST_CASE("registry delete: manifest and blob")
{
    ScriptedServer server;
    auto target = open(server);
    auto* deleter = dynamic_cast<Deleter*>(target.get());
    REQUIRE(deleter != nullptr);
    Descriptor manifest;
    manifest.media_type = std::string(media_type::oci_manifest);
    manifest.digest = *Digest::parse(k_digest);
    Descriptor blob = manifest;
    blob.media_type = "application/octet-stream";

    SUBCASE("202 deletes")
    {
        server.expect("DELETE /v2/demo/wasm/manifests/" + k_digest, Reply(202));
        server.expect("DELETE /v2/demo/wasm/blobs/" + k_digest, Reply(202));
        CHECK(deleter->remove(manifest));
        CHECK(deleter->remove(blob));
    }
    SUBCASE("404 is not_found naming the object")
    {
        server.expect(
            "DELETE /v2/demo/wasm/manifests/" + k_digest,
            Reply(404,
                  {{"Content-Type", "application/json"}},
                  R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]})"));
        auto removed = deleter->remove(manifest);
        REQUIRE_FALSE(removed);
        CHECK(removed.error().code == ErrorCode::not_found);
        check_one_line(removed.error(), host(server) + "/demo/wasm", "manifest " + k_digest);
    }
    SUBCASE("405 says deletion is disabled")
    {
        server.expect(
            "DELETE /v2/demo/wasm/blobs/" + k_digest,
            Reply(
                405,
                {{"Content-Type", "application/json"}},
                R"({"errors":[{"code":"UNSUPPORTED","message":"The operation is unsupported."}]})"));
        auto removed = deleter->remove(blob);
        REQUIRE_FALSE(removed);
        CHECK(removed.error().code == ErrorCode::unsupported);
        check_one_line(removed.error(), host(server) + "/demo/wasm", "deletion is disabled");
    }
}

TEST_CASE("registry resolve_blob")
{
    ScriptedServer server;
    auto target = open(server);
    auto* resolver = dynamic_cast<BlobResolver*>(target.get());
    REQUIRE(resolver != nullptr);
    server.expect("HEAD /v2/demo/wasm/blobs/" + k_digest,
                  Reply(200, {{"Content-Length", "42"}, {"Docker-Content-Digest", k_digest}}));
    server.expect("HEAD /v2/demo/wasm/blobs/" + k_digest, Reply(404));
    auto found = resolver->resolve_blob(*Digest::parse(k_digest));
    REQUIRE_MESSAGE(found, found.error().message);
    CHECK(found->size == 42);
    auto missing = resolver->resolve_blob(*Digest::parse(k_digest));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::not_found);
}
