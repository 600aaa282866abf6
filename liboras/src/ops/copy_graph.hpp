// The pieces of `copy` that copy --recursive repeats for every referrer: one manifest graph
// copied, and the referrers walk.
#pragma once

#include "ops/manifest_graph.hpp"
#include "oras/content.hpp"
#include "oras/ops/copy.hpp"
#include "oras/result.hpp"

#include <string>
#include <vector>

namespace oras::ops {

// The two stores of a copy.
struct GraphEnds
{
    Target& source;
    Target& destination;
};

// Copies the graph of `root` (read through `graph`, from `ends.source`) to `ends.destination`
// as copy() does, the root stored under `tags` (none: by digest), and adds what was sent,
// mounted and found to the counters of `result`. Fails as copy() does.
Result<void> copy_graph(ManifestGraph& graph,
                        const ManifestNode& root,
                        const GraphEnds& ends,
                        const CopyOptions& options,
                        const std::vector<std::string>& tags,
                        CopyResult& result);

// Copies the referrers of `root` (already at the destination), of every manifest below it when
// it is an index, and theirs, each graph after its subject, as options.referrers_method says;
// at a destination without a referrers API each subject's referrers index tag is updated. Only
// manifests whose `subject` is the manifest they are listed for are copied (oras#1907); each
// digest is visited once, so a listing that loops ends. Appends the referrers to
// `result.referrers`. Fails naming the referrer or subject and the step, or with too_large past
// 10 000 referrers.
Result<void> copy_referrers(ManifestGraph& graph,
                            const ManifestNode& root,
                            const GraphEnds& ends,
                            const CopyOptions& options,
                            CopyResult& result);

} // namespace oras::ops
