// Choosing the manifest of a platform (--platform): an index entry whose platform matches, or
// an image manifest whose config says it is for that platform (oras-go's Resolve with a
// TargetPlatform).
#pragma once

#include "ops/manifest_graph.hpp"
#include "oras/descriptor.hpp"
#include "oras/result.hpp"

namespace oras::ops {

// For an index `node`: its first entry whose platform matches `wanted` (platform_matches()),
// fetched through `graph`. For an image manifest: `node` itself when its config (an OCI or
// Docker image config, read from `source`) names a matching os and architecture. Fails with
// not_found naming the platform and the manifest when nothing matches.
Result<const ManifestNode*> select_platform(ManifestGraph& graph,
                                            Fetcher& source,
                                            const ManifestNode& node,
                                            const Platform& wanted);

} // namespace oras::ops
