#include "oras/oci_layout.hpp"

#include "oras/media_types.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

using namespace oras;
using coras_test::read_file;
using coras_test::temp_dir;
using coras_test::write_file;
namespace fs = std::filesystem;

namespace {

const std::string k_config = "{}";
const std::string k_layer("\0asm\x01\x00\x00\x00", 8);

// An image manifest over k_config and k_layer; `annotation` makes distinct manifests.
std::string make_manifest(const std::string& annotation)
{
    const Descriptor config = descriptor_of(media_type::oci_empty, k_config);
    const Descriptor layer = descriptor_of(media_type::wasm_cncf_layer, k_layer);
    nlohmann::ordered_json json = {
        {"schemaVersion", 2},
        {"mediaType", media_type::oci_manifest},
        {"config",
         {{"mediaType", config.media_type}, {"digest", config.digest.str()}, {"size", 2}}},
        {"layers",
         {{{"mediaType", layer.media_type}, {"digest", layer.digest.str()}, {"size", 8}}}},
        {"annotations", {{"test", annotation}}}};
    return json.dump();
}

Result<void> push_bytes(Target& store, const Descriptor& desc, std::string_view bytes)
{
    MemorySource source(bytes);
    return store.push(desc, source);
}

// Pushes config, layer and the manifest `manifest`; returns the manifest's descriptor.
Descriptor push_image(Target& store, const std::string& manifest)
{
    REQUIRE(push_bytes(store, descriptor_of(media_type::oci_empty, k_config), k_config));
    REQUIRE(push_bytes(store, descriptor_of(media_type::wasm_cncf_layer, k_layer), k_layer));
    const Descriptor desc = descriptor_of(media_type::oci_manifest, manifest);
    REQUIRE(push_bytes(store, desc, manifest));
    return desc;
}

std::unique_ptr<Target> open_layout(const fs::path& dir, LayoutMode mode)
{
    auto opened = open_oci_layout(dir, mode);
    REQUIRE_MESSAGE(opened, opened.error().message);
    return std::move(opened).value();
}

// Every file below `dir`/blobs (temporary files included).
std::vector<fs::path> blob_files(const fs::path& dir)
{
    std::vector<fs::path> files;
    if (!fs::exists(dir / "blobs")) {
        return files;
    }
    for (const auto& entry : fs::recursive_directory_iterator(dir / "blobs")) {
        if (!entry.is_directory()) {
            files.push_back(entry.path());
        }
    }
    return files;
}

nlohmann::json read_index(const fs::path& dir)
{
    return nlohmann::json::parse(read_file(dir / "index.json"));
}

std::string entry_tag(const nlohmann::json& entry)
{
    if (!entry.contains("annotations") ||
        !entry["annotations"].contains("org.opencontainers.image.ref.name")) {
        return {};
    }
    return entry["annotations"]["org.opencontainers.image.ref.name"];
}

fs::path blob_path(const fs::path& dir, const Descriptor& desc)
{
    return dir / "blobs" / "sha256" / desc.digest.hex();
}

} // namespace

TEST_CASE("oci_layout create writes oci-layout, index.json and blobs/")
{
    const fs::path dir = temp_dir("layout_create") / "new" / "layout";
    auto store = open_layout(dir, LayoutMode::create);
    CHECK(store->describe() == "OCI layout " + dir.string());
    CHECK(read_file(dir / "oci-layout") == R"({"imageLayoutVersion":"1.0.0"})");
    const auto index = read_index(dir);
    CHECK(index["schemaVersion"] == 2);
    CHECK(index["mediaType"] == media_type::oci_index);
    CHECK(index["manifests"].empty());
    CHECK(fs::is_directory(dir / "blobs"));

    SUBCASE("re-opening keeps what is there")
    {
        const Descriptor desc = push_image(*store, make_manifest("a"));
        REQUIRE(store->tag(desc, "v1"));
        auto again = open_layout(dir, LayoutMode::create);
        CHECK(again->resolve("v1")->digest == desc.digest);
        auto read_only = open_layout(dir, LayoutMode::read_only);
        CHECK(read_only->resolve("v1")->digest == desc.digest);
    }
}

