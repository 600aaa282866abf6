#include "wasm/byte_reader.hpp"

#include <array>

namespace oras::wasm {

namespace {

constexpr std::uint8_t k_continuation = 0x80;
constexpr std::uint8_t k_payload = 0x7f;
constexpr unsigned k_bits_per_byte = 7;

// The byte count of the longest LEB128 encoding of a `bits`-bit integer.
constexpr unsigned max_leb_bytes(unsigned bits)
{
    return (bits + k_bits_per_byte - 1) / k_bits_per_byte;
}

// Length of the UTF-8 sequence starting with `lead`, or 0 when `lead` cannot start one.
int utf8_sequence_length(unsigned char lead)
{
    if (lead < 0x80) {
        return 1;
    }
    if (lead >= 0xc2 && lead <= 0xdf) {
        return 2;
    }
    if (lead >= 0xe0 && lead <= 0xef) {
        return 3;
    }
    if (lead >= 0xf0 && lead <= 0xf4) {
        return 4;
    }
    return 0;
}

// RFC 3629 table 3-7: the allowed range of the second byte depends on the lead byte.
bool valid_second_byte(unsigned char lead, unsigned char second)
{
    switch (lead) {
    case 0xe0:
        return second >= 0xa0 && second <= 0xbf;
    case 0xed:
        return second >= 0x80 && second <= 0x9f;
    case 0xf0:
        return second >= 0x90 && second <= 0xbf;
    case 0xf4:
        return second >= 0x80 && second <= 0x8f;
    default:
        return second >= 0x80 && second <= 0xbf;
    }
}

} // namespace

std::string hex_offset(std::uint64_t offset)
{
    static constexpr std::string_view k_digits = "0123456789abcdef";
    std::array<char, 16> buffer{};
    std::size_t length = 0;
    do {
        buffer[length++] = k_digits[offset & 0x0fU];
        offset >>= 4U;
    } while (offset != 0);
    std::string text = "0x";
    while (length > 0) {
        text.push_back(buffer[--length]);
    }
    return text;
}

bool is_valid_utf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const int length = utf8_sequence_length(lead);
        if (length == 0 || text.size() - i < static_cast<std::size_t>(length)) {
            return false;
        }
        for (int k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            const bool valid = k == 1 ? valid_second_byte(lead, next) : (next & 0xc0U) == 0x80U;
            if (!valid) {
                return false;
            }
        }
        i += static_cast<std::size_t>(length);
    }
    return true;
}

ByteReader::ByteReader(std::string_view bytes, std::uint64_t base_offset, std::string_view region)
    : m_bytes(bytes), m_base(base_offset), m_region(region)
{
}

Error ByteReader::error_at(std::uint64_t offset,
                           std::string_view what,
                           std::string_view message,
                           ErrorCode code)
{
    return fail(
        code, std::string(what) + " at offset " + hex_offset(offset) + ": " + std::string(message));
}

Error ByteReader::past_end(std::uint64_t start, std::string_view what, std::uint64_t wanted) const
{
    return error_at(start,
                    what,
                    std::to_string(wanted) + " bytes run past the end of the " +
                        std::string(m_region) + " at " + hex_offset(end_offset()));
}

Result<std::uint8_t> ByteReader::read_u8(std::string_view what)
{
    if (at_end()) {
        return error_at(offset(), what, "unexpected end of the " + std::string(m_region));
    }
    return static_cast<std::uint8_t>(m_bytes[m_position++]);
}

Result<std::uint8_t> ByteReader::peek_u8(std::string_view what) const
{
    if (at_end()) {
        return error_at(offset(), what, "unexpected end of the " + std::string(m_region));
    }
    return static_cast<std::uint8_t>(m_bytes[m_position]);
}

Result<std::uint32_t> ByteReader::read_u32(std::string_view what)
{
    const std::uint64_t start = offset();
    std::uint32_t value = 0;
    constexpr unsigned k_max = max_leb_bytes(32);
    for (unsigned i = 0; i < k_max; ++i) {
        if (at_end()) {
            return error_at(
                start, what, "LEB128 integer cut off by the end of the " + std::string(m_region));
        }
        const auto byte = static_cast<std::uint8_t>(m_bytes[m_position++]);
        if (i == k_max - 1 && byte > 0x0f) {
            const bool too_long = (byte & k_continuation) != 0;
            return error_at(start,
                            what,
                            too_long ? "LEB128 integer longer than 5 bytes"
                                     : "LEB128 integer does not fit in 32 bits");
        }
        value |= static_cast<std::uint32_t>(byte & k_payload) << (k_bits_per_byte * i);
        if ((byte & k_continuation) == 0) {
            return value;
        }
    }
    return error_at(start, what, "LEB128 integer longer than 5 bytes"); // unreachable
}

