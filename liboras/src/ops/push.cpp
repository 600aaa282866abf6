#include "oras/ops/push.hpp"

#include "ops/manifest_put.hpp"
#include "ops/pack.hpp"
#include "ops/parallel.hpp"
#include "ops/progress_stream.hpp"
#include "ops/stream_push.hpp"
#include "oras/media_types.hpp"

#include <set>
#include <vector>

namespace oras::ops {

namespace {

Result<void> upload_blob(Target& target,
                         const PackedBlob& blob,
                         const std::string& mount_from,
                         const ProgressCallback& progress)
{
    const auto& desc = blob.desc;
    const auto present = target.exists(desc);
    if (!present) {
        return present.error().with_context("check blob " + desc.digest.str());
    }
    if (*present) {
        return report(progress, TransferState::exists, desc, desc.size);
    }
    if (auto* mounter = dynamic_cast<BlobMounter*>(&target); mounter && !mount_from.empty()) {
        const auto mounted = mounter->mount(desc, mount_from);
        if (!mounted) {
            return mounted.error().with_context("mount blob " + desc.digest.str());
        }
        if (*mounted) {
            return report(progress, TransferState::mounted, desc, desc.size);
        }
    }
    ORAS_TRY(report(progress, TransferState::started, desc));
    std::unique_ptr<ByteSource> file;
    MemorySource generated(blob.bytes);
    ByteSource* content = &generated;
    if (!blob.path.empty()) {
        file = ORAS_TRY(open_file_source(blob.path));
        content = file.get();
    }
    ProgressSource counted(*content, desc, progress);
    ORAS_TRY(target.push(desc, counted));
    return report(progress, TransferState::done, desc, desc.size);
}

// Streams the blob read from standard input (PushOptions::files "-") to `target`, then puts
// its digest and size in the manifest and seals it.
Result<void>
upload_streamed(Target& target, PackedManifest& packed, const ProgressCallback& progress)
{
    for (std::size_t i = 0; i < packed.blobs.size(); ++i) {
        PackedBlob& blob = packed.blobs[i];
        if (!blob.streamed) {
            continue;
        }
        const Descriptor pushed = ORAS_TRY(push_standard_input(target, blob.desc, {}, progress));
        blob.desc.digest = pushed.digest;
        blob.desc.size = pushed.size;
        packed.manifest.layers.at(i - 1) = blob.desc; // blobs[0] is the config
    }
    seal_manifest(packed);
    return {};
}

Result<void> push_manifest(Target& target,
                           const PackedManifest& packed,
                           const std::vector<std::string>& tags,
                           const ProgressCallback& progress)
{
    const auto& desc = packed.desc;
    ORAS_TRY(report(progress, TransferState::started, desc));
    ORAS_TRY(put_manifest(target, desc, packed.bytes, tags));
    return report(progress, TransferState::done, desc, desc.size);
}

} // namespace

Result<PushResult> push(const OpenedTarget& opened, const PushOptions& options)
{
    return push(*opened.target, opened.tags, options);
}

Result<PushResult>
push(Target& target, const std::vector<std::string>& tags, const PushOptions& options)
{
    const bool wasm_push = ORAS_TRY(is_wasm_push(options));
    auto packed = ORAS_TRY(wasm_push ? pack_wasm(options) : pack(options));
    std::set<Digest> seen;
    std::vector<const PackedBlob*> unique;
    for (const auto& blob : packed.blobs) {
        if (!blob.streamed && seen.insert(blob.desc.digest).second) {
            unique.push_back(&blob);
        }
    }
    if (has_streamed_blob(packed)) {
        ORAS_TRY(stream_pusher(target)); // refused before any blob is written
    }
    const ProgressCallback progress = serialized(options.progress);
    const int workers = target.concurrent_transfers() ? options.concurrency : 1;
    ORAS_TRY(for_each_parallel(unique.size(), workers, [&](std::size_t i) {
        return upload_blob(target, *unique[i], options.mount_from, progress);
    }));
    if (has_streamed_blob(packed)) {
        ORAS_TRY(upload_streamed(target, packed, progress));
    }
    ORAS_TRY(push_manifest(target, packed, tags, progress));

    PushResult result;
    result.manifest = packed.desc;
    result.manifest_bytes = std::move(packed.bytes);
    for (auto& blob : packed.blobs) {
        result.blobs.push_back(std::move(blob.desc));
    }
    result.layout = packed.layout;
    result.warnings = std::move(packed.warnings);
    return result;
}

} // namespace oras::ops