TEST_CASE("oci_layout push, fetch and exists")
{
    const fs::path dir = temp_dir("layout_push");
    auto store = open_layout(dir, LayoutMode::create);
    const Descriptor layer = descriptor_of(media_type::wasm_cncf_layer, k_layer);

    CHECK_FALSE(*store->exists(layer));
    StringSink none(100);
    auto missing = store->fetch(layer, none);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::not_found);

    REQUIRE(push_bytes(*store, layer, k_layer));
    CHECK(*store->exists(layer));
    CHECK(read_file(blob_path(dir, layer)) == k_layer);
    StringSink sink(100);
    REQUIRE(fetch_verified(*store, layer, sink));
    CHECK(sink.str() == k_layer);
    CHECK(read_index(dir)["manifests"].empty());

    SUBCASE("pushing an existing blob is a no-op")
    {
        MemorySource empty("");
        CHECK(store->push(layer, empty));
        CHECK(read_file(blob_path(dir, layer)) == k_layer);
    }
    SUBCASE("a pushed manifest gets one untagged index entry")
    {
        const std::string manifest = make_manifest("a");
        const Descriptor desc = push_image(*store, manifest);
        REQUIRE(push_bytes(*store, desc, manifest));
        const auto index = read_index(dir);
        REQUIRE(index["manifests"].size() == 1);
        CHECK(index["manifests"][0]["digest"] == desc.digest.str());
        CHECK(index["manifests"][0]["mediaType"] == media_type::oci_manifest);
        CHECK(entry_tag(index["manifests"][0]).empty());
        CHECK(*store->resolve(desc.digest.str()) == desc);
    }
    CHECK(blob_files(dir).size() >= 1);
}

TEST_CASE("oci_layout refuses content that does not match its descriptor")
{
    const fs::path dir = temp_dir("layout_mismatch");
    auto store = open_layout(dir, LayoutMode::create);
    Descriptor desc = descriptor_of(media_type::oci_manifest, make_manifest("a"));
    const std::string other = make_manifest("b");

    SUBCASE("wrong digest")
    {
        desc.size = other.size();
        auto pushed = push_bytes(*store, desc, other);
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().code == ErrorCode::digest_mismatch);
        CHECK(pushed.error().message.find(dir.string()) != std::string::npos);
    }
    SUBCASE("more bytes than declared")
    {
        auto pushed = push_bytes(*store, desc, make_manifest("a") + "   ");
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().code == ErrorCode::size_mismatch);
    }
    SUBCASE("fewer bytes than declared")
    {
        auto pushed = push_bytes(*store, desc, make_manifest("a").substr(1));
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().code == ErrorCode::size_mismatch);
    }
    CHECK(blob_files(dir).empty());
    CHECK(read_index(dir)["manifests"].empty());
    CHECK_FALSE(*store->exists(desc));
}

TEST_CASE("oci_layout refuses digest algorithms other than sha256")
{
    const fs::path dir = temp_dir("layout_sha512");
    auto store = open_layout(dir, LayoutMode::create);
    const std::string manifest = make_manifest("a");
    Descriptor desc = descriptor_of(media_type::oci_manifest, manifest);
    desc.digest = *Digest::parse("sha512:" + std::string(128, 'a'));

    auto pushed = push_bytes(*store, desc, manifest);
    REQUIRE_FALSE(pushed);
    CHECK(pushed.error().code == ErrorCode::unsupported);
    auto exists = store->exists(desc);
    REQUIRE_FALSE(exists);
    CHECK(exists.error().code == ErrorCode::unsupported);
    auto resolved = store->resolve(desc.digest.str());
    REQUIRE_FALSE(resolved);
    CHECK(resolved.error().code == ErrorCode::unsupported);
    CHECK(blob_files(dir).empty());
}

