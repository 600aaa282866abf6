// What `coras inspect REF` prints on stdout: the human view or the --format json document.
#pragma once

#include "oras/ops/inspect.hpp"

#include <string>

namespace coras {

// {"reference","mediaType","digest","size","artifactType","manifest"|"index":{...},
//  "config":{...}|null[,"wasm":{...}]} for `result` inspected at `reference` as typed.
std::string inspect_json(const oras::ops::InspectResult& result, const std::string& reference);

// The human view of `result`: media types, digests, sizes, annotations, artifact type, the
// config when shown, and the Wasm section for a Wasm artifact.
std::string inspect_text(const oras::ops::InspectResult& result, const std::string& reference);

} // namespace coras
