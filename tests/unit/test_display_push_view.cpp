#include "display/push_view.hpp"
#include "ops_test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace {

oras::ops::PushResult pushed_result(const oras::Descriptor& layer)
{
    oras::ops::PushResult result;
    result.manifest = oras::descriptor_of(oras::media_type::oci_manifest, R"({"m":1})");
    result.manifest.annotations["org.opencontainers.image.created"] = "1970-01-01T00:00:42Z";
    result.manifest.artifact_type = "application/x-a";
    result.blobs = {oras::empty_descriptor(), layer};
    return result;
}

} // namespace

TEST_CASE("coras::push_json")
{
    auto store = oras::make_memory_store();
    const auto layer = coras_test::store_blob(*store, "abc", "a.txt");
    const auto result = pushed_result(layer);
    const auto text = coras::push_json(result, "h/r:v1");
    const auto json = nlohmann::json::parse(text);
    CHECK(json["reference"] == "h/r:v1");
    CHECK(json["mediaType"] == oras::media_type::oci_manifest);
    CHECK(json["digest"] == result.manifest.digest.str());
    CHECK(json["size"] == result.manifest.size);
    CHECK(json["annotations"]["org.opencontainers.image.created"] == "1970-01-01T00:00:42Z");
    CHECK(json["artifactType"] == "application/x-a");
    REQUIRE(json["blobs"].size() == 2);
    CHECK(json["blobs"][0]["mediaType"] == oras::media_type::oci_empty);
    CHECK_FALSE(json["blobs"][0].contains("annotations"));
    CHECK(json["blobs"][1]["digest"] == layer.digest.str());
    CHECK(json["blobs"][1]["annotations"]["org.opencontainers.image.title"] == "a.txt");
    // Members in oras's order, indented by two.
    CHECK(text.find("{\n  \"reference\": \"h/r:v1\",\n  \"mediaType\": ") == 0);
    CHECK(text.find("\"size\"") < text.find("\"annotations\""));
    CHECK(text.find("\"annotations\"") < text.find("\"artifactType\""));
    CHECK(text.find("\"artifactType\"") < text.find("\"blobs\""));
}

TEST_CASE("coras::push_text")
{
    auto store = oras::make_memory_store();
    auto result = pushed_result(coras_test::store_blob(*store, "abc", "a.txt"));
    const std::string digest = result.manifest.digest.str();

    SUBCASE("to a registry, with an artifact type")
    {
        CHECK(coras::push_text(result, oras::ops::TargetKind::remote, "h/r:v1") ==
              "Pushed [registry] h/r:v1\nArtifactType: application/x-a\nDigest: " + digest + "\n");
    }
    SUBCASE("to a layout, without an artifact type")
    {
        result.manifest.artifact_type.clear();
        CHECK(coras::push_text(result, oras::ops::TargetKind::oci_layout, "dir:v1") ==
              "Pushed [oci-layout] dir:v1\nDigest: " + digest + "\n");
    }
}
