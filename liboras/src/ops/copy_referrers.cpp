// copy --recursive: the referrers of a copied manifest follow it (oras cp -r, oras-go's
// ExtendedCopyGraph over referrers), found through the referrers API or the tag schema.
#include "ops/copy_graph.hpp"
#include "ops/referrer_index.hpp"

#include <optional>
#include <set>

namespace oras::ops {

namespace {

constexpr std::size_t k_max_referrers = 10'000;

// The `subject` member of a manifest or index, if any.
const std::optional<Descriptor>& subject_of(const ManifestNode& node)
{
    return node.index ? node.index->subject : node.manifest->subject;
}

// The descriptor a referrers index lists for `node`: artifactType (the config's media type when
// the manifest has none, as distribution-spec v1.1 "Listing Referrers" says) and annotations
// taken from the verified manifest, not from the source's listing.
Descriptor referrer_entry(const ManifestNode& node)
{
    Descriptor entry = node.descriptor();
    if (node.index) {
        entry.artifact_type = node.index->artifact_type;
        entry.annotations = node.index->annotations;
    } else {
        entry.artifact_type = node.manifest->artifact_type.empty()
                                  ? node.manifest->config.media_type
                                  : node.manifest->artifact_type;
        entry.annotations = node.manifest->annotations;
    }
    return entry;
}

class ReferrerCopy
{
  public:
    ReferrerCopy(const GraphEnds& ends, const CopyOptions& options, CopyResult& result)
        : m_ends(ends), m_options(options), m_result(result)
    {
    }

    // Copies the referrers of `node` (at the destination already), and of its index entries.
    Result<void> visit(ManifestGraph& graph, const ManifestNode& node)
    {
        if (!m_visited.insert(node.descriptor().digest).second) {
            return {};
        }
        if (node.index) {
            for (const auto& entry : node.index->manifests) {
                const ManifestNode* child = ORAS_TRY(graph.child(entry));
                ORAS_TRY(visit(graph, *child));
            }
        }
        bool used_api = false;
        auto listed = list_referrers(
            m_ends.source, node.descriptor(), {}, m_options.referrers_method, used_api);
        if (!listed) {
            return listed.error().with_context("list the referrers of " +
                                               node.descriptor().digest.str() + " in " +
                                               m_ends.source.describe());
        }
        for (const auto& referrer : *listed) {
            ORAS_TRY(copy_referrer(node.descriptor(), referrer));
        }
        return {};
    }

  private:
    Result<void> copy_referrer(const Descriptor& subject, const Descriptor& listed)
    {
        if (m_visited.contains(listed.digest)) {
            return {};
        }
        if (m_result.referrers.size() >= k_max_referrers) {
            return fail(ErrorCode::too_large,
                        "copy the referrers of " + subject.digest.str() + ": more than " +
                            std::to_string(k_max_referrers) + " referrers");
        }
        ManifestGraph graph(m_ends.source);
        auto read = graph.root(listed.digest.str());
        if (!read) {
            return read.error().with_context("read the referrer " + listed.digest.str() + " of " +
                                             subject.digest.str());
        }
        const ManifestNode& node = **read;
        const auto& claimed = subject_of(node);
        if (!claimed || claimed->digest != subject.digest) {
            // Listed but not a referrer of this subject (oras#1907): not copied.
            return {};
        }
        ORAS_TRY(copy_graph(graph, node, m_ends, m_options, {}, m_result));
        if (!ORAS_TRY(destination_has_api(subject))) {
            ORAS_TRY(add_to_tag_index(m_ends.destination, subject.digest, referrer_entry(node)));
        }
        m_result.referrers.push_back(referrer_entry(node));
        return visit(graph, node);
    }

    // Whether the destination lists referrers by itself (its referrers API), asked once.
    Result<bool> destination_has_api(const Descriptor& subject)
    {
        if (!m_destination_api) {
            bool used_api = false;
            auto listed = list_referrers(
                m_ends.destination, subject, {}, m_options.referrers_method, used_api);
            if (!listed) {
                return listed.error().with_context("list the referrers of " + subject.digest.str() +
                                                   " at " + m_ends.destination.describe());
            }
            m_destination_api = used_api;
        }
        return *m_destination_api;
    }

    const GraphEnds& m_ends;
    const CopyOptions& m_options;
    CopyResult& m_result;
    std::set<Digest> m_visited;
    std::optional<bool> m_destination_api;
};

} // namespace

Result<void> copy_referrers(ManifestGraph& graph,
                            const ManifestNode& root,
                            const GraphEnds& ends,
                            const CopyOptions& options,
                            CopyResult& result)
{
    ReferrerCopy copy(ends, options, result);
    return copy.visit(graph, root);
}

} // namespace oras::ops
