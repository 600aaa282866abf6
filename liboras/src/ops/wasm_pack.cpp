// Packing one Wasm module in the layouts of wasm-formats.md §10.2: solo (wasme's two layers),
// compat (an OCI image with plugin.wasm in a tar+gzip layer), cncf (TAG Runtime) and
// wasm-to-oci. The module is checked before anything is packed.
#include "ops/pack.hpp"

#include "archive/tar_gzip.hpp"
#include "oras/manifest.hpp"
#include "oras/media_types.hpp"
#include "oras/wasm.hpp"
#include "ops/pack_support.hpp"
#include "ops/scratch_dir.hpp"

#include <nlohmann/json.hpp>

#include <fstream>

namespace oras::ops {

namespace {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

constexpr std::string_view k_runtime_config_name = "runtime-config.json";
constexpr std::string_view k_compat_module_name = "plugin.wasm";

Result<std::string> read_small_file(const fs::path& path, std::string_view role)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) {
        return fail(ErrorCode::not_found, std::string(role) + " " + path.string() + ": no such file");
    }
    if (size > k_max_manifest_bytes) {
        return fail(ErrorCode::too_large, std::string(role) + " " + path.string() +
                                              " is larger than 4 MiB");
    }
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) {
        return fail(ErrorCode::io, "read " + path.string());
    }
    return bytes;
}

// What every format needs to know about the module.
struct ModuleFacts
{
    fs::path path;
    std::string title; // its file name
    Descriptor raw;    // digest and size (media type set per format)
    wasm::ModuleInfo info;
    wasm::ProxyWasmReport report;
};

Result<ModuleFacts> check_module(const FileSpec& file, ModuleCheck check)
{
    ModuleFacts facts;
    facts.path = file.path;
    facts.title = file.path.filename().string();
    facts.info = ORAS_TRY(wasm::inspect_module_file(file.path));
    facts.report = wasm::check_proxy_wasm(facts.info);
    if (check == ModuleCheck::proxy_wasm && !facts.report.ok()) {
        std::string message = "file " + file.path.string() +
                              " is not a proxy-wasm filter Envoy can load: " +
                              facts.report.problems.front();
        if (facts.report.problems.size() > 1) {
            message += " (and " + std::to_string(facts.report.problems.size() - 1) + " more)";
        }
        return fail(ErrorCode::invalid_format, std::move(message),
                    "coras inspect " + file.path.string() +
                        " lists every problem; --no-verify pushes a module that is not a filter");
    }
    const auto digest = ORAS_TRY(sha256_of_file(file.path));
    facts.raw.digest = digest.digest;
    facts.raw.size = digest.size;
    return facts;
}

// solo: runtime-config.json is the config and the first layer (wasme push); the module is the
// second layer.
Result<void> pack_solo(const PushOptions& options, const ModuleFacts& module, Manifest& manifest,
                       std::vector<PackedBlob>& blobs)
{
    std::string runtime_config;
    if (options.config) {
        if (!options.config->media_type.empty() &&
            options.config->media_type != media_type::wasm_solo_config) {
            return fail(ErrorCode::invalid_argument,
                        "--config for --wasm-format solo is the runtime-config.json; its media type "
                        "is " + std::string(media_type::wasm_solo_config));
        }
        runtime_config = ORAS_TRY(read_small_file(options.config->path, "config file"));
    } else {
        ordered_json generated = {{"type", "envoy_proxy"},
                                  {"abiVersions", ordered_json::array()},
                                  {"config", {{"rootIds", options.wasm.root_ids}}}};
        const std::string abi = wasm::abi_version_for_runtime_config(module.report);
        if (!abi.empty()) {
            generated["abiVersions"].push_back(abi);
        }
        runtime_config = generated.dump();
    }
    const auto parsed = nlohmann::json::parse(runtime_config, nullptr, false);
    std::string type = "envoy_proxy";
    std::string abi_versions;
    if (parsed.is_object()) {
        const auto type_member = parsed.find("type");
        if (type_member != parsed.end() && !type_member->is_string()) {
            return fail(ErrorCode::invalid_format,
                        "config file: \"type\" must be a string such as \"envoy_proxy\"");
        }
        type = parsed.value("type", type);
        const auto versions = parsed.find("abiVersions");
        if (versions != parsed.end() && versions->is_array()) {
            for (const auto& version : *versions) {
                if (version.is_string()) {
                    abi_versions += (abi_versions.empty() ? "" : ",") + version.get<std::string>();
                }
            }
        }
    } else if (options.config) {
        return fail(ErrorCode::invalid_format,
                    "config file " + options.config->path.string() + " is not a JSON object");
    }
    Descriptor config = descriptor_of(media_type::wasm_solo_config, runtime_config);
    config.annotations[std::string(annotation::title)] = std::string(k_runtime_config_name);
    Descriptor layer = module.raw;
    layer.media_type = std::string(media_type::wasm_solo_layer);
    layer.annotations[std::string(annotation::title)] = module.title;
    manifest.config = config;
    manifest.layers = {config, layer};
    manifest.annotations["module.wasm.runtime/type"] = type;
    manifest.annotations["module.wasm.runtime/abi_version"] = abi_versions;
    blobs = {PackedBlob{config, {}, runtime_config}, PackedBlob{layer, module.path, {}}};
    return {};
}

