#include "ops/module_reader.hpp"

#include "content/hashing_sink.hpp"
#include "content/scratch_dir.hpp"
#include "oras/media_types.hpp"
#include "wasm/artifact_files.hpp"
#include "wasm/mapped_file.hpp"

#include <optional>

namespace oras::ops {

namespace {

namespace fs = std::filesystem;

// The module's bytes, in memory or mapped from a scratch file, with their digest and size.
struct ModuleBytes
{
    std::string memory;
    std::shared_ptr<const fs::path> scratch;
    std::optional<wasm::MappedFile> mapped;
    Descriptor desc;

    [[nodiscard]] std::string_view view() const
    {
        return mapped ? mapped->bytes() : std::string_view(memory);
    }
};

Result<void> refuse_oversized(const Descriptor& module)
{
    if (module.size > wasm::k_istio_max_module_bytes) {
        return fail(ErrorCode::too_large,
                    "layer " + module.digest.str() + ": the module is " +
                        std::to_string(module.size) + " bytes, over Istio's 256 MiB limit");
    }
    return {};
}

// A raw module layer, fetched once and checked to start with the Wasm magic.
Result<ModuleBytes> read_raw(Target& source, const Descriptor& layer)
{
    ORAS_TRY(refuse_oversized(layer));
    ModuleBytes out;
    out.desc = layer;
    const std::string what = "layer " + layer.digest.str();
    if (layer.size <= k_in_memory_module_bytes) {
        StringSink sink(static_cast<std::size_t>(layer.size));
        wasm::MagicCheckingSink magic(sink, what);
        ORAS_TRY(fetch_verified(source, layer, magic));
        ORAS_TRY(magic.finish());
        out.memory = sink.take();
        return out;
    }
    out.scratch = ORAS_TRY(make_scratch_dir());
    const fs::path path = *out.scratch / "module.wasm";
    auto file = ORAS_TRY(FileSink::create(path));
    wasm::MagicCheckingSink magic(*file, what);
    ORAS_TRY(fetch_verified(source, layer, magic));
    ORAS_TRY(magic.finish());
    ORAS_TRY(file->commit(Overwrite::yes));
    out.mapped = ORAS_TRY(wasm::MappedFile::open(path));
    return out;
}

// plugin.wasm out of a compat layer, hashed as it is taken out.
Result<ModuleBytes> read_compat(Target& source, const Descriptor& layer)
{
    ModuleBytes out;
    DiscardSink config;
    if (layer.size <= k_in_memory_module_bytes) {
        const std::string archive = ORAS_TRY(fetch_bytes(source, layer, k_in_memory_module_bytes));
        StringSink sink(static_cast<std::size_t>(wasm::k_istio_max_module_bytes));
        HashingSink hashed(sink);
        ORAS_TRY(wasm::extract_compat_layer(std::string_view(archive), layer, {hashed, config}));
        out.desc = hashed.describe(media_type::wasm_cncf_layer);
        out.memory = sink.take();
        return out;
    }
    out.scratch = ORAS_TRY(make_scratch_dir());
    const fs::path archive_path = *out.scratch / "layer.tar.gz";
    const fs::path module_path = *out.scratch / "plugin.wasm";
    {
        auto archive = ORAS_TRY(FileSink::create(archive_path));
        ORAS_TRY(fetch_verified(source, layer, *archive));
        ORAS_TRY(archive->commit(Overwrite::yes));
    }
    auto module = ORAS_TRY(FileSink::create(module_path));
    HashingSink hashed(*module);
    ORAS_TRY(wasm::extract_compat_layer(archive_path, layer, {hashed, config}));
    ORAS_TRY(module->commit(Overwrite::yes));
    out.desc = hashed.describe(media_type::wasm_cncf_layer);
    out.mapped = ORAS_TRY(wasm::MappedFile::open(module_path));
    return out;
}

} // namespace

Result<WasmModuleReport> inspect_artifact_module(Target& source, const WasmArtifact& artifact)
{
    const auto& match = artifact.match;
    const ModuleBytes module =
        ORAS_TRY(wasm::is_compat(match.layout) ? read_compat(source, match.module)
                                               : read_raw(source, match.module));
    WasmModuleReport report;
    report.file = wasm::module_file_name(match);
    report.digest = module.desc.digest;
    report.size = module.desc.size;
    auto info = wasm::inspect_module(module.view());
    if (!info) {
        return std::move(info).error().with_context(report.file);
    }
    report.info = std::move(info).value();
    report.proxy = wasm::check_proxy_wasm(report.info);
    return report;
}

} // namespace oras::ops
