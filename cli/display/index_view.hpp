// What `coras manifest index create|update` prints on stdout: the text summary or the
// --format json document of the index built.
#pragma once

#include "oras/ops/index.hpp"
#include "oras/ops/target.hpp"

#include <string>

namespace coras {

// The reference the index now answers to: `name`:TAG (its first tag) or `name`@DIGEST when it
// was pushed by digest; `typed` (the reference as given) when it was not pushed.
std::string index_reference(const oras::ops::IndexResult& result,
                            const std::string& name,
                            const std::string& typed);

// "Pushed [registry|oci-layout] `name`:TAG" for each tag (`name`@DIGEST when pushed by digest),
// or "Wrote `output_file`" when it was written instead, then "Digest: DIGEST"; one line each.
std::string index_text(const oras::ops::IndexResult& result,
                       oras::ops::TargetKind kind,
                       const std::string& name,
                       const std::string& output_file);

} // namespace coras
