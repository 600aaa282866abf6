#include "oras/ops/push.hpp"

#include <doctest/doctest.h>

TEST_CASE("oras::ops::parse_file_spec")
{
    using oras::ops::parse_file_spec;

    SUBCASE("path without a media type")
    {
        const auto spec = parse_file_spec("example-filter.wasm");
        REQUIRE(spec);
        CHECK(spec->path == "example-filter.wasm");
        CHECK(spec->media_type.empty());
    }
    SUBCASE("split at the last colon")
    {
        const auto spec = parse_file_spec(
            "example-filter.wasm:application/vnd.module.wasm.content.layer.v1+wasm");
        REQUIRE(spec);
        CHECK(spec->path == "example-filter.wasm");
        CHECK(spec->media_type == "application/vnd.module.wasm.content.layer.v1+wasm");
    }
    SUBCASE("a trailing colon keeps earlier colons in the name")
    {
        const auto spec = parse_file_spec("a:b:");
        REQUIRE(spec);
        CHECK(spec->path == "a:b");
        CHECK(spec->media_type.empty());
    }
    SUBCASE("invalid media type")
    {
        const auto spec = parse_file_spec("file:not a type");
        REQUIRE_FALSE(spec);
        CHECK(spec.error().code == oras::ErrorCode::invalid_argument);
        CHECK(spec.error().message.find("not a type") != std::string::npos);
    }
    SUBCASE("empty name")
    {
        CHECK_FALSE(parse_file_spec(":application/x"));
        CHECK_FALSE(parse_file_spec(""));
    }
}
