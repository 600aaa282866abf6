// Packing one Wasm module in the layouts of wasm-formats.md §10.2: solo (wasme's two layers),
// compat (an OCI image with plugin.wasm in a tar+gzip layer), cncf (TAG Runtime) and
// wasm-to-oci: media types, generated configs, runtime-config.json and its annotations. The
// push use case (ops/) reads the options and uploads what this returns.
#pragma once

#include "oras/descriptor.hpp"
#include "oras/manifest.hpp"
#include "oras/result.hpp"
#include "oras/wasm.hpp"
#include "oras/wasm_artifact.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace oras::wasm {

// What every layout needs to know about the module.
struct ModuleFacts
{
    std::filesystem::path path;
    std::string title; // its file name
    Descriptor raw;    // digest and size (media type set per layout)
    ModuleInfo info;
    ProxyWasmReport report;
};

// Maps the module at `path` once, inspects it and hashes the same bytes. Fails with not_found or
// io naming the file, or invalid_format (with the byte offset) for a malformed module.
Result<ModuleFacts> read_module_facts(const std::filesystem::path& path);

// Fails with invalid_format when Envoy's proxy-wasm host would not load `module`, naming its
// first problem and how many more there are.
Result<void> require_proxy_wasm(const ModuleFacts& module);

// What to pack.
struct PackRequest
{
    PushFormat format = PushFormat::solo;
    std::optional<std::filesystem::path> config; // --config: runtime-config.json (solo, compat)
    std::string config_media_type;               // as given with --config; empty: the default
    std::vector<std::string> root_ids;           // solo's generated runtime-config.json rootIds
    std::string created;                         // org.opencontainers.image.created, for cncf
};

// One blob of a packed layout: a file, or bytes generated here.
struct LayoutBlob
{
    Descriptor desc;
    std::filesystem::path path; // empty: `bytes`
    std::string bytes;
};

struct PackedLayout
{
    Descriptor config;
    std::vector<Descriptor> layers;
    Annotations annotations;                              // manifest annotations the layout adds
    std::vector<LayoutBlob> blobs;                        // config first
    std::shared_ptr<const std::filesystem::path> scratch; // keeps a compat layer's file alive
    Layout layout = Layout::none;
};

// Packs `module` as `request.format` says. Fails with invalid_argument for a --config that does
// not fit the format, invalid_format for a runtime config that is not a JSON object, or io.
Result<PackedLayout> pack_module(const ModuleFacts& module, const PackRequest& request);

// The warning for a packed manifest Istio would not load; empty when it loads.
std::string istio_warning(const Manifest& manifest, std::uint64_t module_size);

} // namespace oras::wasm
