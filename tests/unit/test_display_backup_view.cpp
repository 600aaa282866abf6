#include "display/backup_view.hpp"
#include "oras/media_types.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace {

oras::ops::TaggedRoot tagged(const std::string& tag, const std::string& bytes)
{
    return {tag, oras::descriptor_of(oras::media_type::oci_manifest, bytes)};
}

oras::Descriptor referrer()
{
    auto desc = oras::descriptor_of(oras::media_type::oci_manifest, R"({"r":1})");
    desc.artifact_type = "application/vnd.example.signature";
    return desc;
}

} // namespace

TEST_CASE("coras::backup_json and coras::backup_text")
{
    oras::ops::BackupResult result;
    result.tags = {tagged("v1", R"({"m":1})"), tagged("v2", R"({"m":2})")};
    result.referrers = {referrer()};
    result.output = "out.tar";
    result.kind = oras::ops::LayoutOutput::tar;

    const auto json = nlohmann::json::parse(coras::backup_json(result, "h/r"));
    CHECK(json["repository"] == "h/r");
    CHECK(json["output"] == "out.tar");
    CHECK(json["outputType"] == "tar");
    REQUIRE(json["tags"].size() == 2);
    CHECK(json["tags"][0]["tag"] == "v1");
    CHECK(json["tags"][0]["reference"] == "h/r:v1");
    CHECK(json["tags"][1]["digest"] == result.tags[1].root.digest.str());
    CHECK(json["tags"][1]["mediaType"] == oras::media_type::oci_manifest);
    CHECK(json["referrers"][0]["artifactType"] == "application/vnd.example.signature");

    CHECK(coras::backup_text(result, "h/r") ==
          "Pulled h/r:v1\nDigest: " + result.tags[0].root.digest.str() +
              "\nPulled h/r:v2\nDigest: " + result.tags[1].root.digest.str() +
              "\nReferrers: 1\nBacked up 2 tag(s) of h/r to out.tar\n");
}

TEST_CASE("coras::restore_json and coras::restore_text")
{
    oras::ops::RestoreResult result;
    result.tags = {tagged("v1", R"({"m":1})")};

    SUBCASE("restored")
    {
        const auto json = nlohmann::json::parse(coras::restore_json(result, "in", "h/r"));
        CHECK(json["input"] == "in");
        CHECK(json["dryRun"] == false);
        CHECK(json["tags"][0]["reference"] == "h/r:v1");
        CHECK(json["referrers"].empty());
        CHECK(coras::restore_text(result, "in", "h/r") ==
              "Pushed h/r:v1\nDigest: " + result.tags[0].root.digest.str() +
                  "\nRestored 1 tag(s) from in to h/r\n");
    }
    SUBCASE("a dry run")
    {
        result.dry_run = oras::ops::DryRun::yes;
        result.referrers = {referrer()};
        CHECK(nlohmann::json::parse(coras::restore_json(result, "in", "h/r"))["dryRun"] == true);
        CHECK(coras::restore_text(result, "in", "h/r") ==
              "Would push h/r:v1\nDigest: " + result.tags[0].root.digest.str() +
                  "\nReferrers: 1\nDry run: nothing was pushed\n");
    }
}
