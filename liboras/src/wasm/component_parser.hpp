// The component parser: a component's top-level sections (component-model Binary.md).
#pragma once

#include "oras/result.hpp"
#include "oras/wasm.hpp"
#include "wasm/byte_reader.hpp"

#include <cstdint>
#include <string_view>

namespace oras::wasm {

// Parses the component in `bytes` with preamble version `version` (already checked by
// read_preamble): every top-level section framed (ids 0-12, any order, repeatable) and counted,
// custom sections recorded and decoded, and the names of top-level imports and exports decoded
// where their encoding is known. Nested modules and components are bounded by their sections but
// not decoded. Fails with invalid_format naming the section and offset.
Result<ModuleInfo> parse_component(std::string_view bytes, std::uint32_t version);

// Reads `importname'` or `exportname'` (Binary.md; like wasmparser, prefix 0x00 and the older
// interface-name prefix 0x01 are both followed by a plain name). Any other prefix fails with
// unsupported.
Result<std::string_view> read_extern_name(ByteReader& reader);

} // namespace oras::wasm
