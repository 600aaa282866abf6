// What a copy sends: the manifest graph below a root walked once against the destination, so
// that a manifest the destination has is not walked further.
#pragma once

#include "ops/manifest_graph.hpp"
#include "oras/content.hpp"
#include "oras/result.hpp"

#include <vector>

namespace oras::ops {

struct CopyPlan
{
    const ManifestNode* root = nullptr;
    bool root_exists = false; // the destination has the root (and so, its graph)
    // Blobs (configs and layers) of the manifests to copy, each digest once, in walk order.
    std::vector<Descriptor> blobs;
    // Manifests and indexes the destination lacks, children before parents; the root (when
    // it is missing) last.
    std::vector<const ManifestNode*> manifests;
    // Manifests below the root that the destination has: their graphs are not walked.
    std::vector<Descriptor> existing;
};

// Walks the graph of `root` (index entries and subjects, then configs and layers), asking
// `destination` about every manifest below the root. Fails with invalid_format for a graph
// with a cycle, deeper than graph's limits or with more manifests; as fetching fails
// otherwise, naming the manifest.
Result<CopyPlan> plan_copy(ManifestGraph& graph, const ManifestNode& root, Target& destination);

} // namespace oras::ops
