#include "wasm/custom_sections.hpp"

#include "test_wasm_modules.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace std::string_literals;
using coras_test::leb;
using coras_test::wasm_name;
using oras::ErrorCode;
using oras::wasm::ByteReader;
using oras::wasm::ModuleKind;

std::string subsection(std::uint8_t id, const std::string& contents)
{
    return std::string(1, static_cast<char>(id)) + leb(contents.size()) + contents;
}

oras::Result<oras::wasm::NameSection> names_of(const std::string& contents,
                                               ModuleKind kind = ModuleKind::core)
{
    ByteReader reader(contents, 0x100, "section");
    return oras::wasm::read_name_section(reader, kind);
}

oras::Result<std::vector<oras::wasm::ProducerField>> producers_of(const std::string& contents)
{
    ByteReader reader(contents, 0x100, "section");
    return oras::wasm::read_producers_section(reader);
}

// wabt/LLVM-style producers: language wat, processed-by wabt 1.0.32 and clang 16.
const std::string k_producers = "\x02"s + wasm_name("language") + "\x01"s + wasm_name("wat") +
                                wasm_name("") + wasm_name("processed-by") + "\x02"s +
                                wasm_name("wabt") + wasm_name("1.0.32") + wasm_name("clang") +
                                wasm_name("16.0.6");

} // namespace

TEST_CASE("wasm::read_name_section")
{
    SUBCASE("module and function names")
    {
        const std::string functions = "\x02\x00"s + wasm_name("a") + "\x01"s + wasm_name("b");
        auto names = names_of(subsection(0, wasm_name("demo")) + subsection(1, functions) +
                              subsection(2, "\x00"s) + subsection(7, "junk"));
        REQUIRE(names);
        CHECK(names->module_name == "demo");
        CHECK(names->function_name_count == 2);
    }
    SUBCASE("an empty section")
    {
        auto names = names_of("");
        REQUIRE(names);
        CHECK_FALSE(names->module_name);
    }
    SUBCASE("a name length past its subsection")
    {
        auto names = names_of(subsection(0,
                                         "\x0a"
                                         "ab"s));
        REQUIRE_FALSE(names);
        CHECK(names.error().code == ErrorCode::invalid_format);
        CHECK(names.error().message ==
              "subsection 0 (module name) at offset 0x100: module name at offset 0x102: length "
              "10 runs past the end of the subsection at 0x105");
    }
    SUBCASE("a module name that is not UTF-8")
    {
        auto names = names_of(subsection(0, "\x02\xc3\x28"s));
        REQUIRE_FALSE(names);
        CHECK(names.error().message.find("not valid UTF-8") != std::string::npos);
    }
    SUBCASE("a subsection past the section, leftovers, order")
    {
        auto past = names_of("\x00\x09\x01"s);
        REQUIRE_FALSE(past);
        CHECK(past.error().message.find("subsection 0 (module name) at offset 0x100: subsection "
                                        "contents at offset 0x102: 9 bytes run past the end") == 0);
        CHECK_FALSE(names_of(subsection(0, wasm_name("a") + "x")));
        auto order = names_of(subsection(1, "\x00"s) + subsection(0, wasm_name("a")));
        REQUIRE_FALSE(order);
        CHECK(order.error().message == "subsection 0 (module name) at offset 0x103: out of order "
                                       "or repeated (subsection ids must increase)");
        CHECK(names_of(subsection(1, "\x01\x00"s + wasm_name("a"))));
        CHECK_FALSE(names_of(subsection(1, "\x02\x00"s + wasm_name("a"))));
    }
    SUBCASE("a component's name section: only the component name is decoded")
    {
        auto names = names_of(subsection(0, wasm_name("comp")) + subsection(1, "anything"),
                              ModuleKind::component);
        REQUIRE(names);
        CHECK(names->module_name == "comp");
        CHECK(names->function_name_count == 0);
    }
}

TEST_CASE("wasm::read_producers_section")
{
    SUBCASE("fields and values")
    {
        auto fields = producers_of(k_producers);
        REQUIRE(fields);
        REQUIRE(fields->size() == 2);
        CHECK((*fields)[0].name == "language");
        REQUIRE((*fields)[0].values.size() == 1);
        CHECK((*fields)[0].values[0].name == "wat");
        CHECK((*fields)[0].values[0].version.empty());
        CHECK((*fields)[1].name == "processed-by");
        REQUIRE((*fields)[1].values.size() == 2);
        CHECK((*fields)[1].values[1].name == "clang");
        CHECK((*fields)[1].values[1].version == "16.0.6");
    }
    SUBCASE("truncated, trailing bytes, huge counts")
    {
        auto cut = producers_of(k_producers.substr(0, k_producers.size() - 3));
        REQUIRE_FALSE(cut);
        CHECK(cut.error().message.find("field 1: value 1: producer version at offset") == 0);
        CHECK_FALSE(producers_of(k_producers + "x"));
        auto huge = producers_of("\xff\xff\xff\xff\x0f"s);
        REQUIRE_FALSE(huge);
        CHECK(huge.error().code == ErrorCode::invalid_format);
        const std::string many = leb(1001) + std::string(2002, '\0');
        auto over = producers_of(many);
        REQUIRE_FALSE(over);
        CHECK(over.error().code == ErrorCode::too_large);
    }
}

TEST_CASE("wasm::read_custom_section")
{
    const std::string bytes = coras_test::custom_section("producers", k_producers) +
                              coras_test::custom_section("name", subsection(0, wasm_name("x"))) +
                              coras_test::custom_section(".debug_info", "dwarf");
    ByteReader module(bytes, 0x20, "module");
    oras::wasm::ModuleInfo info;
    for (int i = 0; i < 3; ++i) {
        auto frame = oras::wasm::read_section(module, ModuleKind::core);
        REQUIRE(frame);
        REQUIRE(oras::wasm::read_custom_section(*frame, info));
    }
    REQUIRE(info.custom_sections.size() == 3);
    CHECK(info.custom_sections[0].name == "producers");
    CHECK(info.custom_sections[0].offset == 0x20);
    CHECK(info.custom_sections[2].name == ".debug_info");
    CHECK(info.sections.size() == 3);
    CHECK(info.producers.size() == 2);
    REQUIRE(info.names);
    CHECK(info.names->module_name == "x");

    const std::string bad = coras_test::custom_section("producers", "\x01"s);
    ByteReader bad_module(bad, 0x20, "module");
    auto frame = oras::wasm::read_section(bad_module, ModuleKind::core);
    REQUIRE(frame);
    auto result = oras::wasm::read_custom_section(*frame, info);
    REQUIRE_FALSE(result);
    CHECK(result.error().message.find("custom section \"producers\": field count at offset") == 0);
}
