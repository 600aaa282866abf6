#include "ops/wasm_pull.hpp"

#include "archive/tar_gzip.hpp"
#include "oras/manifest.hpp"
#include "oras/media_types.hpp"
#include "ops/created_directories.hpp"
#include "ops/progress_stream.hpp"
#include "ops/scratch_dir.hpp"

#include <algorithm>
#include <map>
#include <memory>

namespace oras::ops {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_wasm_magic("\0asm", 4);
constexpr std::string_view k_runtime_config_name = "runtime-config.json";

// Passes bytes on, failing as soon as the first four are not the Wasm magic.
class MagicCheckingSink final : public ByteSink
{
  public:
    MagicCheckingSink(ByteSink& inner, std::string what) : m_inner(inner), m_what(std::move(what)) {}

    Result<void> write(std::string_view data) override
    {
        if (m_head.size() < k_wasm_magic.size()) {
            m_head += data.substr(0, k_wasm_magic.size() - m_head.size());
            if (m_head != k_wasm_magic.substr(0, m_head.size())) {
                return not_wasm();
            }
        }
        return m_inner.write(data);
    }

    // Fails when fewer than four bytes came.
    [[nodiscard]] Result<void> finish() const
    {
        return m_head.size() == k_wasm_magic.size() ? Result<void>() : not_wasm();
    }

  private:
    [[nodiscard]] Error not_wasm() const
    {
        return fail(ErrorCode::invalid_format,
                    m_what + " is not a WebAssembly module (it does not start with \\0asm)");
    }

    ByteSink& m_inner;
    std::string m_what;
    std::string m_head;
};

struct Destinations
{
    fs::path module;
    fs::path runtime_config;
};

// The module's file: -o FILE.wasm, else the output directory and the file name of its title
// (never a path from the artifact: only its last component is used).
Destinations destinations(const WasmPullPlan& plan, const PullOptions& options)
{
    if (options.output_dir.extension() == ".wasm") {
        const fs::path dir = options.output_dir.parent_path();
        return {options.output_dir, (dir.empty() ? fs::path(".") : dir) / k_runtime_config_name};
    }
    const bool compat = plan.match.layout == wasm::Layout::compat ||
                        plan.match.layout == wasm::Layout::compat_docker;
    std::string name = compat ? "plugin.wasm" : fs::path(plan.match.module.title()).filename().string();
    if (name.empty() || name == "." || name == ".." || name == k_runtime_config_name) {
        name = "module.wasm";
    }
    return {options.output_dir / name, options.output_dir / k_runtime_config_name};
}

std::string blob_name(const Descriptor& desc)
{
    return "layer " + desc.digest.str();
}

// Streams the raw module blob into `sink`, verified.
Result<void> download_module(Target& source, const Descriptor& module, ByteSink& sink,
                             const PullOptions& options)
{
    MagicCheckingSink magic(sink, blob_name(module));
    ProgressSink counted(magic, module, options.progress);
    ORAS_TRY(report(options.progress, TransferState::started, module));
    ORAS_TRY(fetch_verified(source, module, counted));
    ORAS_TRY(magic.finish());
    return report(options.progress, TransferState::done, module, module.size);
}

// Downloads the compat layer to a scratch file, then takes plugin.wasm (and
// runtime-config.json) out of it. Returns whether runtime-config.json was there.
Result<bool> extract_compat(Target& source, const Descriptor& layer, ByteSink& module_sink,
                            ByteSink& config_sink, const PullOptions& options)
{
    const auto scratch = ORAS_TRY(make_scratch_dir());
    const fs::path archive_path = *scratch / "layer.tar.gz";
    {
        auto file = ORAS_TRY(FileSink::create(archive_path));
        ProgressSink counted(*file, layer, options.progress);
        ORAS_TRY(report(options.progress, TransferState::started, layer));
        ORAS_TRY(fetch_verified(source, layer, counted));
        ORAS_TRY(file->commit(Overwrite::yes));
        ORAS_TRY(report(options.progress, TransferState::done, layer, layer.size));
    }
    MagicCheckingSink magic(module_sink, "plugin.wasm in " + blob_name(layer));
    const std::map<std::string, ByteSink*> wanted{{"plugin.wasm", &magic},
                                                  {std::string(k_runtime_config_name), &config_sink}};
    const auto found = ORAS_TRY(archive::extract_by_basename(
        archive_path, wanted, wasm::k_istio_max_module_bytes, blob_name(layer)));
    if (!found.contains("plugin.wasm")) {
        return fail(ErrorCode::invalid_format,
                    blob_name(layer) + ": plugin.wasm not found in the archive (Istio fails the "
                                       "same way)");
    }
    ORAS_TRY(magic.finish());
    return found.contains(std::string(k_runtime_config_name));
}

// Passes bytes on while hashing them, to describe a file taken out of an archive.
class HashingSink final : public ByteSink
{
  public:
    explicit HashingSink(ByteSink& inner) : m_inner(inner) {}

    Result<void> write(std::string_view data) override
    {
        m_hasher.update(data);
        m_size += data.size();
        return m_inner.write(data);
    }