// compat: an OCI image whose one tar+gzip layer holds plugin.wasm (and runtime-config.json).
Result<std::shared_ptr<const fs::path>> pack_compat(const PushOptions& options,
                                                    const ModuleFacts& module, Manifest& manifest,
                                                    std::vector<PackedBlob>& blobs)
{
    auto scratch = ORAS_TRY(make_scratch_dir());
    std::vector<archive::TarEntry> entries{{std::string(k_compat_module_name), module.path}};
    if (options.config) {
        entries.push_back({std::string(k_runtime_config_name), options.config->path});
    }
    const fs::path layer_path = *scratch / "layer.tar.gz";
    const auto written = ORAS_TRY(archive::write_tar_gzip(entries, layer_path));
    // The tar is read twice (for its diff_id, then compressed): the module must not have
    // changed in between, or the image config would describe another layer.
    if (ORAS_TRY(sha256_of_file(module.path)).digest != module.raw.digest) {
        return fail(ErrorCode::io, "file " + module.path.string() +
                                       " changed while it was being packed: push it again");
    }
    const ordered_json image_config = {
        {"architecture", "amd64"},
        {"os", "linux"},
        {"config", ordered_json::object()},
        {"rootfs", {{"type", "layers"}, {"diff_ids", {written.tar_digest.str()}}}}};
    const std::string config_bytes = image_config.dump();
    Descriptor config = descriptor_of(media_type::oci_config, config_bytes);
    Descriptor layer;
    layer.media_type = std::string(media_type::oci_layer_tar_gzip);
    layer.digest = written.digest;
    layer.size = written.size;
    manifest.config = config;
    manifest.layers = {layer};
    manifest.annotations["module.wasm.image/variant"] = "compat";
    blobs = {PackedBlob{config, {}, config_bytes}, PackedBlob{layer, layer_path, {}}};
    return scratch;
}

// cncf: wasm-formats.md §2 (rust-oci-wasm's WasmConfig).
Result<void> pack_cncf(const PushOptions& options, const ModuleFacts& module, Manifest& manifest,
                       std::vector<PackedBlob>& blobs)
{
    if (options.config) {
        return fail(ErrorCode::invalid_argument,
                    "--config does not apply to --wasm-format cncf: its config is generated");
    }
    Descriptor layer = module.raw;
    layer.media_type = std::string(media_type::wasm_cncf_layer);
    layer.annotations[std::string(annotation::title)] = module.title;
    const bool component = module.info.kind == wasm::ModuleKind::component;
    ordered_json config_json = {
        {"created", manifest.annotations[std::string(annotation::created)]},
        {"architecture", "wasm"},
        {"os", component ? "wasip2" : "wasip1"},
        {"layerDigests", {layer.digest.str()}}};
    if (component && module.info.component) {
        config_json["component"] = {{"exports", module.info.component->exports},
                                    {"imports", module.info.component->imports}};
    }
    const std::string config_bytes = config_json.dump();
    const Descriptor config = descriptor_of(media_type::wasm_cncf_config, config_bytes);
    manifest.config = config;
    manifest.layers = {layer};
    blobs = {PackedBlob{config, {}, config_bytes}, PackedBlob{layer, module.path, {}}};
    return {};
}

