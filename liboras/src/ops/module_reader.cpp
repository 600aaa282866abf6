#include "ops/module_reader.hpp"

#include "content/hashing_sink.hpp"
#include "content/scratch_dir.hpp"
#include "oras/media_types.hpp"
#include "wasm/artifact_files.hpp"
#include "wasm/mapped_file.hpp"

#include <array>
#include <cstdio>
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

// A raw module layer, fetched once and checked to start with the Wasm magic.
Result<ModuleBytes> read_raw(Target& source, const Descriptor& layer)
{
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
Result<ModuleBytes>
read_compat(Target& source, const Descriptor& layer, std::uint64_t max_module_size)
{
    ModuleBytes out;
    DiscardSink config;
    if (layer.size <= k_in_memory_module_bytes) {
        const std::string archive = ORAS_TRY(fetch_bytes(source, layer, k_in_memory_module_bytes));
        StringSink sink(static_cast<std::size_t>(max_module_size));
        HashingSink hashed(sink);
        ORAS_TRY(wasm::extract_compat_layer(
            std::string_view(archive), layer, {hashed, config, max_module_size}));
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
    ORAS_TRY(wasm::extract_compat_layer(archive_path, layer, {hashed, config, max_module_size}));
    ORAS_TRY(module->commit(Overwrite::yes));
    out.desc = hashed.describe(media_type::wasm_cncf_layer);
    out.mapped = ORAS_TRY(wasm::MappedFile::open(module_path));
    return out;
}

} // namespace

std::string size_text(std::uint64_t bytes)
{
    constexpr std::array<const char*, 4> k_units{"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) {
        return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    }
    double value = static_cast<double>(bytes) / 1024;
    std::size_t unit = 0;
    while (value >= 1024 && unit + 1 < k_units.size()) {
        value /= 1024;
        ++unit;
    }
    char text[32];
    const bool whole = value == static_cast<double>(static_cast<std::uint64_t>(value));
    std::snprintf(text, sizeof text, whole ? "%.0f %s" : "%.1f %s", value, k_units[unit]);
    return text;
}

Result<void> check_module_layer_size(const WasmArtifact& artifact, std::uint64_t max_module_size)
{
    const Descriptor& layer = artifact.match.module;
    if (layer.size <= max_module_size) {
        return {};
    }
    const std::string kind =
        wasm::is_compat(artifact.match.layout) ? "compat layer " : "module layer ";
    return fail(ErrorCode::too_large,
                kind + layer.digest.str() + " is " + size_text(layer.size) + ", over the " +
                    size_text(max_module_size) + " limit",
                "--max-module-size SIZE raises the limit (Istio's is 256 MiB)");
}

Result<WasmModuleReport>
inspect_artifact_module(Target& source, const WasmArtifact& artifact, std::uint64_t max_module_size)
{
    ORAS_TRY(check_module_layer_size(artifact, max_module_size));
    const auto& match = artifact.match;
    const ModuleBytes module =
        ORAS_TRY(wasm::is_compat(match.layout) ? read_compat(source, match.module, max_module_size)
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
