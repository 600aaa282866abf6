// `pull -o -`: the artifact's one file streamed to a sink (standard output) instead of written
// under a directory.
#pragma once

#include "ops/artifact_plan.hpp"
#include "oras/ops/pull.hpp"

namespace oras::ops {

// Streams the layer pick_stream_layer() chooses (for a Wasm module artifact other than compat,
// its module) into options.stream, verified as fetch_verified does. Fails as picking and
// fetching do.
Result<PullResult> pull_to_stream(Target& source,
                                  ManifestGraph& graph,
                                  const ArtifactPlan& plan,
                                  const PullOptions& options);

} // namespace oras::ops
