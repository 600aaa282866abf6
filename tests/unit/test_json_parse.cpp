#include "json/parse.hpp"

#include <doctest/doctest.h>

#include <string>

using oras::ErrorCode;
using oras::JsonLimits;

namespace {

std::string nested_arrays(std::size_t depth)
{
    return std::string(depth, '[') + std::string(depth, ']');
}

// {"a":{"a":...{"a":1}...}} with `depth` objects.
std::string nested_objects(std::size_t depth)
{
    std::string text;
    text.reserve(depth * 6 + 1);
    for (std::size_t i = 0; i < depth; ++i) {
        text += R"({"a":)";
    }
    text += "1";
    text.append(depth, '}');
    return text;
}

} // namespace

TEST_CASE("oras::parse_json")
{
    SUBCASE("valid input")
    {
        const auto value = oras::parse_json(R"({"a":[1,"x",null,true,2.5],"b":{}})", "doc");
        REQUIRE(value);
        CHECK((*value)["a"][1] == "x");
        CHECK((*value)["a"].size() == 5);
        CHECK((*value)["b"].is_object());
        CHECK(oras::parse_json(" 42 ", "doc")->get<int>() == 42);
    }
    SUBCASE("invalid input names the byte and the reason")
    {
        const auto value = oras::parse_json(R"({"a":1,})", "doc");
        REQUIRE_FALSE(value);
        CHECK(value.error().code == ErrorCode::invalid_format);
        CHECK(value.error().message ==
              "doc: not valid JSON at byte 8: syntax error while parsing object key - unexpected "
              "'}'; expected string literal");
        const auto empty = oras::parse_json("", "doc");
        REQUIRE_FALSE(empty);
        CHECK(empty.error().message.rfind("doc: not valid JSON at byte 1: ", 0) == 0);
        const auto trailing = oras::parse_json("{} x", "doc");
        REQUIRE_FALSE(trailing);
        CHECK(trailing.error().message.rfind("doc: not valid JSON at byte 4: ", 0) == 0);
        const auto overflow = oras::parse_json("[1e999]", "doc");
        REQUIRE_FALSE(overflow);
        CHECK(overflow.error().message == "doc: not valid JSON at byte 6: number out of range");
    }
    SUBCASE("the message never quotes the input")
    {
        const auto value = oras::parse_json(R"({"auth":"hunter2)", "config.json");
        REQUIRE_FALSE(value);
        CHECK(value.error().message.rfind("config.json: not valid JSON at byte ", 0) == 0);
        CHECK(value.error().message.find("hunter2") == std::string::npos);
        const auto literal = oras::parse_json(R"({"auth":hunter2})", "config.json");
        REQUIRE_FALSE(literal);
        CHECK(literal.error().message.find("hunter") == std::string::npos);
    }
    SUBCASE("size limit")
    {
        const std::string text = R"(["0123456789"])"; // 14 bytes
        CHECK(oras::parse_json(text, "doc", JsonLimits{14, 64}));
        const auto over = oras::parse_json(text, "doc", JsonLimits{13, 64});
        REQUIRE_FALSE(over);
        CHECK(over.error().code == ErrorCode::too_large);
        CHECK(over.error().message == "doc: over the 13-byte limit");
        const std::string big(oras::k_json_max_bytes + 1, ' ');
        const auto default_limit = oras::parse_json(big, "doc");
        REQUIRE_FALSE(default_limit);
        CHECK(default_limit.error().message == "doc: over the 4194304-byte limit");
    }
    SUBCASE("depth limit: exactly the limit passes, one more fails")
    {
        CHECK(oras::parse_json(nested_arrays(64), "doc"));
        CHECK(oras::parse_json(nested_objects(64), "doc"));
        for (const std::string& text : {nested_arrays(65), nested_objects(65)}) {
            const auto value = oras::parse_json(text, "doc");
            REQUIRE_FALSE(value);
            CHECK(value.error().code == ErrorCode::invalid_format);
            CHECK(value.error().message == "doc: nested deeper than 64 levels");
        }
        CHECK(oras::parse_json(nested_arrays(3), "doc", JsonLimits{1024, 3}));
        CHECK_FALSE(oras::parse_json(nested_arrays(4), "doc", JsonLimits{1024, 3}));
        CHECK(oras::parse_json("1", "doc", JsonLimits{1024, 0}));
        CHECK_FALSE(oras::parse_json("[]", "doc", JsonLimits{1024, 0}));
    }
    SUBCASE("bombs fail cleanly")
    {
        const std::string arrays(1024 * 1024, '[');
        const auto array_bomb = oras::parse_json(arrays, "doc");
        REQUIRE_FALSE(array_bomb);
        CHECK(array_bomb.error().message == "doc: nested deeper than 64 levels");
        const auto object_bomb = oras::parse_json(nested_objects(200000), "doc");
        REQUIRE_FALSE(object_bomb);
        CHECK(object_bomb.error().message == "doc: nested deeper than 64 levels");
        // Even with the depth check out of the way the parser must not recurse on its own.
        const auto unlimited =
            oras::check_json(nested_arrays(100000), "doc", JsonLimits{1024 * 1024, 1000000});
        CHECK(unlimited);
    }
    SUBCASE("brackets inside strings do not count")
    {
        const std::string strings = R"(["[[[[{{{{\"[[[[", "}}}}]]]]\\", "{[\"\\\"[{"])";
        const auto value = oras::parse_json(strings, "doc", JsonLimits{1024, 1});
        REQUIRE(value);
        CHECK((*value)[0] == "[[[[{{{{\"[[[[");
        CHECK((*value)[1] == "}}}}]]]]\\");
        const std::string deep_then_strings =
            nested_arrays(63).insert(63, R"("]]]]]]]]]]" , {"k[[[[":"}}}}"})");
        CHECK(oras::parse_json(deep_then_strings, "doc"));
    }
}

TEST_CASE("oras::parse_ordered_json")
{
    const auto value = oras::parse_ordered_json(R"({"z":1,"a":2,"m":3})", "doc");
    REQUIRE(value);
    CHECK(value->dump() == R"({"z":1,"a":2,"m":3})");
    const auto deep = oras::parse_ordered_json(nested_objects(65), "doc");
    REQUIRE_FALSE(deep);
    CHECK(deep.error().message == "doc: nested deeper than 64 levels");
    const auto bad = oras::parse_ordered_json("{\"a\" 1}", "doc");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.rfind("doc: not valid JSON at byte 6: ", 0) == 0);
}

TEST_CASE("oras::check_json")
{
    CHECK(oras::check_json(R"({"a":[1,2]})", "doc"));
    const auto bad = oras::check_json("[1,]", "doc");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.rfind("doc: not valid JSON at byte 4: ", 0) == 0);
    const auto big = oras::check_json("[1,2]", "doc", JsonLimits{4, 64});
    REQUIRE_FALSE(big);
    CHECK(big.error().code == ErrorCode::too_large);
    CHECK_FALSE(oras::check_json(nested_arrays(65), "doc"));
}
