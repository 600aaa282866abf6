// `manifest index create|update` (ops/index.cpp, ops/index_entries.cpp) on a memory store, and
// the entry-list edits on their own.
#include "oras/ops/index.hpp"

#include "ops/index_entries.hpp"
#include "ops_test_support.hpp"
#include "oras/ops/manifest.hpp"

#include <doctest/doctest.h>

using namespace oras;

namespace {

Descriptor entry(const std::string& text)
{
    return descriptor_of(media_type::oci_manifest, text);
}

// Stores an image manifest whose config is an OCI image config with `config_json`, tagged.
Descriptor store_image(Target& store, const std::string& config_json, const std::string& tag)
{
    const auto config = coras_test::store_blob(store, config_json, "", media_type::oci_config);
    Manifest manifest;
    manifest.media_type = std::string(media_type::oci_manifest);
    manifest.config = config;
    manifest.config.annotations.clear();
    const auto bytes = serialize_manifest(manifest);
    const auto desc = descriptor_of(media_type::oci_manifest, bytes);
    MemorySource source(bytes);
    REQUIRE(store.push_tagged(desc, source, tag));
    return desc;
}

Platform linux(const std::string& architecture)
{
    Platform platform;
    platform.os = "linux";
    platform.architecture = architecture;
    return platform;
}

Index fetched_index(Target& store, const std::string& reference)
{
    const auto fetched = ops::fetch_manifest(store, reference);
    REQUIRE(fetched);
    CHECK(fetched->descriptor.media_type == media_type::oci_index);
    auto index = parse_index(fetched->bytes, fetched->descriptor.media_type);
    REQUIRE(index);
    return *index;
}

} // namespace

TEST_CASE("ops::index_source_reference and removal_digest")
{
    const std::string digest = entry("x").digest.str();
    CHECK(*ops::index_source_reference("v1-compat") == "v1-compat");
    CHECK(*ops::index_source_reference(digest) == digest);
    CHECK(*ops::index_source_reference("@" + digest) == digest);
    CHECK(ops::index_source_reference("sha256:zz").error().code == ErrorCode::invalid_argument);
    CHECK(ops::index_source_reference("@v1").error().code == ErrorCode::invalid_argument);
    CHECK(ops::index_source_reference("bad*tag").error().code == ErrorCode::invalid_argument);
    CHECK(ops::removal_digest("@" + digest)->str() == digest);
    CHECK(ops::removal_digest("v1").error().code == ErrorCode::invalid_argument);
}

TEST_CASE("ops::platform_of_config")
{
    SUBCASE("os, architecture, variant, os.version and os.features")
    {
        const auto platform = ops::platform_of_config(
            R"({"architecture":"arm","os":"linux","variant":"v7","os.version":"1",)"
            R"("os.features":["f"],"rootfs":{}})");
        REQUIRE(platform);
        CHECK(platform->os == "linux");
        CHECK(platform->architecture == "arm");
        CHECK(platform->variant == "v7");
        CHECK(platform->os_version == "1");
        CHECK(platform->os_features == std::vector<std::string>{"f"});
    }
    SUBCASE("a CNCF Wasm config names wasip1/wasm")
    {
        const auto platform =
            ops::platform_of_config(R"({"architecture":"wasm","os":"wasip1","layerDigests":[]})");
        REQUIRE(platform);
        CHECK(platform_string(*platform) == "wasip1/wasm");
    }
    SUBCASE("no platform: not JSON, no object, neither member, a member of another type")
    {
        CHECK_FALSE(ops::platform_of_config("\x00wasm"));
        CHECK_FALSE(ops::platform_of_config("[]"));
        CHECK_FALSE(ops::platform_of_config("{}"));
        CHECK_FALSE(ops::platform_of_config(R"({"type":"envoy_proxy"})"));
        CHECK_FALSE(ops::platform_of_config(R"({"os":"linux","architecture":5})"));
    }
}