Result<std::uint64_t> ByteReader::read_u64(std::string_view what)
{
    const std::uint64_t start = offset();
    std::uint64_t value = 0;
    constexpr unsigned k_max = max_leb_bytes(64);
    for (unsigned i = 0; i < k_max; ++i) {
        if (at_end()) {
            return error_at(
                start, what, "LEB128 integer cut off by the end of the " + std::string(m_region));
        }
        const auto byte = static_cast<std::uint8_t>(m_bytes[m_position++]);
        if (i == k_max - 1 && byte > 0x01) {
            return error_at(start, what, "LEB128 integer does not fit in 64 bits");
        }
        value |= static_cast<std::uint64_t>(byte & k_payload) << (k_bits_per_byte * i);
        if ((byte & k_continuation) == 0) {
            return value;
        }
    }
    return error_at(start, what, "LEB128 integer longer than 10 bytes"); // unreachable
}

Result<std::int64_t> ByteReader::read_signed(unsigned bits, std::string_view what)
{
    const std::uint64_t start = offset();
    const unsigned max_bytes = max_leb_bytes(bits);
    const unsigned last_bits = bits - k_bits_per_byte * (max_bytes - 1);
    std::uint64_t value = 0;
    for (unsigned i = 0; i < max_bytes; ++i) {
        const auto byte = ORAS_TRY(read_u8(what));
        const unsigned shift = k_bits_per_byte * i;
        value |= static_cast<std::uint64_t>(byte & k_payload) << shift;
        if (i == max_bytes - 1) {
            // The bits past `bits` must copy the sign bit, and no byte may follow.
            const unsigned payload = byte & k_payload;
            const unsigned sign = (payload >> (last_bits - 1)) & 1U;
            const unsigned high = payload >> last_bits;
            const unsigned expected = sign != 0 ? (1U << (k_bits_per_byte - last_bits)) - 1 : 0;
            if ((byte & k_continuation) != 0 || high != expected) {
                return error_at(start, what, "signed LEB128 integer out of range");
            }
        }
        if ((byte & k_continuation) == 0) {
            const unsigned used = shift + k_bits_per_byte;
            if (used < 64 && (byte & 0x40U) != 0) {
                value |= ~std::uint64_t{0} << used;
            }
            return static_cast<std::int64_t>(value);
        }
    }
    return error_at(start, what, "signed LEB128 integer too long"); // unreachable
}

Result<std::string_view> ByteReader::read_bytes(std::uint64_t count, std::string_view what)
{
    if (count > remaining()) {
        return past_end(offset(), what, count);
    }
    const auto size = static_cast<std::size_t>(count);
    const std::string_view bytes = m_bytes.substr(m_position, size);
    m_position += size;
    return bytes;
}

Result<std::string_view> ByteReader::read_name(std::string_view what)
{
    const std::uint64_t start = offset();
    const std::uint32_t length = ORAS_TRY(read_u32(what));
    if (length > remaining()) {
        return error_at(start,
                        what,
                        "length " + std::to_string(length) + " runs past the end of the " +
                            std::string(m_region) + " at " + hex_offset(end_offset()));
    }
    const std::string_view name = ORAS_TRY(read_bytes(length, what));
    if (!is_valid_utf8(name)) {
        return error_at(start, what, "not valid UTF-8");
    }
    return name;
}

Result<std::uint32_t>
ByteReader::read_count(std::size_t min_item_size, std::string_view what, std::uint32_t limit)
{
    const std::uint64_t start = offset();
    const std::uint32_t count = ORAS_TRY(read_u32(what));
    if (static_cast<std::uint64_t>(count) * min_item_size > remaining()) {
        return error_at(start,
                        what,
                        std::to_string(count) + " entries cannot fit in the " +
                            std::to_string(remaining()) + " bytes left in the " +
                            std::string(m_region));
    }
    if (count > limit) {
        Error error = error_at(
            start, what, std::to_string(count) + " is over the limit of " + std::to_string(limit));
        error.code = ErrorCode::too_large;
        return error;
    }
    return count;
}

Result<ByteReader>
ByteReader::read_region(std::uint64_t size, std::string_view region, std::string_view what)
{
    const std::uint64_t start = offset();
    const std::string_view bytes = ORAS_TRY(read_bytes(size, what));
    return ByteReader(bytes, start, region);
}

Result<void> ByteReader::expect_end(std::string_view what) const
{
    if (!at_end()) {
        return error_at(offset(),
                        what,
                        std::to_string(remaining()) + " bytes left before the end of the " +
                            std::string(m_region) + ": its size does not match its contents");
    }
    return {};
}

} // namespace oras::wasm