// wasm-to-oci: config `{}` typed application/vnd.wasm.config.v1+json (wasm-formats.md §3).
Result<void> pack_wasm_to_oci(const PushOptions& options, const ModuleFacts& module,
                              Manifest& manifest, std::vector<PackedBlob>& blobs)
{
    if (options.config) {
        return fail(ErrorCode::invalid_argument,
                    "--config does not apply to --wasm-format wasm-to-oci: its config is {}");
    }
    Descriptor layer = module.raw;
    layer.media_type = std::string(media_type::wasm_to_oci_layer);
    layer.annotations[std::string(annotation::title)] = module.title;
    const Descriptor config = descriptor_of(media_type::wasm_to_oci_config, empty_json);
    manifest.config = config;
    manifest.layers = {layer};
    blobs = {PackedBlob{config, {}, std::string(empty_json)}, PackedBlob{layer, module.path, {}}};
    return {};
}

wasm::Layout layout_of(wasm::PushFormat format)
{
    switch (format) {
    case wasm::PushFormat::solo:
        return wasm::Layout::solo;
    case wasm::PushFormat::compat:
        return wasm::Layout::compat;
    case wasm::PushFormat::cncf:
        return wasm::Layout::cncf;
    case wasm::PushFormat::wasm_to_oci:
        return wasm::Layout::wasm_to_oci;
    }
    return wasm::Layout::none;
}

} // namespace

Result<bool> is_wasm_push(const PushOptions& options)
{
    if (options.wasm.packing == WasmPacking::required) {
        if (options.files.size() != 1 || !options.files[0].media_type.empty() ||
            !options.artifact_type.empty()) {
            return fail(ErrorCode::invalid_argument,
                        "--wasm-format packs exactly one module file given without a media type "
                        "(and no --artifact-type)");
        }
        return true;
    }
    if (options.files.size() != 1 || !options.files[0].media_type.empty() ||
        !options.artifact_type.empty()) {
        return false;
    }
    const fs::path& path = options.files[0].path;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::error_code ec;
        return fs::exists(path, ec)
                   ? Result<bool>(fail(ErrorCode::io, "file " + path.string() + ": cannot read it"))
                   : Result<bool>(fail(ErrorCode::not_found, "file " + path.string() + ": no such file"));
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
    const ModuleFacts module = ORAS_TRY(check_module(file, options.wasm.check));
    auto annotations = ORAS_TRY(collect_annotations(options));
    if (!annotations.files.empty() || !annotations.config.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "a Wasm module packed by --wasm-format takes manifest annotations only");
    }
    Manifest manifest;
    manifest.media_type = std::string(media_type::oci_manifest);
    manifest.annotations = std::move(annotations.manifest);
    PackedManifest packed;
    switch (options.wasm.format) {
    case wasm::PushFormat::solo:
        ORAS_TRY(pack_solo(options, module, manifest, packed.blobs));
        break;
    case wasm::PushFormat::compat:
        packed.scratch_dir = ORAS_TRY(pack_compat(options, module, manifest, packed.blobs));
        break;
    case wasm::PushFormat::cncf:
        ORAS_TRY(pack_cncf(options, module, manifest, packed.blobs));
        break;
    case wasm::PushFormat::wasm_to_oci:
        ORAS_TRY(pack_wasm_to_oci(options, module, manifest, packed.blobs));
        break;
    }
    packed.bytes = serialize_manifest(manifest);
    packed.desc = descriptor_of(media_type::oci_manifest, packed.bytes);
    packed.desc.annotations = manifest.annotations;
    packed.layout = layout_of(options.wasm.format);
    const auto verdict = wasm::istio_verdict(manifest, media_type::oci_manifest, module.raw.size);
    if (!verdict.loads) {
        packed.warnings.push_back("Istio will not load this artifact: " + verdict.reason +
                                  " (--wasm-format solo or compat make one it loads)");
    }
    return packed;
}

} // namespace oras::ops