TEST_CASE("ops::append_unique and remove_entries")
{
    const auto a = entry("a");
    const auto b = entry("b");
    const auto c = entry("c");
    std::vector<Descriptor> entries{a, b};
    ops::append_unique(entries, {b, c, a, c});
    REQUIRE(entries.size() == 3);
    CHECK(entries[0] == a);
    CHECK(entries[1] == b);
    CHECK(entries[2] == c);

    const auto kept = ops::remove_entries(entries, {b.digest, a.digest}, "v1");
    REQUIRE(kept);
    REQUIRE(kept->size() == 1);
    CHECK(kept->front() == c);
    const auto absent = ops::remove_entries(entries, {entry("d").digest}, "v1");
    REQUIRE_FALSE(absent);
    CHECK(absent.error().code == ErrorCode::not_found);
    CHECK(absent.error().message.find(entry("d").digest.str()) != std::string::npos);
}

TEST_CASE("ops::with_created and seal_index")
{
    CHECK(ops::with_created({}, std::nullopt).empty());
    CHECK(ops::with_created({}, 0).at("org.opencontainers.image.created") ==
          "1970-01-01T00:00:00Z");
    CHECK(ops::with_created({{"org.opencontainers.image.created", "x"}}, 0)
              .at("org.opencontainers.image.created") == "x");
    Index index;
    index.media_type = std::string(media_type::oci_index);
    const auto sealed = ops::seal_index(index);
    REQUIRE(sealed);
    CHECK(sealed->second ==
          R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json",)"
          R"("manifests":[]})");
    CHECK(sealed->first.digest == sha256_of(sealed->second));
    index.annotations["big"] = std::string(k_max_manifest_bytes, 'x');
    CHECK(ops::seal_index(index).error().code == ErrorCode::too_large);
}

TEST_CASE("ops::create_index")
{
    auto opened = coras_test::memory_target({"all"});
    Target& store = *opened.target;
    const auto plain = coras_test::store_manifest(store, {}, "plain");
    const auto image = store_image(store, R"({"architecture":"amd64","os":"linux"})", "image");
    const auto noplat = store_image(store, R"({"rootfs":{}})", "noplat");

    SUBCASE("entries in order, platforms from image configs, pushed under the tag")
    {
        ops::IndexCreateOptions options;
        options.sources = {"plain", "@" + image.digest.str(), "noplat", "image"};
        options.index.artifact_type = "application/vnd.example";
        options.index.annotations = {{"k", "v"}};
        const auto result = ops::create_index(opened, options);
        REQUIRE(result);
        CHECK(result->pushed);
        CHECK(result->tags == std::vector<std::string>{"all"});
        CHECK(result->desc.digest == sha256_of(result->bytes));
        const Index index = fetched_index(store, "all");
        REQUIRE(index.manifests.size() == 3); // "image" twice: listed once
        CHECK(index.manifests[0].digest == plain.digest);
        CHECK_FALSE(index.manifests[0].platform);
        CHECK(index.manifests[1].digest == image.digest);
        CHECK(index.manifests[1].size == image.size);
        REQUIRE(index.manifests[1].platform);
        CHECK(platform_string(*index.manifests[1].platform) == "linux/amd64");
        CHECK(index.manifests[2].digest == noplat.digest);
        CHECK_FALSE(index.manifests[2].platform);
        CHECK(index.artifact_type == "application/vnd.example");
        CHECK(index.annotations == Annotations{{"k", "v"}});
        // --platform picks the entry.
        const auto picked = ops::fetch_manifest(store, "all", linux("amd64"));
        REQUIRE(picked);
        CHECK(picked->descriptor.digest == image.digest);
        const auto none = ops::fetch_manifest(store, "all", linux("arm64"));
        REQUIRE_FALSE(none);
        CHECK(none.error().code == ErrorCode::not_found);
        CHECK(ops::config_of(store, "all", linux("amd64"))->media_type == media_type::oci_config);
    }
    SUBCASE("local only: nothing pushed")
    {
        ops::IndexCreateOptions options;
        options.sources = {"plain"};
        options.index.delivery = ops::IndexDelivery::local_only;
        const auto result = ops::create_index(opened, options);
        REQUIRE(result);
        CHECK_FALSE(result->pushed);
        CHECK(store.resolve("all").error().code == ErrorCode::not_found);
    }
    SUBCASE("a missing source: not_found, nothing pushed")
    {
        ops::IndexCreateOptions options;
        options.sources = {"plain", "nope"};
        const auto result = ops::create_index(opened, options);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == ErrorCode::not_found);
        CHECK(result.error().message.find("nope") != std::string::npos);
        CHECK(store.resolve("all").error().code == ErrorCode::not_found);
    }
    SUBCASE("by digest when no tag; a digest in the reference is refused")
    {
        auto untagged = coras_test::memory_target({});
        coras_test::store_manifest(*untagged.target, {}, "plain");
        ops::IndexCreateOptions options;
        options.sources = {"plain"};
        const auto result = ops::create_index(untagged, options);
        REQUIRE(result);
        CHECK(result->pushed);
        CHECK(result->tags.empty());
        CHECK(untagged.target->resolve(result->desc.digest.str()));
        untagged.reference = result->desc.digest.str();
        CHECK(ops::create_index(untagged, options).error().code == ErrorCode::invalid_argument);
    }
}

