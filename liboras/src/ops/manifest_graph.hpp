// The manifests a command reads, each fetched once: the root by reference, then the children of
// indexes by digest, with limits on depth and on the number of manifests, so that no graph a
// registry serves can make a command loop or fetch without end.
#pragma once

#include "oras/content.hpp"
#include "oras/manifest.hpp"
#include "oras/result.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace oras::ops {

// How far a walk may go.
struct GraphLimits
{
    int max_depth = 8;               // an index's children are one level down
    std::size_t max_manifests = 256; // manifests fetched per command, the root included
};

// One manifest or index, fetched and parsed.
struct ManifestNode
{
    FetchedManifest fetched;          // descriptor and exact bytes
    std::optional<Manifest> manifest; // set for image manifests
    std::optional<Index> index;       // set for indexes and manifest lists

    [[nodiscard]] const Descriptor& descriptor() const { return fetched.descriptor; }
};

// Reads a child manifest's verified bytes; a test may give one that does not verify, to build
// graphs that a digest-checking source cannot serve.
using ChildReader = std::function<Result<std::string>(const Descriptor& desc)>;

class ManifestGraph
{
  public:
    // Reads from `source`, which must outlive the graph.
    explicit ManifestGraph(Target& source, GraphLimits limits = {});
    ManifestGraph(Target& source, GraphLimits limits, ChildReader reader);

    // The manifest or index `reference` (tag or digest) names: one GET on a registry. Fails
    // with invalid_argument for an empty reference, or as fetching and parsing do.
    Result<const ManifestNode*> root(std::string_view reference);

    // The child `desc` of an index, fetched on first use only. Fails with invalid_format
    // when the limits are exceeded.
    Result<const ManifestNode*> child(const Descriptor& desc);

    // Every image manifest reachable from `node`, depth first in index order, each digest once.
    // Fails with invalid_format for an index that reaches itself, indexes nested deeper than
    // the limit, or more manifests than the limit.
    Result<std::vector<const ManifestNode*>> image_manifests(const ManifestNode& node);

    // How many manifests were fetched so far.
    [[nodiscard]] std::size_t fetched_count() const { return m_nodes.size(); }

  private:
    Result<const ManifestNode*> add(FetchedManifest fetched);
    Result<void> walk(const ManifestNode& node,
                      std::vector<Digest>& path,
                      std::vector<const ManifestNode*>& out);

    Target& m_source;
    GraphLimits m_limits;
    ChildReader m_reader;
    std::map<Digest, std::unique_ptr<ManifestNode>> m_nodes;
    std::set<Digest> m_walked; // during image_manifests()
};

} // namespace oras::ops
