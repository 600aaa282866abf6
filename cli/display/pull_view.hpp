// What `coras pull` prints on stdout: the text summary or the --format json document.
#pragma once

#include "oras/ops/pull.hpp"
#include "oras/ops/target.hpp"

#include <string>

namespace coras {

// {"reference","digest","files":[{"path","mediaType","digest","size","annotations"}]} (oras
// pull --format json shape), plus "layout" and "warnings" for a Wasm artifact.
std::string pull_json(const oras::ops::PullResult& result, const std::string& reference);

// "Pulled [registry|oci-layout] `reference`", for a Wasm artifact its layout and the files
// written, and the digest, one line each; `kind` says where it was pulled from.
std::string pull_text(const oras::ops::PullResult& result,
                      oras::ops::TargetKind kind,
                      const std::string& reference);

} // namespace coras
