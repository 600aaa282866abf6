#include "display/pull_view.hpp"
#include "ops_test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace {

oras::ops::PullResult pulled_result(oras::Target& store)
{
    const auto layer = coras_test::store_blob(store, "abc", "a.txt");
    oras::ops::PullResult result;
    result.manifest = coras_test::store_manifest(store, {layer}, "v1");
    result.files.push_back({"/out/a.txt", layer});
    return result;
}

} // namespace

TEST_CASE("coras::pull_json")
{
    auto store = oras::make_memory_store();
    auto result = pulled_result(*store);

    SUBCASE("files with their descriptors; no layout for a plain artifact")
    {
        const auto json = nlohmann::json::parse(coras::pull_json(result, "h/r:v1"));
        CHECK(json["reference"] == "h/r:v1");
        CHECK(json["digest"] == result.manifest.digest.str());
        REQUIRE(json["files"].size() == 1);
        CHECK(json["files"][0]["path"] == "/out/a.txt");
        CHECK(json["files"][0]["mediaType"] == "application/octet-stream");
        CHECK(json["files"][0]["digest"] == result.files[0].desc.digest.str());
        CHECK(json["files"][0]["size"] == 3);
        CHECK(json["files"][0]["annotations"]["org.opencontainers.image.title"] == "a.txt");
        CHECK_FALSE(json.contains("layout"));
        CHECK_FALSE(json.contains("warnings"));
    }
    SUBCASE("a Wasm artifact names its layout and warnings")
    {
        result.layout = oras::wasm::Layout::cncf;
        result.warnings = {"Istio will not load it"};
        const auto json = nlohmann::json::parse(coras::pull_json(result, "h/r:v1"));
        CHECK(json["layout"] == std::string(oras::wasm::to_string(oras::wasm::Layout::cncf)));
        CHECK(json["warnings"] == nlohmann::json::array({"Istio will not load it"}));
    }
}

TEST_CASE("coras::pull_text")
{
    auto store = oras::make_memory_store();
    auto result = pulled_result(*store);
    const std::string digest = result.manifest.digest.str();

    SUBCASE("a plain artifact: no file list")
    {
        CHECK(coras::pull_text(result, oras::ops::TargetKind::remote, "h/r:v1") ==
              "Pulled [registry] h/r:v1\nDigest: " + digest + "\n");
    }
    SUBCASE("a Wasm artifact: its layout and every file written")
    {
        result.layout = oras::wasm::Layout::solo;
        const std::string layout(oras::wasm::to_string(oras::wasm::Layout::solo));
        CHECK(coras::pull_text(result, oras::ops::TargetKind::oci_layout, "dir:v1") ==
              "Pulled [oci-layout] dir:v1\nLayout: " + layout +
                  "\nWrote /out/a.txt\nDigest: " + digest + "\n");
    }
}
