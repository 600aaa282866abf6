// Pulling a Wasm module artifact: its module (and runtime config) written as files, whatever
// layout keeps them, verified and checked to be Wasm, renamed into place only when everything
// succeeded.
#pragma once

#include "ops/artifact_plan.hpp"
#include "oras/content.hpp"
#include "oras/ops/pull.hpp"

namespace oras::ops {

// Downloads the module (and runtime config) of `artifact` to where plan_wasm_files() puts
// them. Fails as fetching does, with invalid_format for a module that is not Wasm or a compat
// layer without plugin.wasm, already_exists with Overwrite::no.
Result<PullResult>
pull_wasm(Target& source, const WasmArtifact& artifact, const PullOptions& options);

} // namespace oras::ops
