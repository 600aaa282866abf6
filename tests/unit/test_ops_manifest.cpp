// `manifest fetch|fetch-config|push` use cases (ops/manifest.cpp) on a memory store.
#include "oras/ops/manifest.hpp"

#include "ops_test_support.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

using namespace oras;

namespace {

std::filesystem::path write(const std::filesystem::path& path, const std::string& text)
{
    coras_test::write_file(path, text);
    return path;
}

} // namespace

TEST_CASE("ops::fetch_manifest and config_of")
{
    auto store = make_memory_store();
    const auto blob = coras_test::store_blob(*store, "data", "d.txt");
    const auto manifest = coras_test::store_manifest(*store, {blob}, "v1");
    const auto fetched = ops::fetch_manifest(*store, "v1");
    REQUIRE(fetched);
    CHECK(fetched->descriptor.digest == manifest.digest);
    CHECK(sha256_of(fetched->bytes) == manifest.digest);
    CHECK(ops::config_of(*store, "v1")->digest == empty_descriptor().digest);
    CHECK(ops::fetch_manifest(*store, "").error().code == ErrorCode::invalid_argument);
    CHECK(ops::fetch_manifest(*store, "nope").error().code == ErrorCode::not_found);
}

TEST_CASE("ops::read_manifest_input")
{
    const auto dir = coras_test::temp_dir("read_manifest_input");
    SUBCASE("a JSON object is read byte for byte")
    {
        const std::string text = "{ \"schemaVersion\" : 2 }\n";
        CHECK(*ops::read_manifest_input(write(dir / "m.json", text)) == text);
    }
    SUBCASE("not JSON, not an object, too large, missing")
    {
        CHECK(ops::read_manifest_input(write(dir / "bad.json", "{")).error().code ==
              ErrorCode::invalid_format);
        CHECK(ops::read_manifest_input(write(dir / "arr.json", "[]")).error().code ==
              ErrorCode::invalid_format);
        const std::string big = "{\"a\":\"" + std::string(4 * 1024 * 1024, 'x') + "\"}";
        CHECK(ops::read_manifest_input(write(dir / "big.json", big)).error().code ==
              ErrorCode::too_large);
        CHECK(ops::read_manifest_input(dir / "no-such.json").error().code == ErrorCode::not_found);
    }
}

TEST_CASE("ops::push_manifest")
{
    auto opened = coras_test::memory_target({"a", "b"});
    MemorySource empty(empty_json);
    REQUIRE(opened.target->push(empty_descriptor(), empty));
    const std::string bytes =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
        R"("config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":")" +
        empty_descriptor().digest.str() + R"(","size":2},"layers":[]})";

    SUBCASE("pushed under every tag with its own media type, then skipped")
    {
        const auto pushed = ops::push_manifest(opened, bytes, {});
        REQUIRE(pushed);
        CHECK_FALSE(pushed->existed);
        CHECK(pushed->desc.digest == sha256_of(bytes));
        CHECK(opened.target->resolve("b")->digest == pushed->desc.digest);
        const auto again = ops::push_manifest(opened, bytes, {});
        REQUIRE(again);
        CHECK(again->existed);
    }
    SUBCASE("no media type, or not a manifest type")
    {
        const std::string untyped = R"({"schemaVersion":2})";
        CHECK(ops::push_manifest(opened, untyped, {}).error().code == ErrorCode::invalid_argument);
        ops::ManifestPushOptions options;
        options.media_type = "application/json";
        CHECK(ops::push_manifest(opened, bytes, options).error().code ==
              ErrorCode::invalid_argument);
    }
    SUBCASE("a digest reference must be the bytes' digest")
    {
        auto by_digest = coras_test::memory_target({});
        by_digest.reference = sha256_of("other").str();
        CHECK(ops::push_manifest(by_digest, bytes, {}).error().code == ErrorCode::digest_mismatch);
    }
}
