// `inspect`: what a reference points at.
#pragma once

#include "oras/content.hpp"
#include "oras/manifest.hpp"
#include "oras/result.hpp"
#include "oras/wasm.hpp"
#include "oras/wasm_artifact.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras::ops {

// Configs up to this size are fetched and shown when they are JSON.
inline constexpr std::size_t k_max_shown_config_bytes = 64 * 1024;

// What inspect learns of one Wasm module.
struct WasmModuleReport
{
    std::string file; // the path inspected, or the module's name in the artifact
    Digest digest;
    std::uint64_t size = 0;
    wasm::ModuleInfo info;
    wasm::ProxyWasmReport proxy; // Envoy's load-time checks
};

// What inspect learns of a Wasm artifact.
struct WasmArtifactReport
{
    wasm::Layout layout = wasm::Layout::none;
    wasm::IstioVerdict istio;
    std::string wasm_plugin_sha256; // the manifest digest's hex: a WasmPlugin's `sha256`
    std::vector<std::string> warnings;
    std::optional<WasmModuleReport> module; // absent when the artifact holds no usable module
};

struct InspectResult
{
    Descriptor descriptor; // of the manifest or index
    std::string raw;       // its exact bytes
    std::optional<Manifest> manifest;
    std::optional<Index> index;
    std::optional<std::string> config_json; // the config, when small and JSON
    std::optional<WasmArtifactReport> wasm; // set for a Wasm artifact
};

struct InspectOptions
{
    // The largest module inspected (--max-module-size): Istio's limit by default. The parser's
    // memory and time are bounded by the module's size, so this bounds them.
    std::uint64_t max_module_size = wasm::k_istio_max_module_bytes;
};

// Resolves `reference` on `source` and fetches and parses its manifest or index, verified. For
// a Wasm artifact (an index: the entry a pull would take) the module is fetched (to memory or
// a temporary file) and inspected too. Fails with too_large, before any byte of it is fetched,
// when the layer holding the module is over `options.max_module_size`; what else is wrong
// with the module (not Wasm, malformed, no plugin.wasm) is reported as Istio's verdict.
Result<InspectResult>
inspect(Target& source, std::string_view reference, const InspectOptions& options = {});

// Inspects the Wasm module file at `path`. Fails with not_found, io, too_large (before it is
// read) for a file over `options.max_module_size`, or invalid_format naming the byte offset of
// what is malformed.
Result<WasmModuleReport> inspect_wasm_file(const std::filesystem::path& path,
                                           const InspectOptions& options = {});

} // namespace oras::ops
