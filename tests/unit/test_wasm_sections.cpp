#include "wasm/sections.hpp"

#include "test_wasm_modules.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace std::string_literals;
using oras::wasm::ByteReader;
using oras::wasm::ModuleKind;

// A module-level reader over `bytes` as if they followed an 8-byte preamble.
ByteReader module_reader(const std::string& bytes)
{
    return ByteReader(bytes, 8, "module");
}

} // namespace

TEST_CASE("wasm::section_name, describe_section, core_section_rank")
{
    using oras::wasm::section_name;
    CHECK(section_name(ModuleKind::core, 10) == "code");
    CHECK(section_name(ModuleKind::core, 12) == "data count");
    CHECK(section_name(ModuleKind::core, 13) == "tag");
    CHECK(section_name(ModuleKind::core, 14).empty());
    CHECK(section_name(ModuleKind::component, 1) == "core module");
    CHECK(section_name(ModuleKind::component, 12) == "value");
    CHECK(section_name(ModuleKind::component, 13).empty());
    CHECK(oras::wasm::describe_section(ModuleKind::core, 10, 0x1f2) ==
          "section 10 (code) at offset 0x1f2");
    CHECK(oras::wasm::describe_section(ModuleKind::core, 99, 8) == "section 99 at offset 0x8");

    // 1,2,3,4,5,(13),6,7,8,9,(12),10,11
    using oras::wasm::core_section_rank;
    const int order[] = {1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11};
    for (std::size_t i = 1; i < std::size(order); ++i) {
        CHECK(*core_section_rank(static_cast<std::uint8_t>(order[i - 1])) <
              *core_section_rank(static_cast<std::uint8_t>(order[i])));
    }
    CHECK_FALSE(core_section_rank(0));
    CHECK_FALSE(core_section_rank(14));
}

TEST_CASE("wasm::read_section")
{
    SUBCASE("frames a section and moves past it")
    {
        const std::string bytes = coras_test::section(1, "\x00"s) + coras_test::section(3, "");
        ByteReader reader = module_reader(bytes);
        auto frame = oras::wasm::read_section(reader, ModuleKind::core);
        REQUIRE(frame);
        CHECK(frame->id == 1);
        CHECK(frame->offset == 8);
        CHECK(frame->size == 1);
        CHECK(frame->contents.offset() == 10);
        CHECK(reader.offset() == 11);
        auto second = oras::wasm::read_section(reader, ModuleKind::core);
        REQUIRE(second);
        CHECK(second->size == 0);
        CHECK(reader.at_end());
    }
    SUBCASE("a size past the end of the module")
    {
        const std::string bytes = "\x0a\xa0\x1f"s + std::string(10, '\0');
        ByteReader reader = module_reader(bytes);
        auto frame = oras::wasm::read_section(reader, ModuleKind::core);
        REQUIRE_FALSE(frame);
        CHECK(frame.error().message == "wasm: section 10 (code) at offset 0x8: size 4000 runs past "
                                       "the end of the module (21 bytes)");
    }
    SUBCASE("an id unknown to the module kind")
    {
        const std::string bytes = coras_test::section(13, "");
        ByteReader core = module_reader(bytes);
        CHECK(oras::wasm::read_section(core, ModuleKind::core));
        ByteReader component = module_reader(bytes);
        auto frame = oras::wasm::read_section(component, ModuleKind::component);
        REQUIRE_FALSE(frame);
        CHECK(frame.error().message == "wasm: section 13 at offset 0x8: unknown section id");
    }
    SUBCASE("a custom section's name")
    {
        const std::string bytes = coras_test::custom_section("producers", "xyz");
        ByteReader reader = module_reader(bytes);
        auto frame = oras::wasm::read_section(reader, ModuleKind::core);
        REQUIRE(frame);
        CHECK(*oras::wasm::read_custom_section_name(*frame) == "producers");
        CHECK(frame->contents.remaining() == 3);

        const std::string bad = coras_test::section(0,
                                                    "\x05"
                                                    "ab"s);
        ByteReader bad_reader = module_reader(bad);
        auto bad_frame = oras::wasm::read_section(bad_reader, ModuleKind::core);
        REQUIRE(bad_frame);
        CHECK_FALSE(oras::wasm::read_custom_section_name(*bad_frame));
    }
}
