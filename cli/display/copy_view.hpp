// What `coras copy` prints on stdout: the text summary or the --format json document.
#pragma once

#include "oras/ops/copy.hpp"
#include "oras/ops/target.hpp"

#include <string>

namespace coras {

// One side of a copy as the summary names it: its kind and the reference as typed.
struct CopyEnd
{
    oras::ops::TargetKind kind = oras::ops::TargetKind::remote;
    std::string reference;
};

// {"reference":"NAME@DIGEST","mediaType","digest","size"} plus "annotations" and
// "artifactType" when the root has them (oras's descriptor model), for `result` copied to the
// repository or layout `destination_name`.
std::string copy_json(const oras::ops::CopyResult& result, const std::string& destination_name);

// "Copied [registry] SRC => [oci-layout] DST" and "Digest: sha256:...", one line each.
std::string copy_text(const oras::ops::CopyResult& result, const CopyEnd& from, const CopyEnd& to);

} // namespace coras
