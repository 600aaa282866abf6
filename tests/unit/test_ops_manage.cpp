// ops::tag, ops::resolve, ops::delete_content and ops::list_tags over an OCI layout, which
// lists tags and deletes like a registry.
#include "oras/ops/manage.hpp"
#include "oras/ops/repo.hpp"

#include "oras/manifest.hpp"
#include "oras/media_types.hpp"
#include "oras/oci_layout.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

using namespace oras;
using coras_test::read_file;
using coras_test::temp_dir;
namespace fs = std::filesystem;

namespace {

const std::string k_config = "{}";
const std::string k_layer("\0asm\x01\x00\x00\x00", 8);

std::string make_manifest(const std::string& annotation)
{
    const Descriptor layer = descriptor_of(media_type::wasm_cncf_layer, k_layer);
    nlohmann::ordered_json json = {
        {"schemaVersion", 2},
        {"mediaType", media_type::oci_manifest},
        {"config",
         {{"mediaType", media_type::oci_empty},
          {"digest", descriptor_of(media_type::oci_empty, k_config).digest.str()},
          {"size", 2}}},
        {"layers",
         {{{"mediaType", layer.media_type}, {"digest", layer.digest.str()}, {"size", 8}}}},
        {"annotations", {{"test", annotation}}}};
    return json.dump();
}

void push(Target& store, const Descriptor& desc, std::string_view bytes)
{
    MemorySource source(bytes);
    REQUIRE(store.push(desc, source));
}

Descriptor push_image(Target& store, const std::string& manifest)
{
    push(store, descriptor_of(media_type::oci_empty, k_config), k_config);
    push(store, descriptor_of(media_type::wasm_cncf_layer, k_layer), k_layer);
    const Descriptor desc = descriptor_of(media_type::oci_manifest, manifest);
    push(store, desc, manifest);
    return desc;
}

std::unique_ptr<Target> open_layout(const fs::path& dir, LayoutMode mode)
{
    auto opened = open_oci_layout(dir, mode);
    REQUIRE_MESSAGE(opened, opened.error().message);
    return std::move(opened).value();
}

std::vector<std::string> tags_of(Target& store, std::string_view reference = {})
{
    auto listing = ops::list_tags(store, reference, {});
    REQUIRE_MESSAGE(listing, listing.error().message);
    return listing->tags;
}

} // namespace

TEST_CASE("ops::tag then list_tags and resolve")
{
    const fs::path dir = temp_dir("ops_tag");
    auto store = open_layout(dir, LayoutMode::create);
    const Descriptor a = push_image(*store, make_manifest("a"));
    const Descriptor b = push_image(*store, make_manifest("b"));
    REQUIRE(store->tag(a, "v1"));
    REQUIRE(store->tag(b, "other"));

    std::vector<std::string> reported;
    ops::TagOptions options;
    options.tagged = [&reported](const std::string& tag) { reported.push_back(tag); };
    auto tagged = ops::tag(*store, "v1", {"v2", "latest", "sha256-" + a.digest.hex()}, options);
    REQUIRE_MESSAGE(tagged, tagged.error().message);
    CHECK(tagged->digest == a.digest);
    CHECK(reported == std::vector<std::string>{"v2", "latest", "sha256-" + a.digest.hex()});

    auto reopened = open_layout(dir, LayoutMode::read_only);
    CHECK(tags_of(*reopened) ==
          std::vector<std::string>{"latest", "other", "sha256-" + a.digest.hex(), "v1", "v2"});
    CHECK(tags_of(*reopened, "v2") ==
          std::vector<std::string>{"latest", "sha256-" + a.digest.hex(), "v1", "v2"});
    CHECK(tags_of(*reopened, b.digest.str()) == std::vector<std::string>{"other"});

    ops::ListTagsOptions hide;
    hide.digest_tags = ops::DigestTags::exclude;
    hide.list.last = "latest";
    auto listing = ops::list_tags(*reopened, "", hide);
    REQUIRE(listing);
    CHECK(listing->tags == std::vector<std::string>{"other", "v1", "v2"});

    CHECK(ops::resolve(*reopened, "latest")->digest == a.digest);
    auto bad = ops::tag(*store, "v1", {"ok", "-bad"});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == ErrorCode::invalid_argument);
    auto unknown = ops::tag(*store, "nope", {"x"});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::not_found);
}

TEST_CASE("ops::is_digest_tag")
{
    CHECK(ops::is_digest_tag("sha256-" + std::string(64, 'a')));
    CHECK_FALSE(ops::is_digest_tag("sha256-abc"));
    CHECK_FALSE(ops::is_digest_tag("v1"));
    CHECK_FALSE(ops::is_digest_tag("sha256_" + std::string(64, 'a')));
}

