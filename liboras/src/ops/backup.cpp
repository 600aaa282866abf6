#include "oras/ops/backup.hpp"

#include "ops/backup_output.hpp"
#include "ops/tags_to_move.hpp"
#include "oras/oci_layout.hpp"
#include "oras/ops/repo.hpp"

#include <utility>

namespace oras::ops {

LayoutOutput layout_output_of(const std::filesystem::path& path)
{
    return path.extension() == ".tar" ? LayoutOutput::tar : LayoutOutput::directory;
}

Result<BackupResult> backup(Target& source, const BackupOptions& options)
{
    const auto tags = ORAS_TRY(tags_to_move(source, options.tags));
    BackupResult result;
    result.kind = layout_output_of(options.output);
    result.output = options.output;
    auto staged = ORAS_TRY(StagedLayout::prepare(options.output, result.kind));
    auto layout = ORAS_TRY(open_oci_layout(staged->directory(), LayoutMode::create));
    CopyOptions copy_options;
    copy_options.concurrency = options.concurrency;
    copy_options.progress = options.progress;
    copy_options.referrers = options.referrers;
    copy_options.referrers_method = options.referrers_method;
    for (const auto& tag : tags) {
        copy_options.tags = {tag};
        auto copied = copy(source, tag, *layout, copy_options);
        if (!copied) {
            return copied.error().with_context("back up " + source.describe() + ":" + tag);
        }
        result.tags.push_back({tag, copied->root});
        result.referrers.insert(
            result.referrers.end(), copied->referrers.begin(), copied->referrers.end());
        result.copied += copied->copied;
        result.existed += copied->existed;
    }
    layout.reset();
    auto committed = staged->commit();
    if (!committed) {
        return committed.error().with_context("back up " + source.describe());
    }
    return result;
}

} // namespace oras::ops
