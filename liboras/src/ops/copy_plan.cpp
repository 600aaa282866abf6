#include "ops/copy_plan.hpp"

#include <algorithm>
#include <set>

namespace oras::ops {

namespace {

class Walk
{
  public:
    Walk(ManifestGraph& graph, Target& destination, CopyPlan& plan)
        : m_graph(graph), m_destination(destination), m_plan(plan)
    {
    }

    // Walks `node`, which the destination lacks: its children, then `node` itself.
    Result<void> walk(const ManifestNode& node)
    {
        const Digest& digest = node.descriptor().digest;
        m_seen.insert(digest);
        if (m_path.size() >= k_max_depth) {
            return fail(ErrorCode::invalid_format,
                        "manifest " + digest.str() + ": nested more than " +
                            std::to_string(k_max_depth) + " deep");
        }
        m_path.push_back(digest);
        ORAS_TRY(children(node));
        m_path.pop_back();
        m_plan.manifests.push_back(&node);
        return {};
    }

  private:
    static constexpr std::size_t k_max_depth = 8;

    Result<bool> exists(const Descriptor& desc)
    {
        auto present = m_destination.exists(desc);
        if (!present) {
            return present.error().with_context("check manifest " + desc.digest.str() + " at " +
                                                m_destination.describe());
        }
        return present;
    }

    // A child manifest: not fetched when already walked or when the destination has it.
    Result<void> child(const Descriptor& desc)
    {
        if (std::find(m_path.begin(), m_path.end(), desc.digest) != m_path.end()) {
            return fail(ErrorCode::invalid_format,
                        "manifest " + desc.digest.str() + " reaches itself: the graph has a cycle");
        }
        if (m_seen.contains(desc.digest)) {
            return {};
        }
        if (ORAS_TRY(exists(desc))) {
            m_seen.insert(desc.digest);
            m_plan.existing.push_back(desc);
            return {};
        }
        const ManifestNode* next = ORAS_TRY(m_graph.child(desc));
        return walk(*next);
    }

    Result<void> children(const ManifestNode& node)
    {
        if (node.index) {
            if (node.index->subject) {
                ORAS_TRY(child(*node.index->subject));
            }
            for (const auto& entry : node.index->manifests) {
                ORAS_TRY(child(entry));
            }
            return {};
        }
        const Manifest& manifest = *node.manifest;
        if (manifest.subject) {
            ORAS_TRY(child(*manifest.subject));
        }
        blob(manifest.config);
        for (const auto& layer : manifest.layers) {
            blob(layer);
        }
        return {};
    }

    void blob(const Descriptor& desc)
    {
        if (m_blobs.insert(desc.digest).second) {
            m_plan.blobs.push_back(desc);
        }
    }

    ManifestGraph& m_graph;
    Target& m_destination;
    CopyPlan& m_plan;
    std::vector<Digest> m_path;
    std::set<Digest> m_seen;
    std::set<Digest> m_blobs;
};

} // namespace

Result<CopyPlan> plan_copy(ManifestGraph& graph, const ManifestNode& root, Target& destination)
{
    CopyPlan plan;
    plan.root = &root;
    const auto present = destination.exists(root.descriptor());
    if (!present) {
        return present.error().with_context("check manifest " + root.descriptor().digest.str() +
                                            " at " + destination.describe());
    }
    if (*present) {
        plan.root_exists = true;
        return plan;
    }
    Walk walk(graph, destination, plan);
    ORAS_TRY(walk.walk(root));
    return plan;
}

} // namespace oras::ops
