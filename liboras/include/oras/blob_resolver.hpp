// Describing a blob known by its digest alone (oras-go's blob Resolve).
#pragma once

#include "oras/descriptor.hpp"
#include "oras/digest.hpp"
#include "oras/result.hpp"

namespace oras {

class BlobResolver
{
  public:
    virtual ~BlobResolver() = default;
    // The descriptor of the blob `digest` (media type application/octet-stream, its size as
    // stored). Fails with not_found when it is absent.
    virtual Result<Descriptor> resolve_blob(const Digest& digest) = 0;
};

} // namespace oras
