#include "oras/ops/pull.hpp"

#include "ops/progress_stream.hpp"
#include "oras/manifest.hpp"
#include "ops/created_directories.hpp"
#include "ops/pull_plan.hpp"
#include "ops/wasm_pull.hpp"

#include <memory>

namespace oras::ops {

namespace {

namespace fs = std::filesystem;

Result<std::unique_ptr<FileSink>> download(Target& source,
                                           const PlannedFile& file,
                                           const PullOptions& options)
{
    ORAS_TRY(report(options.progress, TransferState::started, file.desc));
    auto sink = ORAS_TRY(FileSink::create(file.destination));
    ProgressSink counted(*sink, file.desc, options.progress);
    auto fetched = fetch_verified(source, file.desc, counted);
    if (!fetched) {
        return std::move(fetched).error().with_context("pull " + file.desc.title());
    }
    ORAS_TRY(report(options.progress, TransferState::done, file.desc, file.desc.size));
    return sink;
}

} // namespace

Result<PullResult> pull(Target& source, std::string_view reference, const PullOptions& options)
{
    if (reference.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "no tag or digest given to pull",
                    "name one: registry/repository:tag or registry/repository@sha256:...");
    }
    const auto manifest = ORAS_TRY(source.resolve(reference));
    const std::string bytes = ORAS_TRY(fetch_bytes(source, manifest, k_max_manifest_bytes));
    const auto wasm_plan = ORAS_TRY(plan_wasm_pull(source, manifest, bytes));
    if (wasm_plan) {
        auto result = ORAS_TRY(pull_wasm(source, *wasm_plan, options));
        result.manifest = manifest;
        return result;
    }
    auto plan = ORAS_TRY(plan_pull(source, manifest, bytes, options));

    CreatedDirectories dirs;
    std::vector<std::unique_ptr<FileSink>> sinks;
    for (const auto& file : plan.files) {
        ORAS_TRY(dirs.create(file.destination.parent_path()));
        sinks.push_back(ORAS_TRY(download(source, file, options)));
    }
    for (auto& sink : sinks) {
        ORAS_TRY(sink->commit(options.overwrite));
    }
    dirs.keep();

    PullResult result;
    result.manifest = manifest;
    for (auto& file : plan.files) {
        result.files.push_back(PulledFile{std::move(file.destination), std::move(file.desc)});
    }
    result.skipped = std::move(plan.skipped);
    for (const auto& skipped : result.skipped) {
        ORAS_TRY(report(options.progress, TransferState::skipped, skipped));
    }
    return result;
}

} // namespace oras::ops
