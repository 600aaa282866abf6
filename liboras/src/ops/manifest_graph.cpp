#include "ops/manifest_graph.hpp"

#include "oras/media_types.hpp"

#include <algorithm>

namespace oras::ops {

namespace {

Result<void> parse_into(ManifestNode& node)
{
    const auto& desc = node.fetched.descriptor;
    if (media_type::is_index(desc.media_type)) {
        node.index = ORAS_TRY(parse_index(node.fetched.bytes, desc.media_type));
    } else {
        node.manifest = ORAS_TRY(parse_manifest(node.fetched.bytes, desc.media_type));
    }
    return {};
}

std::string index_name(const Descriptor& desc)
{
    return "index " + desc.digest.str();
}

} // namespace

ManifestGraph::ManifestGraph(Target& source, GraphLimits limits)
    : ManifestGraph(source, limits, [&source](const Descriptor& desc) {
          return fetch_bytes(source, desc, k_max_manifest_bytes);
      })
{
}

ManifestGraph::ManifestGraph(Target& source, GraphLimits limits, ChildReader reader)
    : m_source(source), m_limits(limits), m_reader(std::move(reader))
{
}

Result<const ManifestNode*> ManifestGraph::root(std::string_view reference)
{
    if (reference.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "no tag or digest given",
                    "name one: registry/repository:tag or registry/repository@sha256:...");
    }
    auto fetched = ORAS_TRY(m_source.fetch_reference(reference, k_max_manifest_bytes));
    return add(std::move(fetched));
}

Result<const ManifestNode*> ManifestGraph::child(const Descriptor& desc)
{
    if (const auto found = m_nodes.find(desc.digest); found != m_nodes.end()) {
        return static_cast<const ManifestNode*>(found->second.get());
    }
    if (!media_type::is_manifest(desc.media_type)) {
        return fail(ErrorCode::invalid_format,
                    "index entry " + desc.digest.str() + " has media type \"" + desc.media_type +
                        "\", not a manifest type");
    }
    if (m_nodes.size() >= m_limits.max_manifests) {
        return fail(ErrorCode::invalid_format,
                    "manifest " + desc.digest.str() + ": the artifact has more than " +
                        std::to_string(m_limits.max_manifests) + " manifests");
    }
    FetchedManifest fetched;
    fetched.descriptor = desc;
    fetched.bytes = ORAS_TRY(m_reader(desc));
    return add(std::move(fetched));
}

Result<const ManifestNode*> ManifestGraph::add(FetchedManifest fetched)
{
    auto node = std::make_unique<ManifestNode>();
    node->fetched = std::move(fetched);
    if (auto parsed = parse_into(*node); !parsed) {
        // "HOST/REPO@sha256:...: manifest: layers[0].size: ...": which manifest, then what.
        return parsed.error().with_context(m_source.describe() + "@" +
                                           node->descriptor().digest.str());
    }
    const Digest digest = node->descriptor().digest;
    auto [where, inserted] = m_nodes.emplace(digest, std::move(node));
    return static_cast<const ManifestNode*>(where->second.get());
}

Result<std::vector<const ManifestNode*>> ManifestGraph::image_manifests(const ManifestNode& node)
{
    std::vector<const ManifestNode*> out;
    std::vector<Digest> path;
    m_walked.clear();
    ORAS_TRY(walk(node, path, out));
    return out;
}

Result<void> ManifestGraph::walk(const ManifestNode& node,
                                 std::vector<Digest>& path,
                                 std::vector<const ManifestNode*>& out)
{
    const Digest& digest = node.descriptor().digest;
    if (std::find(path.begin(), path.end(), digest) != path.end()) {
        return fail(ErrorCode::invalid_format,
                    index_name(node.descriptor()) + " reaches itself: the index graph has a cycle");
    }
    if (!m_walked.insert(digest).second) {
        return {}; // reached again through another index: walked once
    }
    if (!node.index) {
        out.push_back(&node);
        return {};
    }
    if (static_cast<int>(path.size()) >= m_limits.max_depth) {
        return fail(ErrorCode::invalid_format,
                    index_name(node.descriptor()) + ": indexes nested more than " +
                        std::to_string(m_limits.max_depth) + " deep");
    }
    path.push_back(digest);
    for (const auto& entry : node.index->manifests) {
        const ManifestNode* child_node = ORAS_TRY(child(entry));
        ORAS_TRY(walk(*child_node, path, out));
    }
    path.pop_back();
    return {};
}

} // namespace oras::ops
