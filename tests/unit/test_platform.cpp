#include "oras/platform.hpp"

#include "oras/media_types.hpp"

#include <doctest/doctest.h>

TEST_CASE("oras::parse_platform")
{
    SUBCASE("os/arch/variant:os_version")
    {
        const auto parsed = oras::parse_platform("windows/amd64/v3:10.0.1");
        REQUIRE(parsed);
        CHECK(parsed->os == "windows");
        CHECK(parsed->architecture == "amd64");
        CHECK(parsed->variant == "v3");
        CHECK(parsed->os_version == "10.0.1");
        CHECK(oras::platform_string(*parsed) == "windows/amd64/v3:10.0.1");
    }
    SUBCASE("a missing arch is the host's")
    {
        const auto parsed = oras::parse_platform("linux");
        REQUIRE(parsed);
        CHECK(parsed->os == "linux");
        CHECK_FALSE(parsed->architecture.empty());
    }
    SUBCASE("malformed")
    {
        for (const char* text : {"", "/amd64", "linux/", "linux//v7", "a/b/c/d", "linux/amd64:"}) {
            CAPTURE(text);
            const auto parsed = oras::parse_platform(text);
            REQUIRE_FALSE(parsed);
            CHECK(parsed.error().code == oras::ErrorCode::invalid_argument);
        }
    }
}

TEST_CASE("oras::platform_matches")
{
    const oras::Platform arm{"arm", "linux", "", {"f1", "f2"}, "v7"};
    CHECK(oras::platform_matches(arm, oras::Platform{"arm", "linux", "", {}, ""}));
    CHECK(oras::platform_matches(arm, oras::Platform{"arm", "linux", "", {"f2"}, "v7"}));
    CHECK_FALSE(oras::platform_matches(arm, oras::Platform{"arm", "linux", "", {}, "v6"}));
    CHECK_FALSE(oras::platform_matches(arm, oras::Platform{"arm64", "linux", "", {}, ""}));
    CHECK_FALSE(oras::platform_matches(arm, oras::Platform{"arm", "windows", "", {}, ""}));
    CHECK_FALSE(oras::platform_matches(arm, oras::Platform{"arm", "linux", "1.0", {}, ""}));
    CHECK_FALSE(oras::platform_matches(arm, oras::Platform{"arm", "linux", "", {"f3"}, ""}));
}

TEST_CASE("oras::select_platform")
{
    oras::Index index;
    const auto entry = [](std::string os, std::string arch, std::string variant, char fill) {
        oras::Descriptor desc;
        desc.media_type = std::string(oras::media_type::oci_manifest);
        desc.digest = *oras::Digest::parse("sha256:" + std::string(64, fill));
        desc.platform = oras::Platform{std::move(arch), std::move(os), "", {}, std::move(variant)};
        return desc;
    };
    index.manifests = {entry("linux", "arm", "v6", '1'),
                       entry("linux", "arm", "v7", '2'),
                       entry("linux", "amd64", "", '3')};
    auto amd64 = oras::select_platform(index, *oras::parse_platform("linux/amd64"));
    REQUIRE(amd64);
    CHECK(amd64->digest.str() == "sha256:" + std::string(64, '3'));
    auto v7 = oras::select_platform(index, *oras::parse_platform("linux/arm/v7"));
    REQUIRE(v7);
    CHECK(v7->digest.str() == "sha256:" + std::string(64, '2'));
    auto any_arm = oras::select_platform(index, *oras::parse_platform("linux/arm"));
    REQUIRE(any_arm);
    CHECK(any_arm->digest.str() == "sha256:" + std::string(64, '1'));
    auto missing = oras::select_platform(index, *oras::parse_platform("windows/amd64"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == oras::ErrorCode::not_found);
    CHECK(missing.error().message.find("windows/amd64") != std::string::npos);
}
