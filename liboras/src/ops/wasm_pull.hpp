// Pulling a Wasm artifact: the layout is recognised (wasm-formats.md §10.1) and its module
// written as a file, whatever the layout keeps it in.
#pragma once

#include "oras/content.hpp"
#include "oras/manifest.hpp"
#include "oras/ops/pull.hpp"
#include "oras/wasm_artifact.hpp"

#include <optional>
#include <string>
#include <vector>

namespace oras::ops {

struct WasmPullPlan
{
    Descriptor manifest; // the image manifest (an index's chosen entry)
    Manifest parsed;     // its contents
    wasm::LayoutMatch match;
};

// Recognises the layout of `resolved`, whose verified `bytes` the caller has fetched (for an
// index, of the entry select_manifest() picks, fetched here); nullopt when it is not a Wasm
// artifact. Fails as fetching and parsing do.
Result<std::optional<WasmPullPlan>> plan_wasm_pull(Target& source, const Descriptor& resolved,
                                                   std::string bytes);

// Downloads the module (and runtime config) of `plan` to where `options` says, verified and
// checked to be Wasm, renamed into place only when everything succeeded.
Result<PullResult> pull_wasm(Target& source, const WasmPullPlan& plan, const PullOptions& options);

} // namespace oras::ops
