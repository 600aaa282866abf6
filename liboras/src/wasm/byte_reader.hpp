// A bounds-checked cursor over untrusted WebAssembly bytes: LEB128 integers, names and vector
// counts, each read failing with invalid_format and the absolute byte offset instead of reading
// past its region.
#pragma once

#include "oras/result.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace oras::wasm {

// "0x1f2": how offsets appear in every inspector message.
std::string hex_offset(std::uint64_t offset);

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF), as
// the core spec requires of every name.
bool is_valid_utf8(std::string_view text);

// A cursor over one region (the module, a section, a subsection). Offsets in messages are
// absolute: the region's first byte is at `base_offset` in the module.
class ByteReader
{
  public:
    // `region` names the region in messages ("section", "module", "subsection").
    ByteReader(std::string_view bytes, std::uint64_t base_offset, std::string_view region);

    // The absolute offset of the next byte.
    [[nodiscard]] std::uint64_t offset() const { return m_base + m_position; }
    // The absolute offset just past the region.
    [[nodiscard]] std::uint64_t end_offset() const { return m_base + m_bytes.size(); }
    [[nodiscard]] std::size_t remaining() const { return m_bytes.size() - m_position; }
    [[nodiscard]] bool at_end() const { return m_position == m_bytes.size(); }

    // Reads one byte; `what` names it in the error.
    Result<std::uint8_t> read_u8(std::string_view what);
    // The next byte, without consuming it.
    Result<std::uint8_t> peek_u8(std::string_view what) const;
    // Core spec "Integers": unsigned LEB128 of at most 5 bytes whose 5th byte is <= 0x0F.
    Result<std::uint32_t> read_u32(std::string_view what);
    // Unsigned LEB128 of at most 10 bytes whose 10th byte is <= 0x01 (memory64 limits).
    Result<std::uint64_t> read_u64(std::string_view what);
    // Signed LEB128 of at most ceil(`bits` / 7) bytes whose unused high bits of the last byte
    // sign-extend; `bits` is 32, 33 or 64 (i32.const, block types, i64.const).
    Result<std::int64_t> read_signed(unsigned bits, std::string_view what);
    // Reads `count` raw bytes.
    Result<std::string_view> read_bytes(std::uint64_t count, std::string_view what);
    // Core spec "Names": u32 length then that many bytes of valid UTF-8.
    Result<std::string_view> read_name(std::string_view what);
    // A vec(X) count, refused with invalid_format when `count * min_item_size` could not fit in
    // the bytes left, and with too_large when over `limit`: callers may then reserve `count`
    // items without trusting the input.
    Result<std::uint32_t>
    read_count(std::size_t min_item_size,
               std::string_view what,
               std::uint32_t limit = std::numeric_limits<std::uint32_t>::max());
    // A reader over the next `size` bytes, which this reader skips.
    Result<ByteReader>
    read_region(std::uint64_t size, std::string_view region, std::string_view what);
    // Fails unless every byte of the region was consumed.
    Result<void> expect_end(std::string_view what) const;

    // An error "`what` at offset 0x..: `message`" for the byte at `offset`, invalid_format
    // unless `code` says otherwise (unsupported, too_large).
    [[nodiscard]] static Error error_at(std::uint64_t offset,
                                        std::string_view what,
                                        std::string_view message,
                                        ErrorCode code = ErrorCode::invalid_format);

  private:
    Error past_end(std::uint64_t start, std::string_view what, std::uint64_t wanted) const;

    std::string_view m_bytes;
    std::size_t m_position = 0;
    std::uint64_t m_base = 0;
    std::string_view m_region;
};

} // namespace oras::wasm
