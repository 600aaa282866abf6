#include "wasm/component_parser.hpp"

#include "test_wasm_modules.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace std::string_literals;
using coras_test::component;
using coras_test::section;
using coras_test::wasm_name;
using oras::wasm::parse_component;

// import section: `(import "wasi:cli/environment@0.2.0" (instance (type 0)))`.
const std::string k_imports =
    section(10, "\x01\x00"s + wasm_name("wasi:cli/environment@0.2.0") + "\x05\x00"s);
// export section: `(export "wasi:cli/run@0.2.0" (instance 0))`, then one with a type
// ascription `(func (type 1))`.
const std::string k_exports =
    section(11,
            "\x02\x00"s + wasm_name("wasi:cli/run@0.2.0") + "\x05\x00\x00"s + "\x00"s +
                wasm_name("run") + "\x01\x03\x01\x01\x01"s);

} // namespace

TEST_CASE("wasm::parse_component")
{
    SUBCASE("a preamble and a custom section")
    {
        const std::string bytes = component({coras_test::custom_section("hello", "world")});
        auto info = parse_component(bytes, 0x0d);
        REQUIRE(info);
        CHECK(info->kind == oras::wasm::ModuleKind::component);
        CHECK(info->version == 0x0d);
        CHECK(info->size == bytes.size());
        REQUIRE(info->custom_sections.size() == 1);
        CHECK(info->custom_sections[0].name == "hello");
        CHECK(info->custom_sections[0].offset == 8);
        REQUIRE(info->component);
        REQUIRE(info->component->section_counts.size() == 1);
        CHECK(info->component->section_counts[0].name == "custom");
        CHECK(info->component->section_counts[0].count == 1);
    }
    SUBCASE("sections are counted; imports and exports named")
    {
        const std::string nested = section(1, coras_test::core_module({}));
        const std::string bytes = component({nested, nested, k_imports, k_exports});
        auto info = parse_component(bytes, 0x0d);
        REQUIRE(info);
        const auto& counts = info->component->section_counts;
        REQUIRE(counts.size() == 3);
        CHECK(counts[0].id == 1);
        CHECK(counts[0].name == "core module");
        CHECK(counts[0].count == 2);
        CHECK(counts[1].name == "import");
        CHECK(counts[2].name == "export");
        CHECK(info->component->imports == std::vector<std::string>{"wasi:cli/environment@0.2.0"});
        CHECK(info->component->exports == std::vector<std::string>{"wasi:cli/run@0.2.0", "run"});
        CHECK(info->component->names_complete);
        CHECK(info->sections.size() == 4);
        CHECK(info->imports.empty()); // core imports only
    }
    SUBCASE("an unknown name encoding keeps the names decoded so far")
    {
        const std::string imports = section(10,
                                            "\x02\x00"s + wasm_name("a") + "\x01\x00"s + "\x02"s +
                                                wasm_name("b") + "\x01\x00"s);
        auto info = parse_component(component({imports}), 0x0d);
        REQUIRE(info);
        CHECK(info->component->imports == std::vector<std::string>{"a"});
        CHECK_FALSE(info->component->names_complete);
    }
    SUBCASE("malformed sections fail with the offset")
    {
        auto unknown = parse_component(component({section(13, "")}), 0x0d);
        REQUIRE_FALSE(unknown);
        CHECK(unknown.error().message == "wasm: section 13 at offset 0x8: unknown section id");
        auto past = parse_component(component({"\x01\x10\x00"s}), 0x0d);
        REQUIRE_FALSE(past);
        CHECK(past.error().message == "wasm: section 1 (core module) at offset 0x8: size 16 runs "
                                      "past the end of the module (11 bytes)");
        auto bad_custom = parse_component(component({section(0, "\x09"s)}), 0x0d);
        REQUIRE_FALSE(bad_custom);
        CHECK(bad_custom.error().message.find("wasm: section 0 (custom) at offset 0x8: ") == 0);
    }
}

TEST_CASE("wasm::read_extern_name")
{
    const std::string bytes = "\x00"s + wasm_name("a") + "\x01"s + wasm_name("b") + "\x02"s;
    oras::wasm::ByteReader reader(bytes, 0, "section");
    CHECK(*oras::wasm::read_extern_name(reader) == "a");
    CHECK(*oras::wasm::read_extern_name(reader) == "b");
    auto unknown = oras::wasm::read_extern_name(reader);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == oras::ErrorCode::unsupported);
}
