// The digest of a blob command's REPO@DIGEST reference.
#pragma once

#include "oras/digest.hpp"
#include "oras/ops/target.hpp"
#include "oras/result.hpp"

#include <optional>

namespace coras {

// The digest `opened` names, nullopt when it names none; fails with invalid_argument for a tag
// (blobs have no tags).
oras::Result<std::optional<oras::Digest>> blob_digest(const oras::ops::OpenedTarget& opened);

} // namespace coras
