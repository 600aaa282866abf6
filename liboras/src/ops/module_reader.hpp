// Reading the module of a remote Wasm artifact once, for inspect: in memory up to a cap, else
// through one scratch file that is mapped rather than read again; its digest is verified on
// the way in, and the inspector parses the same bytes.
#pragma once

#include "ops/artifact_plan.hpp"
#include "oras/content.hpp"
#include "oras/ops/inspect.hpp"

#include <cstdint>

namespace oras::ops {

// Modules (or compat layers) up to this size are read into memory.
inline constexpr std::uint64_t k_in_memory_module_bytes = 64ULL * 1024 * 1024;

// Fetches the module of `artifact` from `source` once and inspects it. Fails with too_large,
// before anything is downloaded, for a module over Istio's 256 MiB limit; invalid_format for
// content that is not Wasm, a compat layer without plugin.wasm or a malformed module; or as
// fetching does.
Result<WasmModuleReport> inspect_artifact_module(Target& source, const WasmArtifact& artifact);

} // namespace oras::ops
