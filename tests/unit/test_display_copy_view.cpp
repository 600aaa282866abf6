#include "display/copy_view.hpp"
#include "oras/media_types.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace {

oras::ops::CopyResult copied_result()
{
    oras::ops::CopyResult result;
    result.root = oras::descriptor_of(oras::media_type::oci_manifest, R"({"m":1})");
    result.root.artifact_type = "application/x-a";
    return result;
}

} // namespace

TEST_CASE("coras::copy_json")
{
    const auto result = copied_result();
    const auto text = coras::copy_json(result, "h/r");
    const auto json = nlohmann::json::parse(text);
    CHECK(json["reference"] == "h/r@" + result.root.digest.str());
    CHECK(json["mediaType"] == oras::media_type::oci_manifest);
    CHECK(json["digest"] == result.root.digest.str());
    CHECK(json["size"] == result.root.size);
    CHECK(json["artifactType"] == "application/x-a");
    CHECK_FALSE(json.contains("annotations"));
    CHECK(text.find("{\n  \"reference\": \"h/r@sha256:") == 0);
}

TEST_CASE("coras::copy_text")
{
    const auto result = copied_result();
    const auto text = coras::copy_text(result,
                                       {oras::ops::TargetKind::remote, "a/b:v1"},
                                       {oras::ops::TargetKind::oci_layout, "dir:v1"});
    CHECK(text == "Copied [registry] a/b:v1 => [oci-layout] dir:v1\nDigest: " +
                      result.root.digest.str() + "\n");
}
