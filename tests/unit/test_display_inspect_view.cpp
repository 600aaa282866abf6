#include "display/inspect_view.hpp"
#include "ops_test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

TEST_CASE("coras::inspect_json")
{
    auto store = oras::make_memory_store();
    const auto layer = coras_test::store_blob(*store, "abc", "a.txt");
    const auto manifest = coras_test::store_manifest(*store, {layer}, "v1");
    auto result = oras::ops::inspect(*store, "v1");
    REQUIRE(result);

    SUBCASE("the manifest as stored, no config shown")
    {
        const auto json = nlohmann::json::parse(coras::inspect_json(*result, "h/r:v1"));
        CHECK(json["reference"] == "h/r:v1");
        CHECK(json["mediaType"] == oras::media_type::oci_manifest);
        CHECK(json["digest"] == manifest.digest.str());
        CHECK(json["size"] == manifest.size);
        CHECK(json["manifest"]["layers"][0]["digest"] == layer.digest.str());
        CHECK_FALSE(json.contains("index"));
        CHECK(json["config"].is_null());
        CHECK_FALSE(json.contains("wasm"));
    }
    SUBCASE("a JSON config is embedded as JSON, anything else as a string")
    {
        result->config_json = R"({"type":"envoy_proxy"})";
        auto json = nlohmann::json::parse(coras::inspect_json(*result, "h/r:v1"));
        CHECK(json["config"]["type"] == "envoy_proxy");
        result->config_json = "not json";
        json = nlohmann::json::parse(coras::inspect_json(*result, "h/r:v1"));
        CHECK(json["config"] == "not json");
    }
}

TEST_CASE("coras::inspect_text")
{
    auto store = oras::make_memory_store();
    const auto layer = coras_test::store_blob(*store, std::string(2048, 'w'), "f.wasm");
    coras_test::store_manifest(*store, {layer}, "v1");
    auto result = oras::ops::inspect(*store, "v1");
    REQUIRE(result);
    result->config_json = R"({"type":"envoy_proxy","abiVersions":["v0.2.1"]})";
    const auto text = coras::inspect_text(*result, "host/repo:v1");
    CHECK(text.find("Reference:  host/repo:v1\n") == 0);
    CHECK(text.find("Digest:     " + result->descriptor.digest.str()) != std::string::npos);
    CHECK(text.find(layer.digest.str()) != std::string::npos);
    CHECK(text.find("Layers: 1\n  [0]\n") != std::string::npos);
    CHECK(text.find("2.0 KiB (2048 B)") != std::string::npos);
    CHECK(text.find("org.opencontainers.image.title: f.wasm") != std::string::npos);
    // The config is shown pretty-printed and intact.
    CHECK(text.find("      \"type\": \"envoy_proxy\",\n") != std::string::npos);
    CHECK(text.find("    {\n") != std::string::npos);
    CHECK(text.find("Wasm:") == std::string::npos);
}
