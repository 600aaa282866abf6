#include "ops/pull_plan.hpp"

#include "oras/manifest.hpp"
#include "oras/media_types.hpp"

#include <algorithm>
#include <set>

namespace oras::ops {

namespace {

constexpr int k_max_index_depth = 4;

bool is_inside(const std::filesystem::path& path, const std::filesystem::path& dir)
{
    const auto relative = path.lexically_relative(dir);
    return !relative.empty() && *relative.begin() != ".." && !relative.is_absolute();
}

// Where `title` lands under `options.output_dir`, refusing escapes (also through symlinks
// already present in the output directory).
Result<std::filesystem::path> destination_of(const std::string& title, const PullOptions& options)
{
    namespace fs = std::filesystem;
    const fs::path dir = fs::absolute(options.output_dir).lexically_normal();
    const fs::path relative(title);
    const fs::path destination = (dir / relative).lexically_normal();
    if (options.path_traversal == PathTraversal::allowed) {
        return destination;
    }
    std::error_code ec;
    const bool escapes = relative.is_absolute() || !is_inside(destination, dir) ||
                         !is_inside(fs::weakly_canonical(destination, ec),
                                    fs::weakly_canonical(dir, ec));
    if (escapes || title.empty() || destination.filename().empty()) {
        return fail(ErrorCode::invalid_format,
                    "layer title \"" + title + "\" points outside the output directory " +
                        options.output_dir.string(),
                    "only pull artifacts you trust with --allow-path-traversal");
    }
    return destination;
}

class Planner
{
  public:
    Planner(Target& source, const PullOptions& options) : m_source(source), m_options(options) {}

    // Plans `desc`, whose bytes are fetched unless given as `fetched`.
    Result<void> visit(const Descriptor& desc, int depth, const std::string* fetched = nullptr)
    {
        if (depth > k_max_index_depth) {
            return fail(ErrorCode::invalid_format,
                        "manifest " + desc.digest.str() + ": indexes nested too deeply");
        }
        const auto bytes =
            fetched != nullptr ? *fetched : ORAS_TRY(fetch_bytes(m_source, desc, k_max_manifest_bytes));
        if (media_type::is_index(desc.media_type)) {
            const auto index = ORAS_TRY(parse_index(bytes, desc.media_type));
            for (const auto& child : index.manifests) {
                ORAS_TRY(visit(child, depth + 1));
            }
            return {};
        }
        const auto manifest = ORAS_TRY(parse_manifest(bytes, desc.media_type));
        if (!manifest.config.title().empty()) {
            ORAS_TRY(add(manifest.config));
        }
        for (const auto& layer : manifest.layers) {
            ORAS_TRY(add(layer));
        }
        return {};
    }

    PullPlan take() { return std::move(m_plan); }

  private:
    Result<void> add(const Descriptor& desc)
    {
        const auto title = desc.title();
        if (title.empty()) {
            if (desc.digest != empty_descriptor().digest) {
                m_plan.skipped.push_back(desc);
            }
            return {};
        }
        auto destination = ORAS_TRY(destination_of(title, m_options));
        const bool same_blob_again = std::any_of(
            m_plan.files.begin(), m_plan.files.end(), [&](const PlannedFile& planned) {
                return planned.destination == destination && planned.desc.digest == desc.digest;
            });
        if (same_blob_again) {
            return {}; // wasme's layout lists its config as a layer too
        }
        if (!m_destinations.insert(destination).second) {
            return fail(ErrorCode::invalid_format,
                        "layer title \"" + title + "\" appears twice in the manifest");
        }
        std::error_code ec;
        if (m_options.overwrite == Overwrite::no && std::filesystem::exists(destination, ec)) {
            return fail(ErrorCode::already_exists,
                        "file " + destination.string() + " already exists",
                        "drop -k/--keep-old-files to overwrite it");
        }
        m_plan.files.push_back(PlannedFile{desc, std::move(destination)});
        return {};
    }

    Target& m_source;
    const PullOptions& m_options;
    PullPlan m_plan;
    std::set<std::filesystem::path> m_destinations;
};

} // namespace

Result<PullPlan> plan_pull(Target& source, const Descriptor& manifest, const std::string& bytes,
                           const PullOptions& options)
{
    Planner planner(source, options);
    ORAS_TRY(planner.visit(manifest, 0, &bytes));
    return planner.take();
}

} // namespace oras::ops
