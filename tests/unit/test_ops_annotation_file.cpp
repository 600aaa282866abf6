#include "ops/annotation_file.hpp"

#include "test_util.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace oras;
using coras_test::temp_dir;
using coras_test::write_file;

TEST_CASE("ops::load_annotation_file")
{
    const auto dir = temp_dir("annotation_file");
    const auto path = dir / "annotations.json";
    const std::string where = "annotation file " + path.string();

    SUBCASE("manifest, config and file entries")
    {
        write_file(path, R"({"$manifest":{"a":"1"},"$config":{"b":"2"},"f.txt":{"c":"3"}})");
        const auto file = ops::load_annotation_file(path);
        REQUIRE(file);
        CHECK(file->manifest.at("a") == "1");
        CHECK(file->config.at("b") == "2");
        CHECK(file->files.at("f.txt").at("c") == "3");
    }
    SUBCASE("not JSON names the byte")
    {
        write_file(path, R"({"$manifest":{"a":"1"},})");
        const auto file = ops::load_annotation_file(path);
        REQUIRE_FALSE(file);
        CHECK(file.error().code == ErrorCode::invalid_format);
        CHECK(file.error().message.rfind(where + ": not valid JSON at byte 24: ", 0) == 0);
    }
    SUBCASE("not an object")
    {
        write_file(path, "[]");
        const auto file = ops::load_annotation_file(path);
        REQUIRE_FALSE(file);
        CHECK(file.error().message == where + ": not a JSON object");
    }
    SUBCASE("nesting past the JSON limit is refused")
    {
        const auto nested = [](std::size_t depth) {
            return R"({"$manifest":{"a":"1"},"x":{"k":)" + std::string(depth, '[') + "\"v\"" +
                   std::string(depth, ']') + "}}";
        };
        write_file(path, nested(62));
        const auto shallow = ops::load_annotation_file(path);
        REQUIRE_FALSE(shallow);
        CHECK(shallow.error().message == where + ": \"x\": value of \"k\" is not a string");
        write_file(path, nested(63));
        const auto deep = ops::load_annotation_file(path);
        REQUIRE_FALSE(deep);
        CHECK(deep.error().code == ErrorCode::invalid_format);
        CHECK(deep.error().message == where + ": nested deeper than 64 levels");
    }
}
