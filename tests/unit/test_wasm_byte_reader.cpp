#include "wasm/byte_reader.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>

namespace {

using namespace std::string_literals;
using namespace std::string_view_literals;
using oras::ErrorCode;
using oras::wasm::ByteReader;

// Reads `bytes`, which must outlive the reader: pass literals as "..."sv, never a temporary string.
ByteReader reader_of(std::string_view bytes)
{
    return ByteReader(bytes, 0x10, "section");
}

} // namespace

TEST_CASE("wasm::hex_offset and is_valid_utf8")
{
    CHECK(oras::wasm::hex_offset(0) == "0x0");
    CHECK(oras::wasm::hex_offset(0x1f2) == "0x1f2");
    CHECK(oras::wasm::hex_offset(0xffffffffffffffffULL) == "0xffffffffffffffff");

    using oras::wasm::is_valid_utf8;
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("proxy_on_request_headers"));
    CHECK(is_valid_utf8("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80"));
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));         // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xe0\x80\xaf"));     // overlong
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));     // surrogate U+D800
    CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80")); // above U+10FFFF
    CHECK_FALSE(is_valid_utf8("\xe2\x82"));         // cut short
    CHECK_FALSE(is_valid_utf8("\x80"));             // stray continuation
    CHECK_FALSE(is_valid_utf8("\xff"));
}

TEST_CASE("wasm::ByteReader::read_u32")
{
    const auto read = [](std::string_view bytes) {
        ByteReader reader = reader_of(bytes);
        auto value = reader.read_u32("count");
        if (value) {
            CHECK(reader.at_end());
        }
        return value;
    };
    SUBCASE("valid encodings")
    {
        CHECK(*read("\x00"s) == 0);
        CHECK(*read("\x7f") == 127);
        CHECK(*read("\x80\x01") == 128);
        CHECK(*read("\xe5\x8e\x26") == 624485);
        CHECK(*read("\x80\x80\x80\x80\x00"s) == 0); // padded, still 5 bytes
        CHECK(*read("\xff\xff\xff\xff\x0f") == 0xffffffffU);
    }
    SUBCASE("the fifth byte carries only four bits")
    {
        auto value = read("\xff\xff\xff\xff\x1f");
        REQUIRE_FALSE(value);
        CHECK(value.error().code == ErrorCode::invalid_format);
        CHECK(value.error().message ==
              "count at offset 0x10: LEB128 integer does not fit in 32 bits");
    }
    SUBCASE("six bytes")
    {
        auto value = read("\x80\x80\x80\x80\x80\x00"s);
        REQUIRE_FALSE(value);
        CHECK(value.error().message == "count at offset 0x10: LEB128 integer longer than 5 bytes");
    }
    SUBCASE("cut off")
    {
        auto value = read("\x80\x80");
        REQUIRE_FALSE(value);
        CHECK(value.error().message ==
              "count at offset 0x10: LEB128 integer cut off by the end of the section");
        CHECK_FALSE(read(""));
    }
}

TEST_CASE("wasm::ByteReader::read_u64 and read_signed")
{
    SUBCASE("u64")
    {
        ByteReader max = reader_of("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01");
        CHECK(*max.read_u64("n") == 0xffffffffffffffffULL);
        ByteReader over = reader_of("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02");
        CHECK_FALSE(over.read_u64("n"));
        ByteReader eleven = reader_of("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00"sv);
        CHECK_FALSE(eleven.read_u64("n"));
    }
    SUBCASE("s32")
    {
        const auto s32 = [](std::string_view bytes) {
            ByteReader reader = reader_of(bytes);
            return reader.read_signed(32, "i32");
        };
        CHECK(*s32("\x7f") == -1);
        CHECK(*s32("\x3f") == 63);
        CHECK(*s32("\xc0\x00"s) == 64);
        CHECK(*s32("\x80\x7f") == -128);
        CHECK(*s32("\xff\xff\xff\xff\x07") == 2147483647);
        CHECK(*s32("\x80\x80\x80\x80\x78") == -2147483648LL);
        CHECK(*s32("\xff\xff\xff\xff\x7f") == -1); // padded -1
        CHECK_FALSE(s32("\xff\xff\xff\xff\x0f"));  // 2^32 - 1: bits past 32 not a sign copy
        CHECK_FALSE(s32("\x80\x80\x80\x80\x70"));
        CHECK_FALSE(s32("\x80\x80\x80\x80\x80\x00"s));
        CHECK_FALSE(s32("\x80"));
    }
    SUBCASE("s64 and s33")
    {
        ByteReader min = reader_of("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x7f");
        CHECK(*min.read_signed(64, "i64") == INT64_MIN);
        ByteReader max = reader_of("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x00"sv);
        CHECK(*max.read_signed(64, "i64") == INT64_MAX);
        ByteReader bad = reader_of("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01");
        CHECK_FALSE(bad.read_signed(64, "i64"));
        ByteReader s33 = reader_of("\xff\xff\xff\xff\x0f");
        CHECK(*s33.read_signed(33, "heap type") == 0xffffffffLL);
    }
}

