#include "oras/ops/copy.hpp"

#include "ops/copy_graph.hpp"
#include "ops/copy_plan.hpp"
#include "ops/fetching_source.hpp"
#include "ops/manifest_graph.hpp"
#include "ops/parallel.hpp"
#include "ops/platform_select.hpp"
#include "ops/progress_stream.hpp"

#include <atomic>

namespace oras::ops {

namespace {

// Blobs up to this size are fetched whole and pushed from memory (a push may read them twice);
// larger ones stream through a FetchingSource.
constexpr std::uint64_t k_in_memory_blob = 1024 * 1024;

struct Counters
{
    std::atomic<std::size_t> copied{0};
    std::atomic<std::size_t> mounted{0};
    std::atomic<std::size_t> existed{0};
};

class Copier
{
  public:
    Copier(Target& source,
           Target& destination,
           const CopyOptions& options,
           const std::vector<std::string>& tags)
        : m_source(source), m_destination(destination), m_options(options), m_tags(tags),
          m_progress(serialized(options.progress))
    {
    }

    Result<void> blob(const Descriptor& desc)
    {
        auto copied = copy_blob(desc);
        if (!copied) {
            return copied.error().with_context("copy blob " + desc.digest.str() + " from " +
                                               m_source.describe() + " to " +
                                               m_destination.describe());
        }
        return {};
    }

    // Pushes `node` (not the root), which the destination was found to lack.
    Result<void> manifest(const ManifestNode& node)
    {
        auto pushed = push_manifest(node, {});
        if (!pushed) {
            return pushed.error().with_context(manifest_step(node));
        }
        return {};
    }

    // Reports a manifest below the root that the destination has.
    Result<void> existing(const Descriptor& desc)
    {
        ++counters.existed;
        return report(m_progress, TransferState::exists, desc, desc.size);
    }

    // Stores the root under its tags (only when missing and untagged: by digest).
    Result<void> root(const ManifestNode& node, bool exists)
    {
        auto stored = store_root(node, exists);
        if (!stored) {
            return stored.error().with_context(manifest_step(node));
        }
        return {};
    }

    [[nodiscard]] int workers() const
    {
        const bool both = m_source.concurrent_transfers() && m_destination.concurrent_transfers();
        return both ? m_options.concurrency : 1;
    }

    Counters counters;

  private:
    [[nodiscard]] std::string manifest_step(const ManifestNode& node) const
    {
        return "copy manifest " + node.descriptor().digest.str() + " from " + m_source.describe() +
               " to " + m_destination.describe();
    }

    Result<void> copy_blob(const Descriptor& desc)
    {
        const bool present = ORAS_TRY(m_destination.exists(desc));
        if (present) {
            ++counters.existed;
            return report(m_progress, TransferState::exists, desc, desc.size);
        }
        if (ORAS_TRY(mount(desc))) {
            ++counters.mounted;
            return report(m_progress, TransferState::mounted, desc, desc.size);
        }
        ORAS_TRY(report(m_progress, TransferState::started, desc));
        if (desc.size <= k_in_memory_blob) {
            const std::string bytes = ORAS_TRY(fetch_bytes(m_source, desc, k_in_memory_blob));
            MemorySource memory(bytes);
            ProgressSource counted(memory, desc, m_progress);
            ORAS_TRY(m_destination.push(desc, counted));
        } else {
            FetchingSource streamed(m_source, desc);
            ProgressSource counted(streamed, desc, m_progress);
            ORAS_TRY(m_destination.push(desc, counted));
            ORAS_TRY(streamed.finish());
        }
        ++counters.copied;
        return report(m_progress, TransferState::done, desc, desc.size);
    }

    // distribution-spec v1.1, "Mounting a blob from another repository": true when mounted;
    // false when there is nothing to mount from or the registry refused (false, 401, 403).
    Result<bool> mount(const Descriptor& desc)
    {
        auto* mounter = dynamic_cast<BlobMounter*>(&m_destination);
        if (mounter == nullptr || m_options.mount_from.empty()) {
            return false;
        }
        auto mounted = mounter->mount(desc, m_options.mount_from);
        if (!mounted) {
            const auto status = mounted.error().http_status;
            if (status == 401 || status == 403) {
                return false;
            }
            return mounted.error().with_context("mount from " + m_options.mount_from);
        }
        return *mounted;
    }

