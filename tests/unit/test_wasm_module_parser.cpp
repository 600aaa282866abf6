#include "wasm/module_parser.hpp"

#include "test_wasm_modules.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace std::string_literals;
using coras_test::core_module;
using coras_test::custom_section;
using coras_test::section;
using coras_test::wasm_name;
using oras::ErrorCode;
using oras::wasm::ExternalKind;
using oras::wasm::parse_core_module;

// An error message, for CHECKs on failures.
std::string message_of(std::string_view bytes)
{
    auto info = parse_core_module(bytes);
    REQUIRE_FALSE(info);
    return info.error().message;
}

ErrorCode code_of(std::string_view bytes)
{
    auto info = parse_core_module(bytes);
    REQUIRE_FALSE(info);
    return info.error().code;
}

// type section: one () -> () type.
const std::string k_void_type = section(1, std::string("\x01\x60\x00\x00", 4));
// code section with `count` empty bodies (size 2: no locals, end).
std::string code_section(unsigned count)
{
    std::string contents(1, static_cast<char>(count));
    for (unsigned i = 0; i < count; ++i) {
        contents += std::string("\x02\x00\x0b", 3);
    }
    return section(10, contents);
}

} // namespace

TEST_CASE("wasm::parse_core_module")
{
    SUBCASE("the example filter")
    {
        const auto bytes = coras_test::bytes_of(coras_test::k_example_filter);
        auto info = parse_core_module(bytes);
        REQUIRE(info);
        CHECK(info->version == 1);
        CHECK(info->size == 1003);
        CHECK(info->types.size() == 6);
        REQUIRE(info->imports.size() == 2);
        CHECK(info->imports[0].module == "env");
        CHECK(info->imports[0].name == "proxy_log");
        CHECK(info->signature(info->imports[0]) == "(i32, i32, i32) -> i32");
        CHECK(info->imports[1].name == "proxy_add_header_map_value");
        CHECK(info->signature(info->imports[1]) == "(i32, i32, i32, i32, i32) -> i32");
        CHECK(info->imported_function_count == 2);
        CHECK(info->defined_function_count == 6);
        REQUIRE(info->exports.size() == 7);
        CHECK(info->exports[0].name == "proxy_abi_version_0_2_1");
        CHECK(info->exports[0].index == 2);
        CHECK(info->signature(info->exports[0]) == "() -> ()");
        CHECK(info->exports[1].kind == ExternalKind::memory);
        const auto* headers = info->find_export("proxy_on_response_headers");
        REQUIRE(headers != nullptr);
        CHECK(info->signature(*headers) == "(i32, i32, i32) -> i32");
        CHECK(info->signature(*info->find_export("proxy_on_memory_allocate")) == "(i32) -> i32");
        CHECK(info->signature(*info->find_export("proxy_on_context_create")) == "(i32, i32) -> ()");
        CHECK(info->find_export("nope") == nullptr);
        REQUIRE(info->memories.size() == 1);
        CHECK(info->memories[0].origin == oras::wasm::Origin::defined);
        CHECK(info->memories[0].limits.min == 1);
        CHECK_FALSE(info->memories[0].limits.max);
        CHECK(info->memories[0].export_names == std::vector<std::string>{"memory"});
        CHECK_FALSE(info->start_function);
        std::vector<int> ids;
        for (const auto& s : info->sections) {
            ids.push_back(s.id);
        }
        CHECK(ids == std::vector<int>{1, 2, 3, 5, 6, 7, 10, 11, 0});
        CHECK(info->sections[6].name == "code");
        CHECK(info->sections[6].offset == 0x11a);
        CHECK(info->sections[6].size == 0x7e);
        REQUIRE(info->custom_sections.size() == 1);
        CHECK(info->custom_sections[0].name == "name");
        CHECK(info->custom_sections[0].offset == 0x214);
        CHECK(info->custom_sections[0].size == 0x1d4);
        REQUIRE(info->names);
        CHECK(info->names->module_name == "resp_header_demo");
        CHECK(info->names->function_name_count == 8);
    }
    SUBCASE("every import and export kind")
    {
        auto info = parse_core_module(coras_test::bytes_of(coras_test::k_kitchen_sink));
        REQUIRE(info);
        REQUIRE(info->imports.size() == 5);
        CHECK(info->signature(info->imports[0]) == "(i64, f32) -> f64");
        CHECK(info->imports[1].kind == ExternalKind::table);
        CHECK(info->signature(info->imports[1]) == "table funcref 1..10");
        CHECK(info->signature(info->imports[2]) == "memory 1..2 shared");
        CHECK(info->signature(info->imports[3]) == "global i32");
        CHECK(info->imports[4].kind == ExternalKind::tag);
        CHECK(info->signature(info->imports[4]) == "tag (i32) -> ()");
        CHECK(info->imported_function_count == 1);
        CHECK(info->defined_function_count == 3);
        REQUIRE(info->memories.size() == 1);
        CHECK(info->memories[0].origin == oras::wasm::Origin::imported);
        CHECK(info->memories[0].limits.shared);
        CHECK(info->memories[0].export_names == std::vector<std::string>{"mem"});
        CHECK(info->start_function == 1u);
        CHECK(info->signature(*info->find_export("multi")) == "(i32) -> (i32, i64)");
        CHECK(info->signature(*info->find_export("tab")) ==
              "table 1"); // index 0 is the imported one
        CHECK(info->signature(*info->find_export("gl")) == "global 1");
        CHECK(info->signature(*info->find_export("tg")) == "tag (i64) -> ()");
        CHECK(info->signature(*info->find_export("imp")) == "(i64, f32) -> f64");
    }
    SUBCASE("an empty module")
    {
        auto info = parse_core_module(core_module({}));
        REQUIRE(info);
        CHECK(info->sections.empty());
        CHECK(info->size == 8);
    }
}

