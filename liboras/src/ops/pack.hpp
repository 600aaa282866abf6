// Packing, the first half of `push`: the manifest bytes and the blobs they name, built from
// PushOptions before anything is sent (oras 1.x rules, or one of the Wasm layouts).
#pragma once

#include "oras/manifest.hpp"
#include "oras/ops/push.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace oras::ops {

// One blob of a packed manifest and where its bytes come from.
struct PackedBlob
{
    Descriptor desc;
    std::filesystem::path path; // the file holding the blob; empty: `bytes`
    std::string bytes;          // generated content (configs), when `path` is empty
    // `path` is "-": read from standard input as it is uploaded; `desc` has no digest or size
    // until then (push() fills them in, then seal_manifest()).
    bool streamed = false;
};

// The manifest bytes and the blob descriptors, each blob's source alongside.
struct PackedManifest
{
    Manifest manifest; // what `bytes` serialise; its layers are blobs[1...] in order
    Descriptor desc;
    std::string bytes;             // empty until seal_manifest() when a blob is streamed
    std::vector<PackedBlob> blobs; // config first
    // Keeps generated files (a compat layer) alive until the blobs are pushed.
    std::shared_ptr<const std::filesystem::path> scratch_dir;
    wasm::Layout layout = wasm::Layout::none;
    std::vector<std::string> warnings;
};

// Serialises packed.manifest into packed.bytes and packed.desc (annotations and artifact type
// copied), and notes its Wasm layout (with a warning when Istio will not load it).
void seal_manifest(PackedManifest& packed);

// True when a blob of `packed` is read from standard input.
bool has_streamed_blob(const PackedManifest& packed);

// Packs `options` as oras does. A file "-" is standard input: its layer is titled
// options.stdin_name (untitled when empty), and the manifest is sealed once it is uploaded. When
// the result is a Wasm layout Istio will not load, a warning says so. Fails naming the file and
// what is wrong with it.
Result<PackedManifest> pack(const PushOptions& options);

// True when `options` asks for Wasm packing (see WasmPushOptions); reads the first bytes of
// the only file. Fails with not_found or io naming the file, or invalid_argument when
// WasmPacking::required is set for anything but one untyped file.
Result<bool> is_wasm_push(const PushOptions& options);

// Packs the one module of `options.files` in `options.wasm.format` after checking it. Fails
// with invalid_format naming the file (and the byte offset) for a malformed module or, unless
// ModuleCheck::none, for one Envoy would not load; invalid_argument for flags that do not fit
// the format.
Result<PackedManifest> pack_wasm(const PushOptions& options);

} // namespace oras::ops