    Result<void> push_manifest(const ManifestNode& node, std::string_view tag)
    {
        const Descriptor& desc = node.descriptor();
        ORAS_TRY(report(m_progress, TransferState::started, desc));
        MemorySource bytes(node.fetched.bytes);
        ProgressSource counted(bytes, desc, m_progress);
        if (tag.empty()) {
            ORAS_TRY(m_destination.push(desc, counted));
        } else {
            ORAS_TRY(m_destination.push_tagged(desc, counted, tag));
        }
        ++counters.copied;
        return report(m_progress, TransferState::done, desc, desc.size);
    }

    Result<void> store_root(const ManifestNode& node, bool exists)
    {
        const Descriptor& desc = node.descriptor();
        const auto& tags = m_tags;
        if (exists) {
            ++counters.existed;
            ORAS_TRY(report(m_progress, TransferState::exists, desc, desc.size));
            if (!tags.empty()) {
                MemorySource bytes(node.fetched.bytes);
                ORAS_TRY(m_destination.push_tagged(desc, bytes, tags.front()));
            }
        } else {
            ORAS_TRY(push_manifest(
                node, tags.empty() ? std::string_view() : std::string_view(tags.front())));
        }
        for (std::size_t i = 1; i < tags.size(); ++i) {
            ORAS_TRY(m_destination.tag(desc, tags[i]));
        }
        return {};
    }

    Target& m_source;
    Target& m_destination;
    const CopyOptions& m_options;
    const std::vector<std::string>& m_tags;
    ProgressCallback m_progress;
};

Result<const ManifestNode*> read_root(ManifestGraph& graph,
                                      Target& source,
                                      std::string_view reference,
                                      const CopyOptions& options)
{
    const ManifestNode* root = ORAS_TRY(graph.root(reference));
    if (!options.platform) {
        return root;
    }
    return select_platform(graph, source, *root, *options.platform);
}

// Points `tags` at the root, already stored at `destination`: the first by pushing its bytes
// under it (one PUT on a registry), the others by tagging.
Result<void>
tag_root(const ManifestNode& root, Target& destination, const std::vector<std::string>& tags)
{
    const Descriptor& desc = root.descriptor();
    for (std::size_t i = 0; i < tags.size(); ++i) {
        auto tagged = [&]() -> Result<void> {
            if (i == 0) {
                MemorySource bytes(root.fetched.bytes);
                return destination.push_tagged(desc, bytes, tags[i]);
            }
            return destination.tag(desc, tags[i]);
        }();
        if (!tagged) {
            return tagged.error().with_context("tag " + desc.digest.str() + " as " + tags[i] +
                                               " at " + destination.describe());
        }
    }
    return {};
}

} // namespace

Result<void> copy_graph(ManifestGraph& graph,
                        const ManifestNode& root,
                        const GraphEnds& ends,
                        const CopyOptions& options,
                        const std::vector<std::string>& tags,
                        CopyResult& result)
{
    const CopyPlan plan = ORAS_TRY(plan_copy(graph, root, ends.destination));
    Copier copier(ends.source, ends.destination, options, tags);
    for (const auto& existing : plan.existing) {
        ORAS_TRY(copier.existing(existing));
    }
    ORAS_TRY(for_each_parallel(plan.blobs.size(), copier.workers(), [&](std::size_t i) {
        return copier.blob(plan.blobs[i]);
    }));
    for (const ManifestNode* node : plan.manifests) {
        if (node != &root) {
            ORAS_TRY(copier.manifest(*node));
        }
    }
    ORAS_TRY(copier.root(root, plan.root_exists));
    result.copied += copier.counters.copied.load();
    result.mounted += copier.counters.mounted.load();
    result.existed += copier.counters.existed.load();
    return {};
}

Result<CopyResult>
copy(Target& source, std::string_view reference, Target& destination, const CopyOptions& options)
{
    ManifestGraph graph(source);
    const ManifestNode* root = ORAS_TRY(read_root(graph, source, reference, options));
    const GraphEnds ends{source, destination};
    CopyResult result;
    if (options.referrers == Referrers::include) {
        // The root goes by digest first; its tags only once its referrers are there too.
        ORAS_TRY(copy_graph(graph, *root, ends, options, {}, result));
        ORAS_TRY(copy_referrers(graph, *root, ends, options, result));
        ORAS_TRY(tag_root(*root, destination, options.tags));
    } else {
        ORAS_TRY(copy_graph(graph, *root, ends, options, options.tags, result));
    }
    result.root = root->descriptor();
    result.root.annotations = root->index ? root->index->annotations : root->manifest->annotations;
    result.root.artifact_type =
        root->index ? root->index->artifact_type : root->manifest->artifact_type;
    return result;
}

} // namespace oras::ops
