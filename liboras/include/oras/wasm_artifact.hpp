// Wasm modules as OCI artifacts: the layouts in use (solo/wasme, compat, CNCF TAG Runtime,
// wasm-to-oci; wasm-formats.md §0-§3), how to recognise each, and whether Istio's agent loads
// it (istio/istio pkg/wasm imagefetcher.go; wasm-formats.md §4.2-§4.3).
#pragma once

#include "oras/descriptor.hpp"
#include "oras/manifest.hpp"
#include "oras/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras::wasm {

// How `coras push` packs a module (--wasm-format).
enum class PushFormat
{
    solo,        // wasme's two-layer shape: Istio, ASM and wasme load it
    compat,      // an OCI image whose tar+gzip layer holds plugin.wasm
    cncf,        // CNCF TAG Runtime: application/vnd.wasm.config.v0+json, application/wasm
    wasm_to_oci, // engineerd/wasm-to-oci
};

// "solo", "compat", "cncf", "wasm-to-oci".
std::string_view to_string(PushFormat format);
// Parses a --wasm-format value; fails with invalid_argument listing the choices.
Result<PushFormat> parse_push_format(std::string_view text);

// A layout found in a manifest.
enum class Layout
{
    none,          // not a Wasm artifact
    solo,          // two layers: runtime config and module
    solo_1layer,   // the module layer alone (`oras push --manifest-config ...`, the ASM guide)
    compat,        // OCI manifest, last layer OCI tar+gzip
    compat_docker, // Docker schema 2 manifest, last layer Docker tar.gzip
    cncf,
    wasm_to_oci,
    generic, // an application/wasm layer in some other artifact
};

// "solo", "solo-1layer", "compat", "compat-docker", "cncf", "wasm-to-oci", "wasm"; "none".
std::string_view to_string(Layout layout);

// Where the module of a Wasm artifact is.
struct LayoutMatch
{
    Layout layout = Layout::none;
    Descriptor module;                        // the raw module, or (compat) the tar+gzip layer
    std::optional<Descriptor> runtime_config; // solo: the runtime-config.json blob
    std::vector<std::string> warnings;        // full sentences
};

// Recognises the layout of `manifest` (served as `manifest_media_type`) by the rules of
// wasm-formats.md §10.1, first match wins. An artifact that matches no rule gives Layout::none.
// Fails with invalid_format for a CNCF config whose layers break that spec.
Result<LayoutMatch> detect_layout(const Manifest& manifest, std::string_view manifest_media_type);

// What Istio's agent would do with an artifact.
struct IstioVerdict
{
    bool loads = false;
    std::string versions; // "1.12 and later", "1.16 and later (1.12-1.15 need one layer)"
    std::string reason;   // Istio's own error text when it does not load
};

// Istio's rules (extractDockerImage, extractOCIStandardImage, extractOCIArtifactImage) applied
// to `manifest`; `module_size` (when known) is checked against the 256 MiB limit. A compat
// image is judged by its layer types: whether its tar holds plugin.wasm is the caller's to check.
IstioVerdict istio_verdict(const Manifest& manifest,
                           std::string_view manifest_media_type,
                           std::optional<std::uint64_t> module_size = std::nullopt);

// Istio's module size limit (ISTIO_WASM_MAX_BINARY_SIZE_BYTES default).
inline constexpr std::uint64_t k_istio_max_module_bytes = 256ULL * 1024 * 1024;

// Picks the manifest of an index to pull, as §10.1 says: linux/amd64 (what Istio's agent
// picks), else the only entry, else an entry whose platform architecture or os is "wasm".
// Fails with not_found when none fits. `warning` is set when the choice is not linux/amd64.
Result<Descriptor> select_manifest(const Index& index, std::string& warning);

} // namespace oras::wasm
