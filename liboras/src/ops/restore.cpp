#include "oras/ops/backup.hpp"

#include "ops/referrer_index.hpp"
#include "ops/tags_to_move.hpp"
#include "oras/oci_layout.hpp"
#include "oras/ops/repo.hpp"

#include <set>
#include <utility>

namespace oras::ops {

namespace {

constexpr std::size_t k_max_listed_referrers = 10'000;

// The referrers the layout lists for `subject`, and theirs (a dry run: nothing is fetched but
// the listings), each digest once.
Result<void> list_all_referrers(Target& layout,
                                const Descriptor& subject,
                                const RestoreOptions& options,
                                std::set<Digest>& seen,
                                std::vector<Descriptor>& out)
{
    bool used_api = false;
    const auto referrers =
        ORAS_TRY(list_referrers(layout, subject, {}, options.referrers_method, used_api));
    for (const auto& referrer : referrers) {
        if (!seen.insert(referrer.digest).second) {
            continue;
        }
        if (out.size() >= k_max_listed_referrers) {
            return fail(ErrorCode::too_large, layout.describe() + " lists too many referrers");
        }
        out.push_back(referrer);
        ORAS_TRY(list_all_referrers(layout, referrer, options, seen, out));
    }
    return {};
}

Result<RestoreResult>
dry_run(Target& layout, const std::vector<std::string>& tags, const RestoreOptions& options)
{
    RestoreResult result;
    result.dry_run = DryRun::yes;
    std::set<Digest> seen;
    for (const auto& tag : tags) {
        const Descriptor root = ORAS_TRY(layout.resolve(tag));
        result.tags.push_back({tag, root});
        if (options.referrers == Referrers::include && seen.insert(root.digest).second) {
            ORAS_TRY(list_all_referrers(layout, root, options, seen, result.referrers));
        }
    }
    return result;
}

} // namespace

Result<RestoreResult> restore(Target& destination, const RestoreOptions& options)
{
    auto layout = ORAS_TRY(open_oci_layout(options.input, LayoutMode::read_only));
    const auto tags = ORAS_TRY(tags_to_move(*layout, options.tags));
    if (options.dry_run == DryRun::yes) {
        return dry_run(*layout, tags, options);
    }
    RestoreResult result;
    CopyOptions copy_options;
    copy_options.concurrency = options.concurrency;
    copy_options.progress = options.progress;
    copy_options.referrers = options.referrers;
    copy_options.referrers_method = options.referrers_method;
    // Every graph first, by digest; the tags once all are there.
    for (const auto& tag : tags) {
        auto copied = copy(*layout, tag, destination, copy_options);
        if (!copied) {
            return copied.error().with_context("restore " + tag + " to " + destination.describe());
        }
        result.tags.push_back({tag, copied->root});
        result.referrers.insert(
            result.referrers.end(), copied->referrers.begin(), copied->referrers.end());
        result.copied += copied->copied;
        result.existed += copied->existed;
    }
    CopyOptions tag_options;
    for (const auto& tag : tags) {
        tag_options.tags = {tag};
        auto tagged = copy(*layout, tag, destination, tag_options);
        if (!tagged) {
            return tagged.error().with_context("restore " + tag + " to " + destination.describe());
        }
    }
    return result;
}

} // namespace oras::ops