TEST_CASE("ops::update_index")
{
    auto opened = coras_test::memory_target({"all"});
    Target& store = *opened.target;
    const auto a = coras_test::store_manifest(store, {}, "a");
    const auto b = store_image(store, R"({"architecture":"wasm","os":"wasip1"})", "b");
    const auto c = store_image(store, R"({"architecture":"arm64","os":"linux"})", "c");
    ops::IndexCreateOptions create;
    create.sources = {"a", "b"};
    REQUIRE(ops::create_index(opened, create));

    SUBCASE("remove, add, merge: order kept, duplicates dropped, extra tags")
    {
        // An index "other" listing c and a in the same store.
        Index merged;
        merged.media_type = std::string(media_type::oci_index);
        merged.manifests = {c, a};
        const auto bytes = serialize_index(merged);
        const auto desc = descriptor_of(media_type::oci_index, bytes);
        MemorySource source(bytes);
        REQUIRE(store.push_tagged(desc, source, "other"));

        ops::IndexUpdateOptions options;
        options.remove = {a.digest.str()};
        options.add = {"a"};
        options.merge = {"other"};
        options.index.extra_tags = {"v2"};
        const auto result = ops::update_index(opened, options);
        REQUIRE(result);
        CHECK(result->tags == std::vector<std::string>{"all", "v2"});
        const Index index = fetched_index(store, "v2");
        REQUIRE(index.manifests.size() == 3);
        CHECK(index.manifests[0].digest == b.digest);
        REQUIRE(index.manifests[0].platform);
        CHECK(index.manifests[0].platform->os == "wasip1");
        CHECK(index.manifests[1].digest == a.digest);
        CHECK(index.manifests[2].digest == c.digest);
        CHECK(store.resolve("all")->digest == result->desc.digest);
    }
    SUBCASE("errors push nothing")
    {
        const auto before = store.resolve("all")->digest;
        ops::IndexUpdateOptions options;
        options.remove = {c.digest.str()};
        auto result = ops::update_index(opened, options);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == ErrorCode::not_found);

        options = {};
        options.add = {"nope"};
        CHECK(ops::update_index(opened, options).error().code == ErrorCode::not_found);

        options = {};
        options.merge = {"a"};
        CHECK(ops::update_index(opened, options).error().code == ErrorCode::invalid_format);

        options = {};
        options.remove = {"a"};
        CHECK(ops::update_index(opened, options).error().code == ErrorCode::invalid_argument);

        options = {};
        options.add = {"c"};
        options.index.extra_tags = {"bad*tag"};
        CHECK(ops::update_index(opened, options).error().code == ErrorCode::invalid_argument);
        CHECK(store.resolve("all")->digest == before);

        auto not_index = coras_test::memory_target({"a"});
        coras_test::store_manifest(*not_index.target, {}, "a");
        options = {};
        options.add = {"a"};
        CHECK(ops::update_index(not_index, options).error().code == ErrorCode::invalid_format);
    }
    SUBCASE("by digest: pushed by its new digest")
    {
        ops::OpenedTarget by_digest;
        by_digest.target = std::move(opened.target);
        by_digest.reference = by_digest.target->resolve("all")->digest.str();
        ops::IndexUpdateOptions options;
        options.add = {"c"};
        const auto result = ops::update_index(by_digest, options);
        REQUIRE(result);
        CHECK(result->tags.empty());
        CHECK(by_digest.target->resolve(result->desc.digest.str()));
        CHECK(by_digest.target->resolve("all")->digest.str() == by_digest.reference);
    }
}
