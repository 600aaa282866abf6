// Deleting a manifest or a blob of a remote repository (distribution-spec v1.1, "Deleting
// manifests", "Deleting blobs").
#pragma once

#include "oras/descriptor.hpp"
#include "oras/result.hpp"
#include "registry/repository_context.hpp"

namespace oras::registry {

// DELETE /manifests/<digest> when `desc` is a manifest (media_type::is_manifest), else
// DELETE /blobs/<digest>. 202 succeeds (a Docker-Content-Digest answered must be desc.digest);
// 404 fails with not_found naming the object; 405 (distribution's UNSUPPORTED, or a read-only
// registry) fails with unsupported: "deletion is disabled on the registry"; any other answer as
// error_from_response().
Result<void> delete_content(const RepositoryContext& context, const Descriptor& desc);

} // namespace oras::registry
