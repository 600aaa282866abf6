#include "oras/ops/pull.hpp"

#include "ops/artifact_plan.hpp"
#include "ops/commit_all.hpp"
#include "ops/destinations.hpp"
#include "ops/parallel.hpp"
#include "ops/progress_stream.hpp"
#include "ops/pull_stream.hpp"
#include "ops/wasm_pull.hpp"
#include "output_dir.hpp"

#include <map>
#include <memory>
#include <vector>

namespace oras::ops {

namespace {

namespace fs = std::filesystem;

// Where one planned file is written: a directory handle and the file's path below it.
struct Anchor
{
    std::shared_ptr<OutputDir> dir;
    fs::path relative;
};

// The output directory, opened (and created) once, and one handle per other directory that
// titles allowed outside it (-T) lead to. Subdirectories are created here, before any
// download, never through a symbolic link.
class Anchors
{
  public:
    static Result<Anchors> open(const PullPlan& plan, const PullOptions& options)
    {
        Anchors anchors;
        if (plan.files.empty()) {
            return anchors; // nothing to write: no directory is created
        }
        anchors.m_root = ORAS_TRY(OutputDir::open(options.output_dir, CreateMissing::yes));
        for (const auto& file : plan.files) {
            anchors.m_files.push_back(ORAS_TRY(anchors.place(file)));
        }
        return anchors;
    }

    [[nodiscard]] const Anchor& operator[](std::size_t i) const { return m_files[i]; }

    // Keeps the directories created for a pull that succeeded.
    void keep()
    {
        if (m_root) {
            m_root->keep();
        }
        for (auto& [path, dir] : m_outside) {
            dir->keep();
        }
    }

  private:
    Result<Anchor> place(const PlannedFile& file)
    {
        if (!file.relative.empty()) {
            ORAS_TRY(m_root->subdirectory(file.relative.parent_path(), CreateMissing::yes));
            return Anchor{m_root, file.relative};
        }
        const fs::path parent = file.destination.parent_path();
        auto& dir = m_outside[parent];
        if (!dir) {
            dir = ORAS_TRY(OutputDir::open(parent, CreateMissing::yes));
        }
        return Anchor{dir, file.destination.filename()};
    }

    std::shared_ptr<OutputDir> m_root;
    std::map<fs::path, std::shared_ptr<OutputDir>> m_outside;
    std::vector<Anchor> m_files;
};

Result<std::unique_ptr<FileSink>>
download(Target& source, const PlannedFile& file, const Anchor& to, const PullOptions& options)
{
    ORAS_TRY(report(options.progress, TransferState::started, file.desc));
    auto sink = ORAS_TRY(FileSink::create_in(to.dir, to.relative, Durability::unsynced));
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
    auto anchors = ORAS_TRY(Anchors::open(plan, options));
    PullOptions shared = options;
    shared.progress = serialized(options.progress);
    std::vector<std::unique_ptr<FileSink>> sinks(plan.files.size());
    const int workers = source.concurrent_transfers() ? options.concurrency : 1;
    const auto download_one = [&](std::size_t i) -> Result<void> {
        sinks[i] = ORAS_TRY(download(source, plan.files[i], anchors[i], shared));
        return {};
    };
    ORAS_TRY(for_each_parallel(plan.files.size(), workers, download_one));
    ORAS_TRY(commit_all(sinks, options.overwrite));
    anchors.keep();

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
    if (options.stream != nullptr) {
        result = ORAS_TRY(pull_to_stream(source, graph, plan, options));
    } else if (plan.wasm) {
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
