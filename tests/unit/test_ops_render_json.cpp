#include "oras/ops/render.hpp"
#include "ops_test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

TEST_CASE("oras::ops render json")
{
    auto store = oras::make_memory_store();
    const auto layer = coras_test::store_blob(*store, "abc", "a.txt");
    const auto manifest = coras_test::store_manifest(*store, {layer}, "v1");

    SUBCASE("inspect_json")
    {
        const auto result = oras::ops::inspect(*store, "v1");
        REQUIRE(result);
        const auto json = nlohmann::json::parse(oras::ops::inspect_json(*result, "h/r:v1"));
        CHECK(json["reference"] == "h/r:v1");
        CHECK(json["digest"] == manifest.digest.str());
        CHECK(json["manifest"]["layers"][0]["digest"] == layer.digest.str());
        CHECK(json["config"].is_null());
    }
    SUBCASE("pull_json")
    {
        oras::ops::PullResult result;
        result.manifest = manifest;
        result.files.push_back({"/out/a.txt", layer});
        const auto json = nlohmann::json::parse(oras::ops::pull_json(result, "h/r:v1"));
        CHECK(json["files"][0]["path"] == "/out/a.txt");
        CHECK(json["files"][0]["digest"] == layer.digest.str());
        CHECK(json["files"][0]["size"] == 3);
    }
    SUBCASE("push_json")
    {
        oras::ops::PushResult result;
        result.manifest = manifest;
        result.manifest.artifact_type = "application/x-a";
        result.blobs = {layer};
        const auto json = nlohmann::json::parse(oras::ops::push_json(result, "h/r:v1"));
        CHECK(json["digest"] == manifest.digest.str());
        CHECK(json["artifactType"] == "application/x-a");
        CHECK(json["blobs"][0]["annotations"]["org.opencontainers.image.title"] == "a.txt");
    }
}
