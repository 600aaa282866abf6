#include "wasm/core_types.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace std::string_literals;
using namespace std::string_view_literals;
using oras::ErrorCode;
using oras::wasm::ByteReader;
using oras::wasm::FunctionType;
using oras::wasm::ValueType;

// Reads `bytes`, which must outlive the reader: pass literals as "..."sv, never a temporary string.
ByteReader reader_of(std::string_view bytes)
{
    return ByteReader(bytes, 0x20, "section");
}

} // namespace

TEST_CASE("wasm::to_string")
{
    using oras::wasm::to_string;
    CHECK(to_string(FunctionType{}) == "() -> ()");
    CHECK(to_string(FunctionType{{ValueType::i32}, {ValueType::i32}}) == "(i32) -> i32");
    CHECK(to_string(FunctionType{{ValueType::i32, ValueType::i64}, {}}) == "(i32, i64) -> ()");
    CHECK(to_string(FunctionType{{}, {ValueType::f32, ValueType::v128}}) == "() -> (f32, v128)");
    CHECK(to_string(ValueType::externref) == "externref");
    CHECK(to_string(oras::wasm::ExternalKind::global) == "global");
}

TEST_CASE("wasm::read_value_type and read_function_type")
{
    SUBCASE("every MVP, SIMD and reference value type")
    {
        ByteReader reader = reader_of("\x7f\x7e\x7d\x7c\x7b\x70\x6f");
        const ValueType expected[] = {ValueType::i32,
                                      ValueType::i64,
                                      ValueType::f32,
                                      ValueType::f64,
                                      ValueType::v128,
                                      ValueType::funcref,
                                      ValueType::externref};
        for (const ValueType type : expected) {
            CHECK(*oras::wasm::read_value_type(reader) == type);
        }
    }
    SUBCASE("GC types are unsupported, unknown bytes malformed")
    {
        ByteReader gc = reader_of("\x6e");
        auto anyref = oras::wasm::read_value_type(gc);
        REQUIRE_FALSE(anyref);
        CHECK(anyref.error().code == ErrorCode::unsupported);
        CHECK(anyref.error().message ==
              "value type at offset 0x20: GC proposal type anyref (0x6e) is not supported");
        ByteReader unknown = reader_of("\x40");
        auto bad = oras::wasm::read_value_type(unknown);
        REQUIRE_FALSE(bad);
        CHECK(bad.error().code == ErrorCode::invalid_format);
        CHECK(bad.error().message == "value type at offset 0x20: unknown value type 0x40");
    }
    SUBCASE("a function type")
    {
        ByteReader reader = reader_of("\x60\x02\x7f\x7e\x01\x7d");
        auto type = oras::wasm::read_function_type(reader);
        REQUIRE(type);
        CHECK(oras::wasm::to_string(*type) == "(i32, i64) -> f32");
        CHECK(reader.at_end());
    }
    SUBCASE("GC rec and sub types name themselves")
    {
        ByteReader rec = reader_of("\x4e\x01\x60\x00\x00");
        auto type = oras::wasm::read_function_type(rec);
        REQUIRE_FALSE(type);
        CHECK(type.error().code == ErrorCode::unsupported);
        CHECK(type.error().message ==
              "type at offset 0x20: GC proposal rec group (0x4e) is not supported");
        ByteReader sub = reader_of("\x50\x00\x60\x00\x00"sv);
        auto sub_type = oras::wasm::read_function_type(sub);
        REQUIRE_FALSE(sub_type);
        CHECK(sub_type.error().message.find("sub type (0x50)") != std::string::npos);
        ByteReader junk = reader_of("\x61");
        auto junk_type = oras::wasm::read_function_type(junk);
        REQUIRE_FALSE(junk_type);
        CHECK(junk_type.error().code == ErrorCode::invalid_format);
    }
    SUBCASE("more than 1000 parameters")
    {
        const std::string bytes = "\x60\xe9\x07"s + std::string(1001, '\x7f') + "\x00"s;
        ByteReader reader = reader_of(bytes);
        auto type = oras::wasm::read_function_type(reader);
        REQUIRE_FALSE(type);
        CHECK(type.error().code == ErrorCode::too_large);
    }
}

TEST_CASE("wasm limits, table and global types")
{
    using oras::wasm::describe_memory;
    SUBCASE("memory limits")
    {
        ByteReader min_only = reader_of("\x00\x01"sv);
        auto limits = oras::wasm::read_memory_limits(min_only);
        REQUIRE(limits);
        CHECK(describe_memory(*limits) == "memory 1..");
        ByteReader shared = reader_of("\x03\x01\x10");
        CHECK(describe_memory(*oras::wasm::read_memory_limits(shared)) == "memory 1..16 shared");
        ByteReader memory64 = reader_of("\x05\x80\x80\x80\x80\x10\x81\x80\x80\x80\x10");
        auto wide = oras::wasm::read_memory_limits(memory64);
        REQUIRE(wide);
        CHECK(wide->address_64);
        CHECK(wide->min == 0x100000000ULL);
        CHECK(*wide->max == 0x100000001ULL);
        ByteReader flags = reader_of("\x08\x00"sv);
        CHECK_FALSE(oras::wasm::read_memory_limits(flags));
        ByteReader inverted = reader_of("\x01\x02\x01");
        auto bad = oras::wasm::read_memory_limits(inverted);
        REQUIRE_FALSE(bad);
        CHECK(bad.error().message == "limits at offset 0x20: maximum is below the minimum");
    }
    SUBCASE("table types")
    {
        ByteReader reader = reader_of("\x70\x01\x01\x0a");
        auto table = oras::wasm::read_table_type(reader);
        REQUIRE(table);
        CHECK(oras::wasm::describe_table(*table) == "table funcref 1..10");
        ByteReader i32_table = reader_of("\x7f\x00\x00"sv);
        CHECK_FALSE(oras::wasm::read_table_type(i32_table));
        ByteReader shared_table = reader_of("\x70\x03\x00\x01"sv);
        CHECK_FALSE(oras::wasm::read_table_type(shared_table));
    }
    SUBCASE("global types")
    {
        ByteReader reader = reader_of("\x7e\x01\x7f\x00\x7f\x02"sv);
        CHECK(oras::wasm::describe_global(*oras::wasm::read_global_type(reader)) ==
              "global mut i64");
        CHECK(oras::wasm::describe_global(*oras::wasm::read_global_type(reader)) == "global i32");
        auto bad = oras::wasm::read_global_type(reader);
        REQUIRE_FALSE(bad);
        CHECK(bad.error().message ==
              "global mutability at offset 0x25: expected 0x00 or 0x01, got 0x2");
    }
}
