#include "oras/platform.hpp"

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
