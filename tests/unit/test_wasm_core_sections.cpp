#include "wasm/core_module.hpp"

#include "test_wasm_modules.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace std::string_literals;
using oras::ErrorCode;
using oras::wasm::ByteReader;
using oras::wasm::CoreModule;
using oras::wasm::read_core_section;

// Reads the contents of section `id` into `module`, as the module parser would.
oras::Result<void> read(std::uint8_t id, std::string_view contents, CoreModule& module)
{
    ByteReader reader(contents, 0x10, "section");
    ORAS_TRY(read_core_section(id, reader, module));
    return reader.expect_end("section contents");
}

// A module state with one () -> () type and `functions` functions of it.
CoreModule with_functions(unsigned functions)
{
    CoreModule module;
    REQUIRE(read(1, "\x01\x60\x00\x00"s, module));
    REQUIRE(read(
        3, std::string(1, static_cast<char>(functions)) + std::string(functions, '\0'), module));
    return module;
}

} // namespace

TEST_CASE("wasm::read_core_section: type and function")
{
    CoreModule module = with_functions(2);
    CHECK(module.info.types.size() == 1);
    CHECK(module.info.defined_function_count == 2);
    CHECK(module.function_type_indices == std::vector<std::uint32_t>{0, 0});

    CoreModule bad_index;
    REQUIRE(read(1, "\x01\x60\x00\x00"s, bad_index));
    auto result = read(3, "\x01\x01"s, bad_index);
    REQUIRE_FALSE(result);
    CHECK(result.error().message ==
          "function 0: type index at offset 0x11: 1 is out of range (1 types)");
}

TEST_CASE("wasm::read_core_section: table, memory, global, tag")
{
    CoreModule module = with_functions(1);
    SUBCASE("tables, including one with an initialiser")
    {
        REQUIRE(read(4, "\x02\x70\x00\x01\x40\x00\x70\x00\x01\xd2\x00\x0b"s, module));
        CHECK(module.table_count == 2);
        CHECK_FALSE(read(4, "\x01\x40\x01\x70\x00\x01\x0b"s, module));
    }
    SUBCASE("memories")
    {
        REQUIRE(read(5, "\x01\x01\x01\x02", module));
        REQUIRE(module.info.memories.size() == 1);
        CHECK(module.info.memories[0].limits.max == 2u);
    }
    SUBCASE("globals")
    {
        REQUIRE(read(6, "\x02\x7f\x00\x41\x2a\x0b\x7e\x01\x42\x00\x0b"s, module));
        CHECK(module.global_count == 2);
        auto no_end = read(6, "\x01\x7f\x00\x41\x2a"s, module);
        REQUIRE_FALSE(no_end);
        CHECK(no_end.error().message.find("global 0: constant expression") == 0);
    }
    SUBCASE("tags")
    {
        REQUIRE(read(13, "\x01\x00\x00"s, module));
        CHECK(module.tag_type_indices.size() == 1);
        CHECK_FALSE(read(13, "\x01\x01\x00"s, module));
    }
}

TEST_CASE("wasm::read_core_section: start, element, code, data")
{
    CoreModule module = with_functions(2);
    SUBCASE("start")
    {
        REQUIRE(read(8, "\x01", module));
        CHECK(module.info.start_function == 1u);
        auto out_of_range = read(8, "\x02", module);
        REQUIRE_FALSE(out_of_range);
        CHECK(out_of_range.error().message ==
              "start function at offset 0x10: function index 2 is out of range");
    }
    SUBCASE("element segments are skipped by size")
    {
        CHECK(read(9, "\x01\x00\x41\x00\x0b\x01\x00"s, module));
    }
    SUBCASE("code bodies are bounded by the section")
    {
        REQUIRE(read(10, "\x02\x02\x00\x0b\x02\x00\x0b"s, module));
        CHECK(module.code_count == 2u);
        auto past = read(10, "\x02\x02\x00\x0b\x09\x00\x0b"s, module);
        REQUIRE_FALSE(past);
        CHECK(past.error().message == "function body 1: function body at offset 0x15: 9 bytes run "
                                      "past the end of the section at 0x17");
        auto huge = read(10, "\x02\x02\x00\x0b\xff\xff\xff\x0f"s, module);
        REQUIRE_FALSE(huge);
        CHECK(huge.error().code == ErrorCode::too_large);
    }
    SUBCASE("data and data count")
    {
        REQUIRE(read(12, "\x01", module));
        REQUIRE(read(11,
                     "\x01\x01\x03"
                     "abc"s,
                     module));
        CHECK(module.data_count == 1u);
        CHECK(module.data_segment_count == 1u);
        CHECK_FALSE(read(11, "\x05\x01"s, module)); // 5 segments cannot fit in 1 byte
    }
}