TEST_CASE("wasm::ByteReader names, bytes, counts and regions")
{
    SUBCASE("a name")
    {
        ByteReader reader = reader_of("\x04name\x02\xc3\xa9");
        CHECK(*reader.read_name("n") == "name");
        CHECK(*reader.read_name("n") == "\xc3\xa9");
        CHECK(reader.at_end());
    }
    SUBCASE("a name longer than the region")
    {
        ByteReader reader = reader_of("\x0a"
                                      "abc");
        auto name = reader.read_name("module name");
        REQUIRE_FALSE(name);
        CHECK(name.error().message ==
              "module name at offset 0x10: length 10 runs past the end of the section at 0x14");
    }
    SUBCASE("a name that is not UTF-8")
    {
        ByteReader reader = reader_of("\x02\xc0\xaf");
        auto name = reader.read_name("export name");
        REQUIRE_FALSE(name);
        CHECK(name.error().message == "export name at offset 0x10: not valid UTF-8");
    }
    SUBCASE("bytes")
    {
        ByteReader reader = reader_of("abc");
        CHECK(*reader.read_bytes(2, "x") == "ab");
        CHECK(reader.offset() == 0x12);
        CHECK(reader.remaining() == 1);
        auto past = reader.read_bytes(2, "body");
        REQUIRE_FALSE(past);
        CHECK(past.error().message ==
              "body at offset 0x12: 2 bytes run past the end of the section at 0x13");
        CHECK(*reader.peek_u8("x") == 'c');
        CHECK(*reader.read_u8("x") == 'c');
        CHECK_FALSE(reader.peek_u8("x"));
        CHECK_FALSE(reader.read_u8("x"));
    }
    SUBCASE("counts are checked against the bytes left")
    {
        ByteReader reader = reader_of("\x03"
                                      "abcdef");
        CHECK(*reader.read_count(2, "n") == 3);
        ByteReader tight = reader_of("\x04"
                                     "abcdef");
        auto count = tight.read_count(2, "import count");
        REQUIRE_FALSE(count);
        CHECK(count.error().message == "import count at offset 0x10: 4 entries cannot fit in the "
                                       "6 bytes left in the section");
        ByteReader limited = reader_of("\x03"
                                       "abc");
        auto over = limited.read_count(1, "n", 2);
        REQUIRE_FALSE(over);
        CHECK(over.error().code == ErrorCode::too_large);
    }
    SUBCASE("regions keep absolute offsets")
    {
        ByteReader reader = reader_of("\x01\x02\x03\x04");
        auto region = reader.read_region(2, "subsection", "subsection");
        REQUIRE(region);
        CHECK(region->offset() == 0x10);
        CHECK(region->end_offset() == 0x12);
        CHECK(reader.offset() == 0x12);
        CHECK(*region->read_u8("x") == 1);
        auto left = region->expect_end("subsection");
        REQUIRE_FALSE(left);
        CHECK(left.error().message == "subsection at offset 0x11: 1 bytes left before the end of "
                                      "the subsection: its size does not match its contents");
        CHECK_FALSE(reader.read_region(3, "subsection", "subsection"));
    }
}
