// Constant expressions (global initialisers, table initialisers), skipped by structure.
#pragma once

#include "oras/result.hpp"
#include "wasm/byte_reader.hpp"

namespace oras::wasm {

// Skips a constant expression (core spec "Validation: Constant Expressions" with the
// extended-const proposal's i32/i64 add, sub and mul): its instructions up to and including
// `end` (0x0B). Any other instruction fails with invalid_format, a GC instruction with
// unsupported.
Result<void> skip_const_expr(ByteReader& reader);

} // namespace oras::wasm