    // The descriptor of everything written, titled with `path`'s file name.
    Descriptor describe(std::string_view media_type, const fs::path& path)
    {
        Descriptor desc;
        desc.media_type = std::string(media_type);
        desc.digest = m_hasher.finish();
        desc.size = m_size;
        desc.annotations[std::string(annotation::title)] = path.filename().string();
        return desc;
    }

  private:
    ByteSink& m_inner;
    Sha256 m_hasher;
    std::uint64_t m_size = 0;
};

Result<void> refuse_existing(const fs::path& path, Overwrite overwrite)
{
    std::error_code ec;
    if (overwrite == Overwrite::no && fs::exists(path, ec)) {
        return fail(ErrorCode::already_exists, "file " + path.string() + " exists",
                    "drop -k/--keep-old-files to replace it");
    }
    return {};
}

// True when a raw-module artifact carries layers besides its module and runtime config: it
// is then pulled the oras way, every titled layer a file.
bool has_other_layers(const Manifest& manifest, const wasm::LayoutMatch& match)
{
    if (match.layout == wasm::Layout::compat || match.layout == wasm::Layout::compat_docker) {
        return false;
    }
    return std::any_of(manifest.layers.begin(), manifest.layers.end(), [&match](const Descriptor& layer) {
        return layer.digest != match.module.digest &&
               !(match.runtime_config && layer.digest == match.runtime_config->digest);
    });
}

} // namespace

Result<std::optional<WasmPullPlan>> plan_wasm_pull(Target& source, const Descriptor& resolved,
                                                   std::string bytes)
{
    WasmPullPlan plan;
    plan.manifest = resolved;
    if (media_type::is_index(resolved.media_type)) {
        const auto index = ORAS_TRY(parse_index(bytes, resolved.media_type));
        std::string warning;
        auto chosen = wasm::select_manifest(index, warning);
        if (!chosen || media_type::is_index(chosen->media_type)) {
            return std::optional<WasmPullPlan>{};
        }
        plan.manifest = *chosen;
        bytes = ORAS_TRY(fetch_bytes(source, plan.manifest, k_max_manifest_bytes));
        if (!warning.empty()) {
            plan.match.warnings.push_back(warning);
        }
    }
    plan.parsed = ORAS_TRY(parse_manifest(bytes, plan.manifest.media_type));
    auto match = ORAS_TRY(wasm::detect_layout(plan.parsed, plan.manifest.media_type));
    if (match.layout == wasm::Layout::none || has_other_layers(plan.parsed, match)) {
        return std::optional<WasmPullPlan>{};
    }
    match.warnings.insert(match.warnings.begin(), plan.match.warnings.begin(),
                          plan.match.warnings.end());
    plan.match = std::move(match);
    return std::optional<WasmPullPlan>{std::move(plan)};
}

Result<PullResult> pull_wasm(Target& source, const WasmPullPlan& plan, const PullOptions& options)
{
    const Destinations to = destinations(plan, options);
    const auto& layout = plan.match.layout;
    const bool compat = layout == wasm::Layout::compat || layout == wasm::Layout::compat_docker;
    // With -k, refuse before anything is downloaded, so that no file is half replaced.
    ORAS_TRY(refuse_existing(to.module, options.overwrite));
    if (plan.match.runtime_config || compat) {
        ORAS_TRY(refuse_existing(to.runtime_config, options.overwrite));
    }
    CreatedDirectories dirs;
    ORAS_TRY(dirs.create(to.module.parent_path().empty() ? fs::path(".") : to.module.parent_path()));
    auto module_file = ORAS_TRY(FileSink::create(to.module));
    auto config_file = ORAS_TRY(FileSink::create(to.runtime_config));
    // Files taken out of a compat layer are described by what was written.
    HashingSink module_sink(*module_file);
    HashingSink config_sink(*config_file);
    bool has_config = false;
    if (compat) {
        has_config = ORAS_TRY(extract_compat(source, plan.match.module, module_sink, config_sink, options));
    } else {
        ORAS_TRY(download_module(source, plan.match.module, module_sink, options));
        if (plan.match.runtime_config) {
            ORAS_TRY(fetch_verified(source, *plan.match.runtime_config, config_sink));
            has_config = true;
        }
    }
    PullResult result;
    result.manifest = plan.manifest;
    result.files.push_back(PulledFile{
        to.module, compat ? module_sink.describe(media_type::wasm_cncf_layer, to.module)
                          : plan.match.module});
    if (has_config) {
        result.files.push_back(PulledFile{
            to.runtime_config, compat ? config_sink.describe(media_type::wasm_solo_config, to.runtime_config)
                                      : *plan.match.runtime_config});
    }
    // Everything is verified: only now do the files take their names.
    ORAS_TRY(module_file->commit(options.overwrite));
    if (has_config) {
        ORAS_TRY(config_file->commit(options.overwrite));
    }
    dirs.keep();
    result.layout = layout;
    result.warnings = plan.match.warnings;
    return result;
}

} // namespace oras::ops
