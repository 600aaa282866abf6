// --platform parsing and the choice of an index entry by platform.
#include "oras/platform.hpp"

#include "oras/media_types.hpp"

#include <doctest/doctest.h>

using namespace oras;

TEST_CASE("parse_platform")
{
    auto plain = parse_platform("linux/amd64");
    REQUIRE(plain);
    CHECK(plain->os == "linux");
    CHECK(plain->architecture == "amd64");
    CHECK(plain->variant.empty());
    auto full = parse_platform("linux/arm64/v8:10.0");
    REQUIRE(full);
    CHECK(full->variant == "v8");
    CHECK(full->os_version == "10.0");
    CHECK(platform_string(*full) == "linux/arm64/v8:10.0");
    for (const char* bad : {"", "linux", "linux/", "/amd64", "a/b/c/d", "linux/amd64:", "a//b"}) {
        CAPTURE(bad);
        auto parsed = parse_platform(bad);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().code == ErrorCode::invalid_argument);
    }
}

TEST_CASE("select_platform")
{
    Index index;
    const auto entry = [](std::string os, std::string arch, std::string variant, char fill) {
        Descriptor desc;
        desc.media_type = std::string(media_type::oci_manifest);
        desc.digest = *Digest::parse("sha256:" + std::string(64, fill));
        desc.platform = Platform{std::move(arch), std::move(os), "", {}, std::move(variant)};
        return desc;
    };
    index.manifests = {entry("linux", "arm", "v6", '1'),
                       entry("linux", "arm", "v7", '2'),
                       entry("linux", "amd64", "", '3')};
    auto amd64 = select_platform(index, *parse_platform("linux/amd64"));
    REQUIRE(amd64);
    CHECK(amd64->digest.str() == "sha256:" + std::string(64, '3'));
    auto v7 = select_platform(index, *parse_platform("linux/arm/v7"));
    REQUIRE(v7);
    CHECK(v7->digest.str() == "sha256:" + std::string(64, '2'));
    auto any_arm = select_platform(index, *parse_platform("linux/arm"));
    REQUIRE(any_arm);
    CHECK(any_arm->digest.str() == "sha256:" + std::string(64, '1'));
    auto missing = select_platform(index, *parse_platform("windows/amd64"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::not_found);
    CHECK(missing.error().message.find("windows/amd64") != std::string::npos);
}
