#include "oras/ops/render.hpp"
#include "ops_test_support.hpp"

#include <doctest/doctest.h>

TEST_CASE("oras::ops::inspect_text")
{
    auto store = oras::make_memory_store();
    const auto layer = coras_test::store_blob(*store, std::string(2048, 'w'), "f.wasm");
    coras_test::store_manifest(*store, {layer}, "v1");
    auto result = oras::ops::inspect(*store, "v1");
    REQUIRE(result);
    result->config_json = R"({"type":"envoy_proxy","abiVersions":["v0.2.1"]})";
    const auto text = oras::ops::inspect_text(*result, "host/repo:v1");
    CHECK(text.find("Reference:  host/repo:v1\n") != std::string::npos);
    CHECK(text.find("Digest:     " + result->descriptor.digest.str()) != std::string::npos);
    CHECK(text.find(layer.digest.str()) != std::string::npos);
    CHECK(text.find("2.0 KiB (2048 B)") != std::string::npos);
    CHECK(text.find("org.opencontainers.image.title: f.wasm") != std::string::npos);
    // The config is shown pretty-printed and intact.
    CHECK(text.find("      \"type\": \"envoy_proxy\",\n") != std::string::npos);
    CHECK(text.find("    {\n") != std::string::npos);
}

TEST_CASE("oras::ops::pretty_json")
{
    CHECK(oras::ops::pretty_json(R"({"a":[1]})") == "{\n  \"a\": [\n    1\n  ]\n}");
    CHECK(oras::ops::pretty_json("not json") == "not json");
}
