// Section framing shared by core modules and components: `section ::= id:u8 size:u32 contents`
// (core spec "Binary Format: Sections"; component-model Binary.md "Component Definitions").
#pragma once

#include "oras/result.hpp"
#include "oras/wasm.hpp"
#include "wasm/byte_reader.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace oras::wasm {

inline constexpr std::uint8_t k_custom_section = 0;

// Core section ids (core spec "Sections"; 13 tag from the exception-handling proposal).
enum class CoreSection : std::uint8_t
{
    custom = 0,
    type = 1,
    import = 2,
    function = 3,
    table = 4,
    memory = 5,
    global = 6,
    export_ = 7,
    start = 8,
    element = 9,
    code = 10,
    data = 11,
    data_count = 12,
    tag = 13,
};

// One section as found in the module: its id, where it starts, and a reader over its contents.
struct SectionFrame
{
    std::uint8_t id = 0;
    std::uint64_t offset = 0; // of the id byte
    std::uint64_t size = 0;   // of the contents
    ByteReader contents;
};

// "type", "code", ... for `id` of a module of `kind`; empty for an unknown id.
std::string_view section_name(ModuleKind kind, std::uint8_t id);

// "section 10 (code) at offset 0x1f2": how errors name a section.
std::string describe_section(ModuleKind kind, std::uint8_t id, std::uint64_t offset);

// Where core section `id` must come relative to the others (1,2,3,4,5,13,6,7,8,9,12,10,11);
// nullopt for custom and unknown ids.
std::optional<int> core_section_rank(std::uint8_t id);

// Reads the next section header from `module` (positioned after the preamble or a previous
// section) and returns its frame, skipping `module` past the contents. Fails with invalid_format
// on a truncated header, a size past the end of the module, or an id unknown for `kind`.
Result<SectionFrame> read_section(ByteReader& module, ModuleKind kind);

// Reads a custom section's own name from the start of its contents (core spec "Custom
// Sections": a name, then arbitrary bytes).
Result<std::string> read_custom_section_name(SectionFrame& frame);

} // namespace oras::wasm