TEST_CASE("oci_layout tag and resolve")
{
    const fs::path dir = temp_dir("layout_tag");
    auto store = open_layout(dir, LayoutMode::create);
    const Descriptor a = push_image(*store, make_manifest("a"));
    const Descriptor b = push_image(*store, make_manifest("b"));

    SUBCASE("a tag becomes a ref.name entry and replaces the untagged one")
    {
        REQUIRE(store->tag(a, "v1"));
        CHECK(*store->resolve("v1") == a);
        const auto index = read_index(dir);
        REQUIRE(index["manifests"].size() == 2);
        CHECK(index["manifests"][0]["digest"] == b.digest.str());
        CHECK(entry_tag(index["manifests"][0]).empty());
        CHECK(index["manifests"][1]["digest"] == a.digest.str());
        CHECK(entry_tag(index["manifests"][1]) == "v1");
    }
    SUBCASE("re-tagging moves the tag and keeps the old manifest listed")
    {
        REQUIRE(store->tag(a, "v1"));
        REQUIRE(store->tag(b, "v1"));
        CHECK(store->resolve("v1")->digest == b.digest);
        const auto index = read_index(dir);
        REQUIRE(index["manifests"].size() == 2);
        CHECK(index["manifests"][0]["digest"] == a.digest.str());
        CHECK(entry_tag(index["manifests"][0]).empty());
        CHECK(index["manifests"][1]["digest"] == b.digest.str());
        CHECK(entry_tag(index["manifests"][1]) == "v1");
    }
    SUBCASE("two tags on one manifest")
    {
        REQUIRE(store->tag(a, "v1"));
        REQUIRE(store->tag(a, "latest"));
        CHECK(store->resolve("v1")->digest == a.digest);
        CHECK(store->resolve("latest")->digest == a.digest);
        CHECK(read_index(dir)["manifests"].size() == 3);
    }
    SUBCASE("tagging twice changes nothing")
    {
        REQUIRE(store->tag(a, "v1"));
        const std::string before = read_file(dir / "index.json");
        REQUIRE(store->tag(a, "v1"));
        CHECK(read_file(dir / "index.json") == before);
    }
    SUBCASE("an unknown tag")
    {
        auto resolved = store->resolve("v2");
        REQUIRE_FALSE(resolved);
        CHECK(resolved.error().code == ErrorCode::not_found);
        CHECK(resolved.error().message.find("v2") != std::string::npos);
    }
    SUBCASE("push_tagged")
    {
        const std::string manifest = make_manifest("c");
        const Descriptor c = descriptor_of(media_type::oci_manifest, manifest);
        MemorySource source(manifest);
        REQUIRE(store->push_tagged(c, source, "latest"));
        CHECK(*store->resolve("latest") == c);
        CHECK(read_index(dir)["manifests"].size() == 3);
    }
    SUBCASE("the tag must be valid and the manifest present")
    {
        auto invalid = store->tag(a, "-v1");
        REQUIRE_FALSE(invalid);
        CHECK(invalid.error().code == ErrorCode::invalid_argument);
        const Descriptor absent = descriptor_of(media_type::oci_manifest, make_manifest("z"));
        auto missing = store->tag(absent, "v1");
        REQUIRE_FALSE(missing);
        CHECK(missing.error().code == ErrorCode::not_found);
        auto other_digest = store->tag(a, b.digest.str());
        REQUIRE_FALSE(other_digest);
        CHECK(other_digest.error().code == ErrorCode::invalid_argument);
        CHECK(read_index(dir)["manifests"].size() == 2);
    }
}