TEST_CASE("wasm::parse_core_module refuses malformed modules")
{
    const auto example = coras_test::bytes_of(coras_test::k_example_filter);
    SUBCASE("a section that runs past the end")
    {
        const auto cut = example.substr(0, 0x11c + 10);
        CHECK(message_of(cut) == "wasm: section 10 (code) at offset 0x11a: size 126 runs past "
                                 "the end of the module (294 bytes)");
    }
    SUBCASE("a truncated section header")
    {
        CHECK(message_of(core_module({k_void_type, "\x0a"})) ==
              "wasm: section 10 (code) at offset 0xe: section size at offset 0xf: LEB128 integer "
              "cut off by the end of the module");
        CHECK(message_of(core_module({std::string("\x01\x80\x80", 3)})) ==
              "wasm: section 1 (type) at offset 0x8: section size at offset 0x9: LEB128 integer "
              "cut off by the end of the module");
    }
    SUBCASE("a six-byte LEB128")
    {
        const std::string bytes = core_module({std::string("\x01\x80\x80\x80\x80\x80\x00", 7)});
        CHECK(message_of(bytes) == "wasm: section 1 (type) at offset 0x8: section size at offset "
                                   "0x9: LEB128 integer longer than 5 bytes");
        CHECK(code_of(bytes) == ErrorCode::invalid_format);
    }
    SUBCASE("a huge declared count fails before allocating")
    {
        const std::string bytes =
            core_module({section(1, std::string("\xff\xff\xff\xff\x0f\x60", 6))});
        CHECK(message_of(bytes) == "wasm: section 1 (type) at offset 0x8: type count at offset "
                                   "0xa: 4294967295 entries cannot fit in the 1 bytes left in "
                                   "the section");
    }
    SUBCASE("an unknown section id")
    {
        CHECK(message_of(core_module({section(14, "")})) ==
              "wasm: section 14 at offset 0x8: unknown section id");
    }
    SUBCASE("duplicate and out-of-order sections")
    {
        CHECK(message_of(core_module({k_void_type, k_void_type})) ==
              "wasm: section 1 (type) at offset 0xe: duplicate section");
        const std::string function = section(3, "\x00"s);
        CHECK(message_of(core_module({function, k_void_type})) ==
              "wasm: section 1 (type) at offset 0xb: out of order: it must come before section 3 "
              "(function)");
        // data count (12) comes before code (10); tag (13) before global (6).
        CHECK(parse_core_module(core_module({section(12, "\x00"s), section(11, "\x00"s)})));
        CHECK_FALSE(parse_core_module(core_module({section(11, "\x00"s), section(12, "\x00"s)})));
        CHECK_FALSE(parse_core_module(core_module({section(6, "\x00"s), section(13, "\x00"s)})));
    }
    SUBCASE("custom sections go anywhere")
    {
        const std::string note = custom_section("note", "x");
        CHECK(parse_core_module(core_module({note, k_void_type, note, code_section(0), note})));
    }
    SUBCASE("function and code counts must agree")
    {
        const std::string two_functions = section(3, std::string("\x02\x00\x00", 3));
        CHECK(message_of(core_module({k_void_type, two_functions, code_section(1)})) ==
              "wasm: section 10 (code) at offset 0x13: body count at offset 0x15: 1 function "
              "bodies but the function section declares 2 functions");
        CHECK(message_of(core_module({k_void_type, two_functions})) ==
              "wasm: section 3 (function) at offset 0xe: declares 2 functions but the module has "
              "no code section");
        CHECK(parse_core_module(core_module({k_void_type, two_functions, code_section(2)})));
    }
    SUBCASE("a section size that does not match its contents")
    {
        CHECK(message_of(core_module({section(1, std::string("\x00\x00", 2))})) ==
              "wasm: section 1 (type) at offset 0x8: section contents at offset 0xb: 1 bytes left "
              "before the end of the section: its size does not match its contents");
        CHECK(message_of(core_module({section(1, "\x01\x60\x01\x7f")})) ==
              "wasm: section 1 (type) at offset 0x8: type 0: result count at offset 0xe: LEB128 "
              "integer cut off by the end of the section");
    }
    SUBCASE("data count must match the data section")
    {
        CHECK(message_of(core_module({section(12, "\x02"s), section(11, "\x00"s)})) ==
              "wasm: section 12 (data count) at offset 0x8: says 2 data segments but the module "
              "has 0");
    }
    SUBCASE("a name section with a bad name length")
    {
        const std::string names = custom_section("name", std::string("\x00\x02\x0a\x61", 4));
        const std::string message = message_of(core_module({names}));
        CHECK(message.find("wasm: section 0 (custom) at offset 0x8: custom section \"name\": "
                           "subsection 0 (module name) at offset 0xf") == 0);
        CHECK(message.find("length 10 runs past the end of the subsection") != std::string::npos);
    }
    SUBCASE("too many sections")
    {
        std::string bytes = core_module({});
        for (std::size_t i = 0; i <= oras::wasm::k_max_sections; ++i) {
            bytes += std::string("\x00\x01\x00", 3);
        }
        CHECK(code_of(bytes) == ErrorCode::too_large);
    }
}
