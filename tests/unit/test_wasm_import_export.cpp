#include "wasm/core_module.hpp"

#include "test_wasm_modules.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace std::string_literals;
using coras_test::wasm_name;
using oras::ErrorCode;
using oras::wasm::ByteReader;
using oras::wasm::CoreModule;
using oras::wasm::ExternalKind;

oras::Result<void> read_imports(std::string_view contents, CoreModule& module)
{
    ByteReader reader(contents, 0x10, "section");
    ORAS_TRY(oras::wasm::read_import_section(reader, module));
    return reader.expect_end("section contents");
}

oras::Result<void> read_exports(std::string_view contents, CoreModule& module)
{
    ByteReader reader(contents, 0x10, "section");
    ORAS_TRY(oras::wasm::read_export_section(reader, module));
    return reader.expect_end("section contents");
}

// Types: 0 = (i32, i32, i32) -> i32, 1 = () -> ().
CoreModule with_types()
{
    CoreModule module;
    module.info.types = {
        {{oras::wasm::ValueType::i32, oras::wasm::ValueType::i32, oras::wasm::ValueType::i32},
         {oras::wasm::ValueType::i32}},
        {}};
    return module;
}

std::string import_entry(std::string_view module, std::string_view name, std::string desc)
{
    return wasm_name(module) + wasm_name(name) + desc;
}

} // namespace

TEST_CASE("wasm::read_import_section")
{
    CoreModule module = with_types();
    SUBCASE("every kind")
    {
        const std::string contents = "\x05"s + import_entry("env", "proxy_log", "\x00\x00"s) +
                                     import_entry("env", "t", "\x01\x70\x00\x01"s) +
                                     import_entry("env", "m", "\x02\x00\x01"s) +
                                     import_entry("env", "g", "\x03\x7f\x01"s) +
                                     import_entry("env", "e", "\x04\x00\x01"s);
        REQUIRE(read_imports(contents, module));
        const auto& imports = module.info.imports;
        REQUIRE(imports.size() == 5);
        CHECK(module.info.signature(imports[0]) == "(i32, i32, i32) -> i32");
        CHECK(module.info.signature(imports[1]) == "table funcref 1..");
        CHECK(module.info.signature(imports[2]) == "memory 1..");
        CHECK(imports[3].kind == ExternalKind::global);
        CHECK(module.info.signature(imports[3]) == "global mut i32");
        CHECK(module.info.signature(imports[4]) == "tag () -> ()");
        CHECK(module.info.imported_function_count == 1);
        CHECK(module.table_count == 1);
        CHECK(module.global_count == 1);
        CHECK(module.info.memories.size() == 1);
        CHECK(module.tag_type_indices.size() == 1);
    }
    SUBCASE("errors name the entry")
    {
        const std::string contents =
            "\x02"s + import_entry("env", "a", "\x00\x00"s) + import_entry("env", "b", "\x00\x07"s);
        auto result = read_imports(contents, module);
        REQUIRE_FALSE(result);
        CHECK(result.error().message ==
              "import 1: type index at offset 0x20: 7 is out of range (2 types)");
        auto kind = read_imports("\x01"s + import_entry("env", "a", "\x05\x00"s), module);
        REQUIRE_FALSE(kind);
        CHECK(kind.error().message == "import 0: import kind at offset 0x17: unknown kind 0x5");
        CHECK_FALSE(read_imports("\x01\x02\xc0\xaf\x00\x00\x00"s, module)); // bad UTF-8
    }
    SUBCASE("a huge count")
    {
        auto result = read_imports("\xff\xff\xff\xff\x0f\x00"s, module);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == ErrorCode::invalid_format);
    }
}

TEST_CASE("wasm::read_export_section")
{
    CoreModule module = with_types();
    module.function_type_indices = {1, 0};
    module.info.memories.push_back({});
    SUBCASE("functions get their signature through the index space")
    {
        const std::string contents = "\x03"s + wasm_name("marker") + "\x00\x00"s +
                                     wasm_name("headers") + "\x00\x01"s + wasm_name("memory") +
                                     "\x02\x00"s;
        REQUIRE(read_exports(contents, module));
        const auto& exports = module.info.exports;
        REQUIRE(exports.size() == 3);
        CHECK(module.info.signature(exports[0]) == "() -> ()");
        CHECK(module.info.signature(exports[1]) == "(i32, i32, i32) -> i32");
        CHECK(exports[2].kind == ExternalKind::memory);
        CHECK(module.info.memories[0].export_names == std::vector<std::string>{"memory"});
    }
    SUBCASE("out-of-range indices and duplicate names")
    {
        // `module` keeps views into the bytes of the names it read: they must outlive it.
        const std::string out_of_range = "\x01"s + wasm_name("f") + "\x00\x02"s;
        auto range = read_exports(out_of_range, module);
        REQUIRE_FALSE(range);
        CHECK(range.error().message == "export 0: export index at offset 0x14: function index 2 "
                                       "is out of range (2 defined)");
        CHECK_FALSE(read_exports("\x01"s + wasm_name("g") + "\x03\x00"s, module));
        CoreModule fresh = with_types();
        fresh.function_type_indices = {1, 0};
        auto duplicate = read_exports(
            "\x02"s + wasm_name("f") + "\x00\x00"s + wasm_name("f") + "\x00\x01"s, fresh);
        REQUIRE_FALSE(duplicate);
        CHECK(duplicate.error().message ==
              "export 1: export name at offset 0x15: duplicate export \"f\"");
        CoreModule again = with_types();
        again.function_type_indices = {1, 0};
        const std::string long_name(5000, 'n');
        auto long_duplicate = read_exports("\x02"s + wasm_name(long_name) + "\x00\x00"s +
                                               wasm_name(long_name) + "\x00\x01"s,
                                           again);
        REQUIRE_FALSE(long_duplicate);
        CHECK(long_duplicate.error().message.find("duplicate export \"" + std::string(100, 'n') +
                                                  "...\"") != std::string::npos);
        CHECK(long_duplicate.error().message.size() < 200);
    }
}
