#include "ops/wasm_pull.hpp"

#include "content/hashing_sink.hpp"
#include "content/scratch_dir.hpp"
#include "ops/destinations.hpp"
#include "ops/progress_stream.hpp"
#include "oras/media_types.hpp"
#include "output_dir.hpp"
#include "wasm/artifact_files.hpp"

#include <memory>

namespace oras::ops {

namespace {

namespace fs = std::filesystem;

// Fetches `desc` into `sink`, verified, reporting progress.
Result<void>
download(Target& source, const Descriptor& desc, ByteSink& sink, const PullOptions& options)
{
    ProgressSink counted(sink, desc, options.progress);
    ORAS_TRY(report(options.progress, TransferState::started, desc));
    ORAS_TRY(fetch_verified(source, desc, counted));
    return report(options.progress, TransferState::done, desc, desc.size);
}

// Downloads the compat layer to a scratch file, then takes plugin.wasm (and
// runtime-config.json) out of it; a layer too large to hold a module Istio loads is refused
// before it is downloaded.
Result<wasm::RuntimeConfig> pull_compat(Target& source,
                                        const Descriptor& layer,
                                        ByteSink& module,
                                        ByteSink& config,
                                        const PullOptions& options)
{
    ORAS_TRY(wasm::check_compat_layer_size(layer, wasm::k_istio_max_module_bytes));
    const auto scratch = ORAS_TRY(make_scratch_dir());
    const fs::path archive_path = *scratch / "layer.tar.gz";
    {
        auto file = ORAS_TRY(FileSink::create(archive_path));
        ORAS_TRY(download(source, layer, *file, options));
        ORAS_TRY(file->commit(Overwrite::yes));
    }
    return wasm::extract_compat_layer(archive_path, layer, {module, config});
}

} // namespace

Result<wasm::RuntimeConfig> download_wasm_module(Target& source,
                                                 const WasmArtifact& artifact,
                                                 HashingSink& module,
                                                 HashingSink& config,
                                                 const PullOptions& options)
{
    const auto& match = artifact.match;
    if (wasm::is_compat(match.layout)) {
        return pull_compat(source, match.module, module, config, options);
    }
    wasm::MagicCheckingSink magic(module, "layer " + match.module.digest.str());
    ORAS_TRY(download(source, match.module, magic, options));
    ORAS_TRY(magic.finish());
    if (!match.runtime_config) {
        return wasm::RuntimeConfig::absent;
    }
    ORAS_TRY(fetch_verified(source, *match.runtime_config, config));
    return wasm::RuntimeConfig::present;
}

Result<PullResult>
pull_wasm(Target& source, const WasmArtifact& artifact, const PullOptions& options)
{
    const auto& match = artifact.match;
    const auto to = ORAS_TRY(plan_wasm_files(artifact, options));
    const bool compat = wasm::is_compat(match.layout);
    // The module and its runtime config go in one directory, opened (and created) once.
    const auto dir = ORAS_TRY(OutputDir::open(to.module.parent_path(), CreateMissing::yes));
    auto module_file = ORAS_TRY(FileSink::create_in(dir, to.module.filename(), Durability::synced));
    auto config_file =
        ORAS_TRY(FileSink::create_in(dir, to.runtime_config.filename(), Durability::synced));
    // Files taken out of a compat layer are described by what was written.
    HashingSink module_sink(*module_file);
    HashingSink config_sink(*config_file);
    const auto config =
        ORAS_TRY(download_wasm_module(source, artifact, module_sink, config_sink, options));
    PullResult result;
    result.manifest = artifact.image->descriptor();
    result.files.push_back(PulledFile{
        to.module,
        compat ? module_sink.describe(media_type::wasm_cncf_layer, to.module) : match.module});
    if (config == wasm::RuntimeConfig::present) {
        result.files.push_back(PulledFile{
            to.runtime_config,
            compat ? config_sink.describe(media_type::wasm_solo_config, to.runtime_config)
                   : *match.runtime_config});
    }
    // Everything is verified: only now do the files take their names.
    ORAS_TRY(module_file->commit(options.overwrite));
    if (config == wasm::RuntimeConfig::present) {
        ORAS_TRY(config_file->commit(options.overwrite));
    }
    dir->keep();
    result.layout = match.layout;
    result.warnings = match.warnings;
    return result;
}

} // namespace oras::ops
