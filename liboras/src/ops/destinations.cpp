#include "ops/destinations.hpp"

#include "oras/manifest.hpp"
#include "wasm/artifact_files.hpp"

#include <algorithm>
#include <set>

namespace oras::ops {

namespace {

namespace fs = std::filesystem;

bool is_inside(const fs::path& path, const fs::path& dir)
{
    const auto relative = path.lexically_relative(dir);
    return !relative.empty() && *relative.begin() != ".." && !relative.is_absolute();
}

// Where `title` lands under the output directory, refusing escapes (also through symlinks
// already present in the output directory).
Result<fs::path> destination_of(const std::string& title, const PullOptions& options)
{
    const fs::path dir = fs::absolute(options.output_dir).lexically_normal();
    const fs::path relative(title);
    fs::path destination = (dir / relative).lexically_normal();
    if (options.path_traversal == PathTraversal::allowed) {
        return destination;
    }
    std::error_code ec;
    const bool escapes =
        relative.is_absolute() || !is_inside(destination, dir) ||
        !is_inside(fs::weakly_canonical(destination, ec), fs::weakly_canonical(dir, ec));
    if (escapes || title.empty() || destination.filename().empty()) {
        return fail(ErrorCode::invalid_format,
                    "layer title \"" + title + "\" points outside the output directory " +
                        options.output_dir.string(),
                    "only pull artifacts you trust with --allow-path-traversal");
    }
    return destination;
}

// `destination` relative to the output directory `dir`; empty when it is not below it.
fs::path relative_below(const fs::path& destination, const fs::path& dir)
{
    const fs::path base = fs::absolute(dir).lexically_normal();
    return is_inside(destination, base) ? destination.lexically_relative(base) : fs::path();
}

} // namespace

Result<void> refuse_existing(const fs::path& path, Overwrite overwrite)
{
    std::error_code ec;
    if (overwrite == Overwrite::no && fs::exists(fs::symlink_status(path, ec))) {
        return fail(ErrorCode::already_exists,
                    "file " + path.string() + " already exists",
                    "drop -k/--keep-old-files to overwrite it");
    }
    return {};
}

Result<PullPlan> plan_layer_files(const std::vector<Descriptor>& layers, const PullOptions& options)
{
    PullPlan plan;
    std::set<fs::path> destinations;
    for (const auto& desc : layers) {
        const auto title = desc.title();
        if (title.empty()) {
            if (desc.digest != empty_descriptor().digest) {
                plan.skipped.push_back(desc);
            }
            continue;
        }
        auto destination = ORAS_TRY(destination_of(title, options));
        const bool same_blob_again =
            std::any_of(plan.files.begin(), plan.files.end(), [&](const PlannedFile& planned) {
                return planned.destination == destination && planned.desc.digest == desc.digest;
            });
        if (same_blob_again) {
            continue; // wasme's layout lists its config as a layer too
        }
        if (!destinations.insert(destination).second) {
            return fail(ErrorCode::invalid_format,
                        "layer title \"" + title + "\" appears twice in the manifest");
        }
        ORAS_TRY(refuse_existing(destination, options.overwrite));
        plan.files.push_back(
            PlannedFile{desc, destination, relative_below(destination, options.output_dir)});
    }
    return plan;
}

Result<WasmDestinations> plan_wasm_files(const WasmArtifact& artifact, const PullOptions& options)
{
    WasmDestinations to;
    const std::string config_name(wasm::k_runtime_config_file);
    if (options.output_dir.extension() == ".wasm") {
        const fs::path dir = options.output_dir.parent_path();
        to = {options.output_dir, (dir.empty() ? fs::path(".") : dir) / config_name};
    } else {
        to = {options.output_dir / wasm::module_file_name(artifact.match),
              options.output_dir / config_name};
    }
    // Refused before anything is downloaded, so that no file is half replaced.
    ORAS_TRY(refuse_existing(to.module, options.overwrite));
    if (artifact.match.runtime_config || wasm::is_compat(artifact.match.layout)) {
        ORAS_TRY(refuse_existing(to.runtime_config, options.overwrite));
    }
    return to;
}

} // namespace oras::ops
