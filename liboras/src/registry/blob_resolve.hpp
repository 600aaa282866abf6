// The descriptor of a blob of a remote repository, from a HEAD (distribution-spec v1.1,
// "Checking if content exists in the registry").
#pragma once

#include "oras/descriptor.hpp"
#include "oras/result.hpp"
#include "registry/repository_context.hpp"

namespace oras::registry {

// HEAD /blobs/<digest>: 200 with a Content-Length gives the descriptor (an answered
// Docker-Content-Digest must be `digest`); 404 fails with not_found naming the blob; a 200
// without Content-Length fails with invalid_format.
Result<Descriptor> resolve_blob(const RepositoryContext& context, const Digest& digest);

} // namespace oras::registry
