// `push`: pack files into a manifest (oras 1.x rules: image-spec v1.1, or v1.0 when a config is
// given without an artifact type) and upload blobs, config and manifest to a Target.
#pragma once

#include "oras/descriptor.hpp"
#include "oras/ops/target.hpp"
#include "oras/progress.hpp"
#include "oras/result.hpp"
#include "oras/wasm_artifact.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras::ops {

// A `FILE[:MEDIATYPE]` argument.
struct FileSpec
{
    std::filesystem::path path;
    std::string media_type; // empty: the default for its role
};

// Splits `arg` at its last ':' (a trailing ':' keeps earlier colons in the name, as oras);
// validates the media type against oras's pattern. Fails with invalid_argument.
Result<FileSpec> parse_file_spec(std::string_view arg);

// Whether absolute file paths may be pushed (oras --disable-path-validation).
enum class PathValidation
{
    enabled,
    disabled
};

// Whether a Wasm module is checked as Envoy's proxy-wasm host would before it is pushed
// (--no-verify sets none; a malformed module is refused either way).
enum class ModuleCheck
{
    proxy_wasm,
    none
};

// Whether a push is a Wasm push: when its one untyped file turns out to be a module, or
// always (--wasm-format given), so that a file that is not Wasm is refused.
enum class WasmPacking
{
    when_module,
    required
};

// How a Wasm module is packed: when the only file is a Wasm module given without a media type
// and no --artifact-type is set (or WasmPacking::required), push packs it in `format` instead
// of oras's way.
struct WasmPushOptions
{
    WasmPacking packing = WasmPacking::when_module;
    wasm::PushFormat format = wasm::PushFormat::solo;
    std::vector<std::string> root_ids; // solo's generated runtime-config.json rootIds
    ModuleCheck check = ModuleCheck::proxy_wasm;
};

// What push packs: the files, config and annotations, as oras push takes them. The tags come
// from the OpenedTarget pushed to.
struct PushOptions
{
    // Layers, in order; titled by their path. A path "-" (at most one) is standard input,
    // streamed to the registry in chunks with its digest computed on the way (no temporary
    // file); its layer is untitled unless `stdin_name` is set.
    std::vector<FileSpec> files;
    std::string stdin_name;                        // --stdin-name: the title of "-"
    std::optional<FileSpec> config;                // --config / --manifest-config
    std::string artifact_type;                     // --artifact-type
    Annotations annotations;                       // -a key=value (manifest)
    std::filesystem::path annotation_file;         // keys "$manifest", "$config" or a file as given
    std::optional<std::int64_t> source_date_epoch; // created time instead of now
    PathValidation path_validation = PathValidation::enabled;
    WasmPushOptions wasm;
    // Blobs checked and uploaded at once (--concurrency) when the target allows it; the
    // manifest goes last.
    int concurrency = 5;
    // A repository of the same registry to mount blobs from before uploading them (--from);
    // ignored by targets that cannot mount.
    std::string mount_from;
    // Called from one thread at a time, whatever the concurrency.
    ProgressCallback progress;
    // The manifest this one refers to (image-spec v1.1 "subject"; attach sets it). Refused
    // with image-spec v1.0 packing (a --config without --artifact-type).
    std::optional<Descriptor> subject;
};

// What push did: the manifest as pushed and the blobs it names.
struct PushResult
{
    Descriptor manifest;
    std::string manifest_bytes;               // exactly what was pushed
    std::vector<Descriptor> blobs;            // config then layers
    wasm::Layout layout = wasm::Layout::none; // the Wasm layout pushed, if any
    std::vector<std::string> warnings;        // e.g. a layout Istio will not load
};

// Packs and pushes to `opened.target`, then tags the manifest with every tag in `opened.tags`
// (none: the manifest is pushed by digest only). Every file is hashed once before anything is
// sent; blobs the target already has are not uploaded (reported as TransferState::exists).
// Fails naming the file or blob and the step.
Result<PushResult> push(const OpenedTarget& opened, const PushOptions& options);

// As push(), onto `target` with the manifest tagged `tags` (none: pushed by digest only).
Result<PushResult>
push(Target& target, const std::vector<std::string>& tags, const PushOptions& options);

} // namespace oras::ops
