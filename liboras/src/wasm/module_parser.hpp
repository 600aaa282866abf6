// The core module parser: the section loop over a core module's bytes.
#pragma once

#include "oras/result.hpp"
#include "oras/wasm.hpp"

#include <cstddef>
#include <string_view>

namespace oras::wasm {

// Sanity limit on the sections of one module or component: real ones have a few dozen; this
// bounds what a file of empty custom sections can make the inspector record.
inline constexpr std::size_t k_max_sections = 100'000;

// Parses the core module in `bytes`, whose preamble was already checked (read_preamble): every
// section framed, in order and at most once (custom sections anywhere), decoded, and its size
// matching its contents; then the function and code counts, and the data count, agree (core
// spec "Binary Format: Modules"). Fails with invalid_format naming the section and offset.
Result<ModuleInfo> parse_core_module(std::string_view bytes);

} // namespace oras::wasm
