// What `coras push` prints on stdout: the text summary or the --format json document.
#pragma once

#include "oras/ops/push.hpp"
#include "oras/ops/target.hpp"

#include <string>

namespace coras {

// {"reference","mediaType","digest","size","annotations","artifactType","blobs":[...]} (oras
// push --format json shape), for `result` pushed to `reference` as typed.
std::string push_json(const oras::ops::PushResult& result, const std::string& reference);

// "Pushed [registry|oci-layout] `reference`", the artifact type when set, and the digest, one
// line each; `kind` says which of registry or OCI layout was pushed to.
std::string push_text(const oras::ops::PushResult& result,
                      oras::ops::TargetKind kind,
                      const std::string& reference);

} // namespace coras
