// The files of a Wasm artifact: which manifests are pulled as a module, what the module and its
// runtime config are called on disk, and how the compat layout's tar+gzip layer gives them up
// (wasm-formats.md §1.2, §10.1, §10.3). ops/ only orchestrates; this is where the names live.
#pragma once

#include "archive/tar_gzip.hpp"
#include "oras/descriptor.hpp"
#include "oras/io.hpp"
#include "oras/manifest.hpp"
#include "oras/result.hpp"
#include "oras/wasm_artifact.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace oras::wasm {

// The runtime config's file name beside a pulled module (wasme, Istio, the ASM guide).
inline constexpr std::string_view k_runtime_config_file = "runtime-config.json";
// The module's name inside a compat image's tar layer (Istio's agent looks for it).
inline constexpr std::string_view k_compat_module_file = "plugin.wasm";
// The module's file name when the artifact gives none that can be used.
inline constexpr std::string_view k_fallback_module_file = "module.wasm";

// True for the compat layouts, whose module sits in a tar+gzip layer.
bool is_compat(Layout layout);

// The layout of `manifest` when it is pulled as a module: a recognised layout holding nothing
// but its module (and runtime config); nullopt for anything else, which is pulled as files.
// Fails as detect_layout().
Result<std::optional<LayoutMatch>> match_module_artifact(const Manifest& manifest,
                                                         std::string_view manifest_media_type);

// The module's file name for `match`: "plugin.wasm" for compat, else the last component of its
// title; never a path, never empty, "." or "..", never the runtime config's name.
std::string module_file_name(const LayoutMatch& match);

// Passes bytes on, failing as soon as the first four are not the Wasm magic "\0asm".
class MagicCheckingSink final : public ByteSink
{
  public:
    // `what` names the content in messages ("layer sha256:...").
    MagicCheckingSink(ByteSink& inner, std::string what);

    Result<void> write(std::string_view data) override;

    // Fails with invalid_format when fewer than four bytes came.
    [[nodiscard]] Result<void> finish() const;

  private:
    [[nodiscard]] Error not_wasm() const;

    ByteSink& m_inner;
    std::string m_what;
    std::string m_head;
};

// What extract_compat_layer() found.
enum class RuntimeConfig
{
    absent,
    present
};

// Where extract_compat_layer() streams what it takes out of a compat layer.
struct CompatTargets
{
    ByteSink& module;
    ByteSink& config;
    // plugin.wasm (and runtime-config.json) may be this large; the whole tar may expand to
    // twice as much (compat_layer_limits()).
    std::uint64_t max_module_bytes = k_istio_max_module_bytes;
};

// What reading a compat layer may cost for modules up to `max_module_bytes`: each wanted entry
// up to that, the whole tar up to twice that (the module, and as much again for the runtime
// config, other files and headers: a docker-built layer holds little else), 10,000 entries.
archive::TarLimits compat_layer_limits(std::uint64_t max_module_bytes);

// Fails with too_large, before anything is downloaded, when the compat layer `layer` is larger
// than compat_layer_limits(`max_module_bytes`) lets a tar expand to: gzip never shrinks a tar
// that much below its size, so its contents could not be read.
Result<void> check_compat_layer_size(const Descriptor& layer, std::uint64_t max_module_bytes);

// Streams plugin.wasm of the compat tar+gzip layer stored at `archive` into `to.module`
// (checked to start with the Wasm magic) and its runtime-config.json, if any, into `to.config`,
// within compat_layer_limits(`to.max_module_bytes`) (too_large past them). Links, devices and
// escaping names are never followed or written (archive::extract_by_basename()). A missing
// plugin.wasm fails with invalid_format naming `layer`.
Result<RuntimeConfig> extract_compat_layer(const std::filesystem::path& archive,
                                           const Descriptor& layer,
                                           CompatTargets to);

// extract_compat_layer() over the layer's bytes in memory.
Result<RuntimeConfig>
extract_compat_layer(std::string_view archive_bytes, const Descriptor& layer, CompatTargets to);

// extract_compat_layer() into `module` and `config` with Istio's module limit.
Result<RuntimeConfig> extract_compat_layer(const std::filesystem::path& archive,
                                           const Descriptor& layer,
                                           ByteSink& module,
                                           ByteSink& config);

} // namespace oras::wasm
