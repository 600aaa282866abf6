#include "oras/ops/pull.hpp"

#include "ops/artifact_plan.hpp"
#include "ops/commit_all.hpp"
#include "ops/created_directories.hpp"
#include "ops/destinations.hpp"
#include "ops/parallel.hpp"
#include "ops/progress_stream.hpp"
#include "ops/wasm_pull.hpp"

#include <memory>

namespace oras::ops {

namespace {

Result<std::unique_ptr<FileSink>>
download(Target& source, const PlannedFile& file, const PullOptions& options)
{
    ORAS_TRY(report(options.progress, TransferState::started, file.desc));
    auto sink = ORAS_TRY(FileSink::create(file.destination, Durability::unsynced));
    ProgressSink counted(*sink, file.desc, options.progress);
    auto fetched = fetch_verified(source, file.desc, counted);
    if (!fetched) {
        return std::move(fetched).error().with_context("pull " + file.desc.title());
    }
    ORAS_TRY(sink->close()); // an artifact of thousands of layers needs no more descriptors
    ORAS_TRY(report(options.progress, TransferState::done, file.desc, file.desc.size));
    return sink;
}

Result<PullResult> pull_files(Target& source, PullPlan plan, const PullOptions& options)
{
    CreatedDirectories dirs;
    for (const auto& file : plan.files) {
        ORAS_TRY(dirs.create(file.destination.parent_path()));
    }
    PullOptions shared = options;
    shared.progress = serialized(options.progress);
    std::vector<std::unique_ptr<FileSink>> sinks(plan.files.size());
    const int workers = source.concurrent_transfers() ? options.concurrency : 1;
    const auto download_one = [&](std::size_t i) -> Result<void> {
        sinks[i] = ORAS_TRY(download(source, plan.files[i], shared));
        return {};
    };
    ORAS_TRY(for_each_parallel(plan.files.size(), workers, download_one));
    ORAS_TRY(commit_all(sinks, options.overwrite));
    dirs.keep();

    PullResult result;
    for (auto& file : plan.files) {
        result.files.push_back(PulledFile{std::move(file.destination), std::move(file.desc)});
    }
    result.skipped = std::move(plan.skipped);
    for (const auto& skipped : result.skipped) {
        ORAS_TRY(report(shared.progress, TransferState::skipped, skipped));
    }
    return result;
}

} // namespace

Result<PullResult> pull(Target& source, std::string_view reference, const PullOptions& options)
{
    if (reference.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "no tag or digest given to pull",
                    "name one: registry/repository:tag or registry/repository@sha256:...");
    }
    ManifestGraph graph(source);
    const auto plan = ORAS_TRY(plan_artifact(graph, reference));
    PullResult result;
    if (plan.wasm) {
        result = ORAS_TRY(pull_wasm(source, *plan.wasm, options));
    } else {
        const auto layers = ORAS_TRY(artifact_layers(graph, plan));
        auto files = ORAS_TRY(plan_layer_files(layers, options));
        result = ORAS_TRY(pull_files(source, std::move(files), options));
    }
    result.manifest = plan.root->descriptor();
    return result;
}

} // namespace oras::ops
