#include "oras/ops/pull.hpp"

#include "ops/progress_stream.hpp"
#include "ops/pull_plan.hpp"

#include <memory>

namespace oras::ops {

namespace {

namespace fs = std::filesystem;

// Directories created for the pull, removed again (when still empty) unless kept.
class CreatedDirectories
{
  public:
    ~CreatedDirectories()
    {
        std::error_code ec;
        for (auto it = m_dirs.rbegin(); it != m_dirs.rend() && !m_keep; ++it) {
            fs::remove(*it, ec); // only removes empty directories
        }
    }
    Result<void> create(const fs::path& dir)
    {
        std::vector<fs::path> missing;
        std::error_code ec;
        for (auto p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
            missing.push_back(p);
            if (p == p.parent_path()) {
                break;
            }
        }
        fs::create_directories(dir, ec);
        if (ec) {
            return fail(ErrorCode::io, "create directory " + dir.string() + ": " + ec.message());
        }
        m_dirs.insert(m_dirs.end(), missing.rbegin(), missing.rend());
        return {};
    }
    void keep() { m_keep = true; }

  private:
    std::vector<fs::path> m_dirs;
    bool m_keep = false;
};

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
    auto plan = ORAS_TRY(plan_pull(source, manifest, options));

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
