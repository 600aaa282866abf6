#include "display/json_values.hpp"

#include <doctest/doctest.h>

TEST_CASE("coras::pretty_json")
{
    CHECK(coras::pretty_json(R"({"a":[1]})") == "{\n  \"a\": [\n    1\n  ]\n}");
    CHECK(coras::pretty_json(R"({"b":1,"a":2})") == "{\n  \"b\": 1,\n  \"a\": 2\n}");
    CHECK(coras::pretty_json("not json") == "not json");
}

TEST_CASE("coras::json_or_string")
{
    CHECK(coras::json_or_string(R"({"a":1})").dump() == R"({"a":1})");
    CHECK(coras::json_or_string("{broken").dump() == R"("{broken")");
}

TEST_CASE("coras::descriptor_json")
{
    auto desc = oras::descriptor_of("application/x-a", "abc");
    SUBCASE("required members only")
    {
        CHECK(coras::descriptor_json(desc).dump() ==
              R"({"mediaType":"application/x-a","digest":")" + desc.digest.str() +
                  R"(","size":3})");
    }
    SUBCASE("every optional member, in image-spec order")
    {
        desc.urls = {"https://x/a"};
        desc.annotations = {{"k2", "v2"}, {"k1", "v1"}};
        desc.platform = oras::Platform{"amd64", "linux", "10", {"f"}, "v8"};
        desc.artifact_type = "application/x-t";
        CHECK(coras::descriptor_json(desc).dump() ==
              R"({"mediaType":"application/x-a","digest":")" + desc.digest.str() +
                  R"(","size":3,"urls":["https://x/a"],"annotations":{"k1":"v1","k2":"v2"},)"
                  R"("platform":{"architecture":"amd64","os":"linux","os.version":"10",)"
                  R"("os.features":["f"],"variant":"v8"},"artifactType":"application/x-t"})");
    }
}
