// What `manifest` and `blob` commands print (cli/display/content_view.cpp).
#include "display/content_view.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using namespace coras;

TEST_CASE("display: content_view")
{
    const auto desc = oras::descriptor_of("application/octet-stream", "hello");

    SUBCASE("a descriptor on one line, or indented")
    {
        const auto compact = descriptor_text(desc, JsonStyle::compact);
        CHECK(compact == R"({"mediaType":"application/octet-stream","digest":")" +
                             desc.digest.str() + R"(","size":5})" + "\n");
        CHECK(descriptor_text(desc, JsonStyle::pretty).find("\n  \"size\": 5") !=
              std::string::npos);
    }
    SUBCASE("content unchanged unless --pretty")
    {
        CHECK(content_text("{\"a\": 1}", JsonStyle::compact) == "{\"a\": 1}");
        CHECK(content_text("{\"a\":1}", JsonStyle::pretty) == "{\n  \"a\": 1\n}\n");
    }
    SUBCASE("manifest fetch --format json: the descriptor, then content")
    {
        const std::string bytes = R"({"schemaVersion":2})";
        const oras::FetchedManifest fetched{
            oras::descriptor_of("application/vnd.oci.image.manifest.v1+json", bytes), bytes};
        const auto json = nlohmann::json::parse(manifest_fetch_json(fetched));
        CHECK(json["digest"] == fetched.descriptor.digest.str());
        CHECK(json["content"]["schemaVersion"] == 2);
    }
    SUBCASE("a push summary as oras prints it")
    {
        CHECK(pushed_text(desc, oras::ops::TargetKind::remote, "localhost:5000/r@x") ==
              "Pushed [registry] localhost:5000/r@x\nDigest: " + desc.digest.str() + "\n");
        const auto json = nlohmann::json::parse(pushed_json(desc, "r"));
        CHECK(json["reference"] == "r");
        CHECK(json["size"] == 5);
    }
}
