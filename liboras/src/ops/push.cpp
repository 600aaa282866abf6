#include "oras/ops/push.hpp"

#include "ops/pack.hpp"
#include "ops/parallel.hpp"
#include "ops/progress_stream.hpp"
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

Result<void> push_manifest(Target& target,
                           const PackedManifest& packed,
                           const std::vector<std::string>& tags,
                           const ProgressCallback& progress)
{
    const auto& desc = packed.desc;
    ORAS_TRY(report(progress, TransferState::started, desc));
    MemorySource bytes(packed.bytes);
    if (tags.empty()) {
        ORAS_TRY(target.push(desc, bytes));
    }
    for (const auto& tag : tags) {
        ORAS_TRY(bytes.rewind());
        auto tagged = target.push_tagged(desc, bytes, tag);
        if (!tagged) {
            return std::move(tagged).error();
        }
    }
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
        if (seen.insert(blob.desc.digest).second) {
            unique.push_back(&blob);
        }
    }
    const ProgressCallback progress = serialized(options.progress);
    const int workers = target.concurrent_transfers() ? options.concurrency : 1;
    ORAS_TRY(for_each_parallel(unique.size(), workers, [&](std::size_t i) {
        return upload_blob(target, *unique[i], options.mount_from, progress);
    }));
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
