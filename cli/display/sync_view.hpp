// What `coras sync` prints for a round: the text lines or the --format json document.
#pragma once

#include "oras/ops/sync.hpp"

#include <string>

namespace coras {

// {"references":[{"reference","state","digest","file","link","step","error"}],"pruned":[...]}
// (digest, file and link null where unknown; step and error null unless failed).
std::string sync_json(const oras::ops::SyncReport& report);

// One line per synced reference ("Downloaded REF sha256:... -> FILE (link LINK)", or
// "Unchanged ..."), one per pruned path ("Pruned PATH"), and a summary line; failed references
// are left to sync_errors().
std::string sync_text(const oras::ops::SyncReport& report);

// One line per failed reference: "Error: sync REF: STEP: message".
std::string sync_errors(const oras::ops::SyncReport& report);

} // namespace coras
