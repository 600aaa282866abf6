#include "wasm/artifact_files.hpp"

#include "archive/tar_gzip.hpp"

#include <algorithm>
#include <functional>
#include <map>

namespace oras::wasm {

namespace {

constexpr std::string_view k_wasm_magic("\0asm", 4);

std::string layer_name(const Descriptor& desc)
{
    return "layer " + desc.digest.str();
}

// True when a raw-module artifact carries layers besides its module and runtime config.
bool has_other_layers(const Manifest& manifest, const LayoutMatch& match)
{
    if (is_compat(match.layout)) {
        return false;
    }
    return std::any_of(
        manifest.layers.begin(), manifest.layers.end(), [&match](const Descriptor& layer) {
            return layer.digest != match.module.digest &&
                   !(match.runtime_config && layer.digest == match.runtime_config->digest);
        });
}

} // namespace

bool is_compat(Layout layout)
{
    return layout == Layout::compat || layout == Layout::compat_docker;
}

Result<std::optional<LayoutMatch>> match_module_artifact(const Manifest& manifest,
                                                         std::string_view manifest_media_type)
{
    auto match = ORAS_TRY(detect_layout(manifest, manifest_media_type));
    if (match.layout == Layout::none || has_other_layers(manifest, match)) {
        return std::optional<LayoutMatch>{};
    }
    return std::optional<LayoutMatch>{std::move(match)};
}

std::string module_file_name(const LayoutMatch& match)
{
    if (is_compat(match.layout)) {
        return std::string(k_compat_module_file);
    }
    std::string name = std::filesystem::path(match.module.title()).filename().string();
    if (name.empty() || name == "." || name == ".." || name == k_runtime_config_file) {
        return std::string(k_fallback_module_file);
    }
    return name;
}

MagicCheckingSink::MagicCheckingSink(ByteSink& inner, std::string what)
    : m_inner(inner), m_what(std::move(what))
{
}

Result<void> MagicCheckingSink::write(std::string_view data)
{
    if (m_head.size() < k_wasm_magic.size()) {
        m_head += data.substr(0, k_wasm_magic.size() - m_head.size());
        if (m_head != k_wasm_magic.substr(0, m_head.size())) {
            return not_wasm();
        }
    }
    return m_inner.write(data);
}

Result<void> MagicCheckingSink::finish() const
{
    return m_head.size() == k_wasm_magic.size() ? Result<void>() : not_wasm();
}

Error MagicCheckingSink::not_wasm() const
{
    return fail(ErrorCode::invalid_format,
                m_what + " is not a WebAssembly module (it does not start with \\0asm)");
}

archive::TarLimits compat_layer_limits(std::uint64_t max_module_bytes)
{
    return archive::TarLimits{max_module_bytes, 2 * max_module_bytes, 10'000};
}

Result<void> check_compat_layer_size(const Descriptor& layer, std::uint64_t max_module_bytes)
{
    const std::uint64_t limit = compat_layer_limits(max_module_bytes).max_total_size;
    if (layer.size > limit) {
        return fail(ErrorCode::too_large,
                    layer_name(layer) + " is " + std::to_string(layer.size) +
                        " bytes: a compat layer over " + std::to_string(limit) +
                        " bytes cannot hold a module within the " +
                        std::to_string(max_module_bytes) + "-byte limit");
    }
    return {};
}

namespace {

using Extract = std::function<Result<std::map<std::string, archive::ExtractedEntry>>(
    const std::map<std::string, ByteSink*>& wanted, const std::string& what)>;

Result<RuntimeConfig>
extract_compat(const Extract& extract, const Descriptor& layer, ByteSink& module, ByteSink& config)
{
    const std::string what = layer_name(layer);
    MagicCheckingSink magic(module, std::string(k_compat_module_file) + " in " + what);
    const std::map<std::string, ByteSink*> wanted{{std::string(k_compat_module_file), &magic},
                                                  {std::string(k_runtime_config_file), &config}};
    const auto found = ORAS_TRY(extract(wanted, what));
    if (!found.contains(std::string(k_compat_module_file))) {
        return fail(ErrorCode::invalid_format,
                    what + ": plugin.wasm not found in the archive (Istio fails the same way)");
    }
    ORAS_TRY(magic.finish());
    return found.contains(std::string(k_runtime_config_file)) ? RuntimeConfig::present
                                                              : RuntimeConfig::absent;
}

} // namespace

Result<RuntimeConfig> extract_compat_layer(const std::filesystem::path& archive_path,
                                           const Descriptor& layer,
                                           CompatTargets to)
{
    const archive::TarLimits limits = compat_layer_limits(to.max_module_bytes);
    const Extract extract = [&archive_path, &limits](const auto& wanted, const std::string& what) {
        return archive::extract_by_basename(archive_path, wanted, limits, what);
    };
    return extract_compat(extract, layer, to.module, to.config);
}

Result<RuntimeConfig>
extract_compat_layer(std::string_view archive_bytes, const Descriptor& layer, CompatTargets to)
{
    const archive::TarLimits limits = compat_layer_limits(to.max_module_bytes);
    const Extract extract = [archive_bytes, &limits](const auto& wanted, const std::string& what) {
        return archive::extract_by_basename(archive_bytes, wanted, limits, what);
    };
    return extract_compat(extract, layer, to.module, to.config);
}

Result<RuntimeConfig> extract_compat_layer(const std::filesystem::path& archive_path,
                                           const Descriptor& layer,
                                           ByteSink& module,
                                           ByteSink& config)
{
    return extract_compat_layer(archive_path, layer, CompatTargets{module, config});
}

} // namespace oras::wasm