TEST_CASE("oci_layout resolve by digest")
{
    const fs::path dir = temp_dir("layout_resolve_digest");
    auto store = open_layout(dir, LayoutMode::create);
    const std::string manifest = make_manifest("a");
    const Descriptor desc = descriptor_of(media_type::oci_manifest, manifest);

    SUBCASE("a manifest blob not listed in index.json")
    {
        fs::create_directories(dir / "blobs" / "sha256");
        write_file(blob_path(dir, desc), manifest);
        auto resolved = store->resolve(desc.digest.str());
        REQUIRE(resolved);
        CHECK(resolved->media_type == media_type::oci_manifest);
        CHECK(resolved->size == manifest.size());
        CHECK(resolved->digest == desc.digest);
    }
    SUBCASE("a blob that is not a manifest")
    {
        const Descriptor layer = descriptor_of(media_type::wasm_cncf_layer, k_layer);
        REQUIRE(push_bytes(*store, layer, k_layer));
        auto resolved = store->resolve(layer.digest.str());
        REQUIRE_FALSE(resolved);
        CHECK(resolved.error().code == ErrorCode::invalid_format);
    }
    SUBCASE("absent")
    {
        auto resolved = store->resolve(desc.digest.str());
        REQUIRE_FALSE(resolved);
        CHECK(resolved.error().code == ErrorCode::not_found);
    }
    SUBCASE("invalid")
    {
        auto resolved = store->resolve("sha256:1234");
        REQUIRE_FALSE(resolved);
        CHECK(resolved.error().code == ErrorCode::invalid_argument);
    }
}

TEST_CASE("oci_layout index.json written by another tool")
{
    const fs::path dir = temp_dir("layout_foreign");
    auto store = open_layout(dir, LayoutMode::create);
    const Descriptor a = push_image(*store, make_manifest("a"));
    const Descriptor b = push_image(*store, make_manifest("b"));
    nlohmann::ordered_json index = {{"schemaVersion", 2}, {"manifests", nlohmann::json::array()}};
    for (const Descriptor* desc : {&a, &b}) {
        index["manifests"].push_back(
            {{"mediaType", desc->media_type},
             {"digest", desc->digest.str()},
             {"size", desc->size},
             {"annotations", {{"org.opencontainers.image.ref.name", "dup"}}}});
    }
    write_file(dir / "index.json", index.dump());

    auto reopened = open_layout(dir, LayoutMode::read_only);
    CHECK(reopened->resolve("dup")->digest == b.digest);
    CHECK(reopened->resolve(a.digest.str())->digest == a.digest);
    CHECK(reopened->resolve(a.digest.str())->annotations.empty());
}

TEST_CASE("oci_layout read_only")
{
    const fs::path base = temp_dir("layout_read_only");

    SUBCASE("a missing directory")
    {
        auto opened = open_oci_layout(base / "missing", LayoutMode::read_only);
        REQUIRE_FALSE(opened);
        CHECK(opened.error().code == ErrorCode::not_found);
        CHECK(opened.error().message == "no OCI layout at " + (base / "missing").string());
        CHECK_FALSE(fs::exists(base / "missing"));
    }
    SUBCASE("writes are refused")
    {
        const Descriptor a = push_image(*open_layout(base, LayoutMode::create), make_manifest("a"));
        const std::string index_before = read_file(base / "index.json");
        auto store = open_layout(base, LayoutMode::read_only);
        const std::string manifest = make_manifest("b");
        auto pushed =
            push_bytes(*store, descriptor_of(media_type::oci_manifest, manifest), manifest);
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().message.find("read-only") != std::string::npos);
        auto tagged = store->tag(a, "v1");
        REQUIRE_FALSE(tagged);
        CHECK(tagged.error().message.find("read-only") != std::string::npos);
        CHECK(read_file(base / "index.json") == index_before);
        CHECK(blob_files(base).size() == 3);
        CHECK(*store->resolve(a.digest.str()) == a);
    }
}

