#include "wasm/const_expr.hpp"

namespace oras::wasm {

namespace {

// Opcodes, core spec "Binary Format: Instructions".
constexpr std::uint8_t k_end = 0x0b;
constexpr std::uint8_t k_global_get = 0x23;
constexpr std::uint8_t k_i32_const = 0x41;
constexpr std::uint8_t k_i64_const = 0x42;
constexpr std::uint8_t k_f32_const = 0x43;
constexpr std::uint8_t k_f64_const = 0x44;
constexpr std::uint8_t k_ref_null = 0xd0;
constexpr std::uint8_t k_ref_func = 0xd2;
constexpr std::uint8_t k_gc_prefix = 0xfb;
constexpr std::uint8_t k_simd_prefix = 0xfd;
constexpr std::uint32_t k_v128_const = 12;
constexpr std::size_t k_v128_bytes = 16;

// i32.add/sub/mul (0x6A-0x6C) and i64.add/sub/mul (0x7C-0x7E): extended-const proposal.
bool is_extended_const_op(std::uint8_t opcode)
{
    return (opcode >= 0x6a && opcode <= 0x6c) || (opcode >= 0x7c && opcode <= 0x7e);
}

// Skips the immediates of the instruction `opcode` read at `start`.
Result<void> skip_immediates(ByteReader& reader, std::uint8_t opcode, std::uint64_t start)
{
    switch (opcode) {
    case k_global_get:
    case k_ref_func:
        ORAS_TRY(reader.read_u32("index"));
        return {};
    case k_i32_const:
        ORAS_TRY(reader.read_signed(32, "i32 constant"));
        return {};
    case k_i64_const:
        ORAS_TRY(reader.read_signed(64, "i64 constant"));
        return {};
    case k_f32_const:
        ORAS_TRY(reader.read_bytes(4, "f32 constant"));
        return {};
    case k_f64_const:
        ORAS_TRY(reader.read_bytes(8, "f64 constant"));
        return {};
    case k_ref_null:
        ORAS_TRY(reader.read_signed(33, "heap type"));
        return {};
    case k_simd_prefix: {
        const std::uint32_t sub = ORAS_TRY(reader.read_u32("SIMD opcode"));
        if (sub != k_v128_const) {
            return ByteReader::error_at(start,
                                        "constant expression",
                                        "SIMD instruction " + std::to_string(sub) +
                                            " is not constant");
        }
        ORAS_TRY(reader.read_bytes(k_v128_bytes, "v128 constant"));
        return {};
    }
    case k_gc_prefix: {
        Error error = ByteReader::error_at(
            start, "constant expression", "GC proposal instructions are not supported");
        error.code = ErrorCode::unsupported;
        return error;
    }
    default:
        if (is_extended_const_op(opcode)) {
            return {};
        }
        return ByteReader::error_at(
            start, "constant expression", "instruction " + hex_offset(opcode) + " is not constant");
    }
}

} // namespace

Result<void> skip_const_expr(ByteReader& reader)
{
    for (;;) {
        const std::uint64_t start = reader.offset();
        const std::uint8_t opcode = ORAS_TRY(reader.read_u8("constant expression"));
        if (opcode == k_end) {
            return {};
        }
        ORAS_TRY(skip_immediates(reader, opcode, start));
    }
}

} // namespace oras::wasm
