#include "ops_test_support.hpp"
#include "oras/ops/inspect.hpp"

#include "test_util.hpp"

#include <doctest/doctest.h>

#include <algorithm>

TEST_CASE("oras::ops::inspect")
{
    auto store = oras::make_memory_store();
    const auto layer =
        coras_test::store_blob(*store, "module", "m.wasm", oras::media_type::wasm_solo_layer);
    const auto manifest = coras_test::store_manifest(*store, {layer}, "v1");

    SUBCASE("a manifest: parsed, raw bytes exact")
    {
        const auto result = oras::ops::inspect(*store, "v1");
        REQUIRE(result);
        CHECK(result->descriptor.digest == manifest.digest);
        CHECK(oras::sha256_of(result->raw) == manifest.digest);
        REQUIRE(result->manifest);
        CHECK(result->manifest->layers.at(0).digest == layer.digest);
        CHECK_FALSE(result->config_json); // the empty config is not shown
    }
    SUBCASE("a small JSON config is shown, other configs are not")
    {
        const auto json = coras_test::store_blob(
            *store, R"({"type":"envoy_proxy"})", "", oras::media_type::wasm_solo_config);
        const auto binary = coras_test::store_blob(*store, std::string("\x01\x02", 2), "");
        for (const auto& [config, shown] : {std::pair{json, true}, std::pair{binary, false}}) {
            oras::Manifest m;
            m.media_type = std::string(oras::media_type::oci_manifest);
            m.config = config;
            m.layers = {layer};
            const auto bytes = oras::serialize_manifest(m);
            const auto desc = oras::descriptor_of(oras::media_type::oci_manifest, bytes);
            oras::MemorySource source(bytes);
            REQUIRE(store->push_tagged(desc, source, "c"));
            const auto result = oras::ops::inspect(*store, "c");
            REQUIRE(result);
            CHECK(result->config_json.has_value() == shown);
        }
    }
    SUBCASE("an index")
    {
        oras::Index index;
        index.media_type = std::string(oras::media_type::oci_index);
        index.manifests = {manifest};
        const auto bytes = oras::serialize_index(index);
        const auto desc = oras::descriptor_of(oras::media_type::oci_index, bytes);
        oras::MemorySource source(bytes);
        REQUIRE(store->push_tagged(desc, source, "idx"));
        const auto result = oras::ops::inspect(*store, "idx");
        REQUIRE(result);
        REQUIRE(result->index);
        CHECK_FALSE(result->manifest);
        CHECK(result->index->manifests.at(0).digest == manifest.digest);
    }
    SUBCASE("unknown tag and no reference")
    {
        const auto missing = oras::ops::inspect(*store, "nope");
        REQUIRE_FALSE(missing);
        CHECK(missing.error().code == oras::ErrorCode::not_found);
        CHECK(oras::ops::inspect(*store, "").error().code == oras::ErrorCode::invalid_argument);
    }
}

TEST_CASE("oras::ops::inspect does not show a config nested past the JSON limit")
{
    auto store = oras::make_memory_store();
    const auto layer = coras_test::store_blob(*store, "module", "m.wasm");
    // Not a structured binding: clang 14 cannot capture one in CAPTURE's lambda.
    for (const auto& row : {std::pair{63, true}, std::pair{64, false}}) {
        const int depth = row.first;
        const bool shown = row.second;
        CAPTURE(depth);
        const std::string text = R"({"type":"envoy_proxy","config":)" + std::string(depth, '[') +
                                 std::string(depth, ']') + "}";
        oras::Manifest m;
        m.media_type = std::string(oras::media_type::oci_manifest);
        m.config = coras_test::store_blob(*store, text, "", oras::media_type::wasm_solo_config);
        m.layers = {layer};
        const auto bytes = oras::serialize_manifest(m);
        const auto desc = oras::descriptor_of(oras::media_type::oci_manifest, bytes);
        oras::MemorySource source(bytes);
        REQUIRE(store->push_tagged(desc, source, "deep"));
        const auto result = oras::ops::inspect(*store, "deep");
        REQUIRE(result);
        CHECK(result->config_json.has_value() == shown);
    }
}

TEST_CASE("oras::ops::inspect refuses a module over --max-module-size before fetching it")
{
    auto store = oras::make_memory_store();
    oras::ops::InspectOptions options;
    // A solo artifact whose module layer declares 300 MiB; its bytes are nowhere.
    oras::Manifest m;
    m.media_type = std::string(oras::media_type::oci_manifest);
    m.config = coras_test::store_blob(
        *store, R"({"type":"envoy_proxy"})", "", oras::media_type::wasm_solo_config);
    oras::Descriptor module = oras::descriptor_of(oras::media_type::wasm_solo_layer, "absent");
    module.size = 300ULL << 20U;
    module.annotations[std::string(oras::annotation::title)] = "big.wasm";
    m.layers = {module};
    const auto bytes = oras::serialize_manifest(m);
    const auto desc = oras::descriptor_of(oras::media_type::oci_manifest, bytes);
    oras::MemorySource source(bytes);
    REQUIRE(store->push_tagged(desc, source, "big"));
    coras_test::RecordingTarget recording(*store);
    const auto fetched_module = [&] {
        return std::count(recording.fetched.begin(), recording.fetched.end(), module.digest);
    };

    SUBCASE("the default limit is Istio's 256 MiB")
    {
        const auto result = oras::ops::inspect(recording, "big", options);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::too_large);
        CHECK(result.error().message == "inspect memory store:big: module layer " +
                                            module.digest.str() +
                                            " is 300 MiB, over the 256 MiB limit");
        CHECK(result.error().hint.find("--max-module-size") != std::string::npos);
        CHECK(fetched_module() == 0);
    }
    SUBCASE("a higher limit lets it be fetched")
    {
        options.max_module_size = 1ULL << 30U;
        const auto result = oras::ops::inspect(recording, "big", options);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::not_found);
        CHECK(fetched_module() == 1);
    }
    SUBCASE("a lower limit refuses smaller modules")
    {
        options.max_module_size = 1536ULL << 10U;
        const auto result = oras::ops::inspect(recording, "big", options);
        REQUIRE_FALSE(result);
        CHECK(result.error().message.find("is 300 MiB, over the 1.5 MiB limit") !=
              std::string::npos);
    }
}

TEST_CASE("oras::ops::inspect_wasm_file refuses a file over --max-module-size unread")
{
    const auto dir = coras_test::temp_dir("inspect_file_limit");
    const std::string module("\0asm\1\0\0\0", 8);
    coras_test::write_file(dir / "m.wasm", module);
    oras::ops::InspectOptions options;
    options.max_module_size = 7;
    const auto refused = oras::ops::inspect_wasm_file(dir / "m.wasm", options);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == oras::ErrorCode::too_large);
    CHECK(refused.error().message == "inspect " + (dir / "m.wasm").string() +
                                         ": the module is 8 bytes, over the 7 bytes limit");
    options.max_module_size = 8;
    CHECK(oras::ops::inspect_wasm_file(dir / "m.wasm", options));
}
