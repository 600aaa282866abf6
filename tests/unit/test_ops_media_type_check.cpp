#include "ops/media_type_check.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("oras::ops::check_media_type")
{
    using oras::ops::check_media_type;
    CHECK(check_media_type("application/vnd.oci.image.layer.v1.tar", "x"));
    CHECK(check_media_type("application/vnd.module.wasm.content.layer.v1+wasm", "x"));
    CHECK(check_media_type("a/b", "x"));
    CHECK_FALSE(check_media_type("application", "x"));
    CHECK_FALSE(check_media_type("/json", "x"));
    CHECK_FALSE(check_media_type("application/", "x"));
    CHECK_FALSE(check_media_type("application/json; charset=utf-8", "x"));
    CHECK_FALSE(check_media_type(".app/json", "x"));
    CHECK_FALSE(check_media_type("app/json/extra", "x"));
    CHECK(check_media_type(std::string(127, 'a') + "/b", "x"));
    CHECK_FALSE(check_media_type(std::string(128, 'a') + "/b", "x"));
    const auto error = check_media_type("bad", "--artifact-type");
    REQUIRE_FALSE(error);
    CHECK(error.error().message == "--artifact-type: invalid media type \"bad\"");
}
