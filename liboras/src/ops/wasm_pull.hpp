// Pulling a Wasm module artifact: its module (and runtime config) written as files, whatever
// layout keeps them, verified and checked to be Wasm, renamed into place only when everything
// succeeded.
#pragma once

#include "content/hashing_sink.hpp"
#include "ops/artifact_plan.hpp"
#include "oras/content.hpp"
#include "oras/ops/pull.hpp"
#include "wasm/artifact_files.hpp"

namespace oras::ops {

// Streams the module of `artifact` into `module` (checked to start with the Wasm magic) and its
// runtime config, if it has one, into `config`, every blob verified against its descriptor; a
// compat layer goes through a scratch file. Progress goes to `options.progress`. Fails as
// fetching does, with invalid_format for a module that is not Wasm or a compat layer without
// plugin.wasm, too_large for a compat layer over Istio's limit.
Result<wasm::RuntimeConfig> download_wasm_module(Target& source,
                                                 const WasmArtifact& artifact,
                                                 HashingSink& module,
                                                 HashingSink& config,
                                                 const PullOptions& options);

// Downloads the module (and runtime config) of `artifact` to where plan_wasm_files() puts
// them. Fails as fetching does, with invalid_format for a module that is not Wasm or a compat
// layer without plugin.wasm, already_exists with Overwrite::no.
Result<PullResult>
pull_wasm(Target& source, const WasmArtifact& artifact, const PullOptions& options);

} // namespace oras::ops