TEST_CASE("ops::resolve with a platform")
{
    const fs::path dir = temp_dir("ops_resolve_platform");
    auto store = open_layout(dir, LayoutMode::create);
    Descriptor amd64 = push_image(*store, make_manifest("amd64"));
    Descriptor arm64 = push_image(*store, make_manifest("arm64"));
    amd64.platform = Platform{"amd64", "linux", "", {}, ""};
    arm64.platform = Platform{"arm64", "linux", "", {}, "v8"};
    Index index;
    index.media_type = std::string(media_type::oci_index);
    index.manifests = {amd64, arm64};
    const std::string bytes = serialize_index(index);
    const Descriptor index_desc = descriptor_of(media_type::oci_index, bytes);
    push(*store, index_desc, bytes);
    REQUIRE(store->tag(index_desc, "multi"));

    CHECK(ops::resolve(*store, "multi")->digest == index_desc.digest);
    CHECK(ops::resolve(*store, "multi", *parse_platform("linux/arm64"))->digest == arm64.digest);
    auto missing = ops::resolve(*store, "multi", *parse_platform("linux/s390x"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::not_found);
    REQUIRE(store->tag(amd64, "single"));
    auto not_index = ops::resolve(*store, "single", *parse_platform("linux/amd64"));
    REQUIRE_FALSE(not_index);
    CHECK(not_index.error().code == ErrorCode::invalid_argument);
}

TEST_CASE("ops::delete_content on an OCI layout")
{
    const fs::path dir = temp_dir("ops_delete");
    {
        auto store = open_layout(dir, LayoutMode::create);
        const Descriptor a = push_image(*store, make_manifest("a"));
        const Descriptor b = push_image(*store, make_manifest("b"));
        REQUIRE(store->tag(a, "v1"));
        REQUIRE(store->tag(a, "v2"));
        REQUIRE(store->tag(b, "keep"));
    }
    auto store = open_layout(dir, LayoutMode::read_write);
    const Descriptor a = *store->resolve("v1");

    SUBCASE("a manifest goes with its tags; twice is not_found")
    {
        std::vector<Descriptor> asked;
        ops::DeleteOptions options;
        options.confirm = [&asked](const Descriptor& desc) -> Result<bool> {
            asked.push_back(desc);
            return true;
        };
        auto deleted = ops::delete_content(*store, "v2", options);
        REQUIRE_MESSAGE(deleted, deleted.error().message);
        CHECK(deleted->outcome == ops::DeleteOutcome::deleted);
        CHECK(deleted->descriptor.digest == a.digest);
        REQUIRE(asked.size() == 1);
        CHECK_FALSE(fs::exists(dir / "blobs" / "sha256" / a.digest.hex()));
        CHECK(tags_of(*open_layout(dir, LayoutMode::read_only)) ==
              std::vector<std::string>{"keep"});
        const auto index = nlohmann::json::parse(read_file(dir / "index.json"));
        CHECK(index["manifests"].size() == 1);

        auto again = ops::delete_content(*store, a.digest.str(), {});
        REQUIRE_FALSE(again);
        CHECK(again.error().code == ErrorCode::not_found);
        CHECK(again.error().message.find(a.digest.str()) != std::string::npos);
        CHECK(again.error().message.find('\n') == std::string::npos);
    }
    SUBCASE("a declined confirmation deletes nothing")
    {
        ops::DeleteOptions options;
        options.confirm = [](const Descriptor&) -> Result<bool> { return false; };
        auto declined = ops::delete_content(*store, "v1", options);
        REQUIRE(declined);
        CHECK(declined->outcome == ops::DeleteOutcome::declined);
        CHECK(store->resolve("v1"));
        CHECK(fs::exists(dir / "blobs" / "sha256" / a.digest.hex()));
    }
    SUBCASE("a blob by digest; not by tag")
    {
        const Descriptor layer = descriptor_of(media_type::wasm_cncf_layer, k_layer);
        ops::DeleteOptions options;
        options.kind = ops::DeleteKind::blob;
        auto deleted = ops::delete_content(*store, layer.digest.str(), options);
        REQUIRE_MESSAGE(deleted, deleted.error().message);
        CHECK(deleted->descriptor.size == 8);
        CHECK_FALSE(fs::exists(dir / "blobs" / "sha256" / layer.digest.hex()));
        auto again = ops::delete_content(*store, layer.digest.str(), options);
        REQUIRE_FALSE(again);
        CHECK(again.error().code == ErrorCode::not_found);
        auto by_tag = ops::delete_content(*store, "v1", options);
        REQUIRE_FALSE(by_tag);
        CHECK(by_tag.error().code == ErrorCode::invalid_argument);
    }
    SUBCASE("a read-only layout refuses")
    {
        auto read_only = open_layout(dir, LayoutMode::read_only);
        auto refused = ops::delete_content(*read_only, "v1", {});
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == ErrorCode::unsupported);
    }
}
