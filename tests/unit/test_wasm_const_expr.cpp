#include "wasm/const_expr.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace std::string_literals;
using oras::ErrorCode;
using oras::wasm::ByteReader;

// Skips the expression in `bytes`; returns how many bytes it took, or the error.
oras::Result<std::size_t> skip(std::string_view bytes)
{
    ByteReader reader(bytes, 0x40, "section");
    ORAS_TRY(oras::wasm::skip_const_expr(reader));
    return bytes.size() - reader.remaining();
}

} // namespace

TEST_CASE("wasm::skip_const_expr")
{
    SUBCASE("constant instructions up to end")
    {
        CHECK(*skip("\x41\x7f\x0b") == 3);                 // i32.const -1
        CHECK(*skip("\x41\x80\x80\x80\x80\x78\x0b") == 7); // i32.const INT32_MIN
        CHECK(*skip("\x42\x80\x80\x80\x80\x80\x80\x80\x80\x80\x7f\x0b") == 12); // i64.const
        CHECK(*skip("\x43\x00\x00\xc0\x3f\x0b"s) == 6);                         // f32.const 1.5
        CHECK(*skip("\x44\x00\x00\x00\x00\x00\x00\xf8\x3f\x0b"s) == 10);
        CHECK(*skip("\xfd\x0c"s + std::string(16, '\x01') + "\x0b") == 19); // v128.const
        CHECK(*skip("\x23\x00\x0b"s) == 3);                                 // global.get 0
        CHECK(*skip("\xd0\x70\x0b") == 3);                                  // ref.null func
        CHECK(*skip("\xd2\x05\x0b") == 3);                                  // ref.func 5
        CHECK(*skip("\x23\x00\x41\x01\x6a\x0b"s) == 6); // extended-const i32.add
        CHECK(*skip("\x0b"
                    "trailing") == 1);
    }
    SUBCASE("no end")
    {
        auto result = skip("\x41\x01");
        REQUIRE_FALSE(result);
        CHECK(result.error().message ==
              "constant expression at offset 0x42: unexpected end of the section");
        CHECK_FALSE(skip(""));
        CHECK_FALSE(skip("\x44\x00\x00"s)); // f64 cut short
    }
    SUBCASE("non-constant instructions")
    {
        auto call = skip("\x10\x00\x0b"s);
        REQUIRE_FALSE(call);
        CHECK(call.error().code == ErrorCode::invalid_format);
        CHECK(call.error().message ==
              "constant expression at offset 0x40: instruction 0x10 is not constant");
        auto simd = skip("\xfd\x0d\x0b");
        REQUIRE_FALSE(simd);
        CHECK(simd.error().message ==
              "constant expression at offset 0x40: SIMD instruction 13 is not constant");
        auto gc = skip("\xfb\x00\x0b"s);
        REQUIRE_FALSE(gc);
        CHECK(gc.error().code == ErrorCode::unsupported);
        CHECK_FALSE(skip("\x41\xff\xff\xff\xff\x0f\x0b")); // i32.const out of range
    }
}
