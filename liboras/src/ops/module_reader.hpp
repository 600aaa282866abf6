// Reading the module of a remote Wasm artifact once, for inspect: in memory up to a cap, else
// through one scratch file that is mapped rather than read again; its digest is verified on
// the way in, and the inspector parses the same bytes.
#pragma once

#include "ops/artifact_plan.hpp"
#include "oras/content.hpp"
#include "oras/ops/inspect.hpp"

#include <cstdint>
#include <string>

namespace oras::ops {

// Modules (or compat layers) up to this size are read into memory.
inline constexpr std::uint64_t k_in_memory_module_bytes = 64ULL * 1024 * 1024;

// Fails with too_large, naming the layer and both sizes, when the layer holding the module of
// `artifact` (the module, or the compat tar+gzip) is over `max_module_size`.
Result<void> check_module_layer_size(const WasmArtifact& artifact, std::uint64_t max_module_size);

// "300 MiB", "1.5 GiB", "12 bytes": a size for messages.
std::string size_text(std::uint64_t bytes);

// Fetches the module of `artifact` from `source` once and inspects it. Fails with too_large,
// before anything is downloaded, when check_module_layer_size() does, and with too_large when
// a compat layer's plugin.wasm or whole tar is over its limit (wasm::compat_layer_limits());
// invalid_format for content that is not Wasm, a compat layer without plugin.wasm or a
// malformed module; or as fetching does.
Result<WasmModuleReport> inspect_artifact_module(Target& source,
                                                 const WasmArtifact& artifact,
                                                 std::uint64_t max_module_size);

} // namespace oras::ops