TEST_CASE("oci_layout refuses corrupt metadata")
{
    const fs::path dir = temp_dir("layout_corrupt");
    open_layout(dir, LayoutMode::create);

    SUBCASE("unparsable index.json")
    {
        write_file(dir / "index.json", "{\"schemaVersion\":2,");
        for (const LayoutMode mode : {LayoutMode::read_only, LayoutMode::create}) {
            auto opened = open_oci_layout(dir, mode);
            REQUIRE_FALSE(opened);
            CHECK(opened.error().code == ErrorCode::invalid_format);
            CHECK(opened.error().message.find("index.json") != std::string::npos);
        }
        CHECK(read_file(dir / "index.json") == "{\"schemaVersion\":2,");
    }
    SUBCASE("index.json with a bad descriptor")
    {
        write_file(
            dir / "index.json",
            R"({"schemaVersion":2,"manifests":[{"mediaType":"x","digest":"sha256:12","size":1}]})");
        auto opened = open_oci_layout(dir, LayoutMode::read_only);
        REQUIRE_FALSE(opened);
        CHECK(opened.error().code == ErrorCode::invalid_format);
        CHECK(opened.error().message.find("index.json") != std::string::npos);
    }
    SUBCASE("another imageLayoutVersion")
    {
        write_file(dir / "oci-layout", R"({"imageLayoutVersion":"2.0.0"})");
        auto opened = open_oci_layout(dir, LayoutMode::create);
        REQUIRE_FALSE(opened);
        CHECK(opened.error().code == ErrorCode::invalid_format);
        CHECK(opened.error().message.find("oci-layout") != std::string::npos);
        CHECK(opened.error().message.find("2.0.0") != std::string::npos);
    }
    SUBCASE("oci-layout is not JSON")
    {
        write_file(dir / "oci-layout", "1.0.0");
        auto opened = open_oci_layout(dir, LayoutMode::read_only);
        REQUIRE_FALSE(opened);
        CHECK(opened.error().code == ErrorCode::invalid_format);
        CHECK(opened.error().message.find("oci-layout") != std::string::npos);
    }
}

TEST_CASE("oci_layout fetch checks the blob file size")
{
    const fs::path dir = temp_dir("layout_truncated");
    auto store = open_layout(dir, LayoutMode::create);
    const Descriptor layer = descriptor_of(media_type::wasm_cncf_layer, k_layer);
    REQUIRE(push_bytes(*store, layer, k_layer));
    write_file(blob_path(dir, layer), k_layer.substr(0, 4));

    StringSink sink(100);
    auto fetched = store->fetch(layer, sink);
    REQUIRE_FALSE(fetched);
    CHECK(fetched.error().code == ErrorCode::size_mismatch);
    CHECK(sink.str().empty());

    SUBCASE("pushing again repairs it")
    {
        REQUIRE(push_bytes(*store, layer, k_layer));
        CHECK(read_file(blob_path(dir, layer)) == k_layer);
        CHECK(blob_files(dir).size() == 1);
    }
}

TEST_CASE("parse_layout_reference")
{
    const std::string digest = sha256_of("x").str();
    struct Case
    {
        std::string text;
        std::string path;
        std::string reference;
    };
    const std::vector<Case> cases = {
        {"dir:tag", "dir", "tag"},
        {"dir", "dir", ""},
        {"./a/b", "./a/b", ""},
        {"/abs/path:v1", "/abs/path", "v1"},
        {"a:b/c", "a:b/c", ""},
        {"a:b/c:v1.0_x", "a:b/c", "v1.0_x"},
        {"dir@" + digest, "dir", digest},
        {"/x@y/dir@" + digest, "/x@y/dir", digest},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        auto parsed = parse_layout_reference(c.text);
        REQUIRE(parsed);
        CHECK(parsed->path == fs::path(c.path));
        CHECK(parsed->reference == c.reference);
    }
    const std::vector<std::string> invalid = {
        "", ":v1", "dir:", "dir:-x", "dir@sha256:12", "@" + digest};
    for (const std::string& text : invalid) {
        CAPTURE(text);
        auto parsed = parse_layout_reference(text);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().code == ErrorCode::invalid_argument);
    }
}
