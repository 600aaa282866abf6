// Deleting content from a store (distribution-spec v1.1, "Deleting tags", "Deleting
// manifests", "Deleting blobs").
#pragma once

#include "oras/descriptor.hpp"
#include "oras/result.hpp"

namespace oras {

class Deleter
{
  public:
    virtual ~Deleter() = default;
    // Deletes the manifest `desc` (media_type::is_manifest), with every tag that points at it,
    // or else the blob `desc`, by digest. Fails with not_found when it is absent, unsupported
    // when the store refuses deletion (a registry with deletion disabled), or as the store
    // fails; the message names the object and the store.
    virtual Result<void> remove(const Descriptor& desc) = 0;
};

} // namespace oras
