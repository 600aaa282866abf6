// Packing one Wasm module (wasm-formats.md §10.2): the options are read here; the layouts
// themselves are wasm/packing's.
#include "ops/pack.hpp"

#include "ops/pack_support.hpp"
#include "oras/manifest.hpp"
#include "oras/media_types.hpp"
#include "wasm/packing.hpp"

#include <fstream>

namespace oras::ops {

namespace fs = std::filesystem;

Result<bool> is_wasm_push(const PushOptions& options)
{
    const bool from_stdin = options.files.size() == 1 && options.files[0].path == "-";
    if (options.wasm.packing == WasmPacking::required) {
        if (from_stdin) {
            return fail(ErrorCode::invalid_argument,
                        "--wasm-format: a module is checked before it is pushed, so it is not "
                        "read from standard input",
                        "give the module's file");
        }
        if (options.files.size() != 1 || !options.files[0].media_type.empty() ||
            !options.artifact_type.empty()) {
            return fail(ErrorCode::invalid_argument,
                        "--wasm-format packs exactly one module file given without a media type "
                        "(and no --artifact-type)");
        }
        return true;
    }
    if (options.files.size() != 1 || !options.files[0].media_type.empty() ||
        !options.artifact_type.empty() || from_stdin) {
        return false;
    }
    const fs::path& path = options.files[0].path;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::error_code ec;
        return fs::exists(path, ec)
                   ? Result<bool>(fail(ErrorCode::io, "file " + path.string() + ": cannot read it"))
                   : Result<bool>(
                         fail(ErrorCode::not_found, "file " + path.string() + ": no such file"));
    }
    char magic[4] = {};
    in.read(magic, sizeof magic);
    return in.gcount() == 4 && std::string_view(magic, 4) == std::string_view("\0asm", 4);
}

Result<PackedManifest> pack_wasm(const PushOptions& options)
{
    if (options.files.size() != 1) {
        return fail(ErrorCode::invalid_argument, "a Wasm artifact holds exactly one module");
    }
    const FileSpec& file = options.files[0];
    if (file.path.is_absolute() && options.path_validation == PathValidation::enabled) {
        return fail(ErrorCode::invalid_argument,
                    "file " + file.path.string() + ": absolute paths are not pushed",
                    "use a relative path, or --disable-path-validation");
    }
    const auto module = ORAS_TRY(wasm::read_module_facts(file.path));
    if (options.wasm.check == ModuleCheck::proxy_wasm) {
        ORAS_TRY(wasm::require_proxy_wasm(module));
    }
    auto annotations = ORAS_TRY(collect_annotations(options));
    if (!annotations.files.empty() || !annotations.config.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "a Wasm module packed by --wasm-format takes manifest annotations only");
    }
    wasm::PackRequest request;
    request.format = options.wasm.format;
    if (options.config) {
        request.config = options.config->path;
        request.config_media_type = options.config->media_type;
    }
    request.root_ids = options.wasm.root_ids;
    request.created = annotations.manifest[std::string(annotation::created)];
    auto layout = ORAS_TRY(wasm::pack_module(module, request));

    Manifest manifest;
    manifest.media_type = std::string(media_type::oci_manifest);
    manifest.annotations = std::move(annotations.manifest);
    for (auto& [key, value] : layout.annotations) {
        manifest.annotations[key] = std::move(value);
    }
    manifest.config = layout.config;
    manifest.layers = layout.layers;
    PackedManifest packed;
    for (auto& blob : layout.blobs) {
        packed.blobs.push_back(
            PackedBlob{std::move(blob.desc), std::move(blob.path), std::move(blob.bytes), false});
    }
    packed.scratch_dir = std::move(layout.scratch);
    packed.manifest = manifest;
    packed.bytes = serialize_manifest(manifest);
    packed.desc = descriptor_of(media_type::oci_manifest, packed.bytes);
    packed.desc.annotations = manifest.annotations;
    packed.layout = layout.layout;
    if (auto warning = wasm::istio_warning(manifest, module.raw.size); !warning.empty()) {
        packed.warnings.push_back(std::move(warning));
    }
    return packed;
}

} // namespace oras::ops
