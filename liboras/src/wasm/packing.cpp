#include "wasm/packing.hpp"

#include "archive/tar_gzip.hpp"
#include "content/scratch_dir.hpp"
#include "oras/media_types.hpp"
#include "wasm/artifact_files.hpp"
#include "wasm/mapped_file.hpp"
#include "json/parse.hpp"

#include <nlohmann/json.hpp>

#include <fstream>

namespace oras::wasm {

namespace {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

Result<std::string> read_small_file(const fs::path& path, std::string_view role)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) {
        return fail(ErrorCode::not_found,
                    std::string(role) + " " + path.string() + ": no such file");
    }
    if (size > k_max_manifest_bytes) {
        return fail(ErrorCode::too_large,
                    std::string(role) + " " + path.string() + " is larger than 4 MiB");
    }
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) {
        return fail(ErrorCode::io, "read " + path.string());
    }
    return bytes;
}

Descriptor titled(Descriptor desc, std::string_view media_type, const std::string& title)
{
    desc.media_type = std::string(media_type);
    desc.annotations[std::string(annotation::title)] = title;
    return desc;
}

// runtime-config.json as wasme writes it when none is given.
std::string generated_runtime_config(const ModuleFacts& module, const PackRequest& request)
{
    ordered_json generated = {{"type", "envoy_proxy"},
                              {"abiVersions", ordered_json::array()},
                              {"config", {{"rootIds", request.root_ids}}}};
    const std::string abi = abi_version_for_runtime_config(module.report);
    if (!abi.empty()) {
        generated["abiVersions"].push_back(abi);
    }
    return generated.dump();
}

// The manifest annotations wasme derives from runtime-config.json: its type and ABI versions.
Result<void> runtime_config_annotations(const std::string& runtime_config,
                                        const PackRequest& request,
                                        Annotations& annotations)
{
    const std::string what =
        request.config ? "config file " + request.config->string() : "runtime config";
    const auto parsed = ORAS_TRY(parse_json(runtime_config, what));
    std::string type = "envoy_proxy";
    std::string abi_versions;
    if (parsed.is_object()) {
        const auto type_member = parsed.find("type");
        if (type_member != parsed.end() && !type_member->is_string()) {
            return fail(ErrorCode::invalid_format,
                        R"(config file: "type" must be a string such as "envoy_proxy")");
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
    } else {
        return fail(ErrorCode::invalid_format, what + " is not a JSON object");
    }
    annotations["module.wasm.runtime/type"] = type;
    annotations["module.wasm.runtime/abi_version"] = abi_versions;
    return {};
}

// solo: runtime-config.json is the config and the first layer (wasme push); the module is the
// second layer.
Result<PackedLayout> pack_solo(const ModuleFacts& module, const PackRequest& request)
{
    std::string runtime_config;
    if (request.config) {
        if (!request.config_media_type.empty() &&
            request.config_media_type != media_type::wasm_solo_config) {
            return fail(
                ErrorCode::invalid_argument,
                "--config for --wasm-format solo is the runtime-config.json; its media type "
                "is " +
                    std::string(media_type::wasm_solo_config));
        }
        runtime_config = ORAS_TRY(read_small_file(*request.config, "config file"));
    } else {
        runtime_config = generated_runtime_config(module, request);
    }
    PackedLayout packed;
    ORAS_TRY(runtime_config_annotations(runtime_config, request, packed.annotations));
    const Descriptor config = titled(descriptor_of(media_type::wasm_solo_config, runtime_config),
                                     media_type::wasm_solo_config,
                                     std::string(k_runtime_config_file));
    const Descriptor layer = titled(module.raw, media_type::wasm_solo_layer, module.title);
    packed.config = config;
    packed.layers = {config, layer};
    packed.blobs = {LayoutBlob{config, {}, runtime_config}, LayoutBlob{layer, module.path, {}}};
    packed.layout = Layout::solo;
    return packed;
}

// compat: an OCI image whose one tar+gzip layer holds plugin.wasm (and runtime-config.json).
Result<PackedLayout> pack_compat(const ModuleFacts& module, const PackRequest& request)
{
    PackedLayout packed;
    packed.scratch = ORAS_TRY(make_scratch_dir());
    std::vector<archive::TarEntry> entries{{std::string(k_compat_module_file), module.path}};
    if (request.config) {
        entries.push_back({std::string(k_runtime_config_file), *request.config});
    }
    const fs::path layer_path = *packed.scratch / "layer.tar.gz";
    const auto written = ORAS_TRY(archive::write_tar_gzip(entries, layer_path));
    // The tar is read twice (for its diff_id, then compressed): the module must not have
    // changed in between, or the image config would describe another layer.
    if (ORAS_TRY(sha256_of_file(module.path)).digest != module.raw.digest) {
        return fail(ErrorCode::io,
                    "file " + module.path.string() +
                        " changed while it was being packed: push it again");
    }
    const ordered_json image_config = {
        {"architecture", "amd64"},
        {"os", "linux"},
        {"config", ordered_json::object()},
        {"rootfs", {{"type", "layers"}, {"diff_ids", {written.tar_digest.str()}}}}};
    const std::string config_bytes = image_config.dump();
    const Descriptor config = descriptor_of(media_type::oci_config, config_bytes);
    Descriptor layer;
    layer.media_type = std::string(media_type::oci_layer_tar_gzip);
    layer.digest = written.digest;
    layer.size = written.size;
    packed.config = config;
    packed.layers = {layer};
    packed.annotations["module.wasm.image/variant"] = "compat";
    packed.blobs = {LayoutBlob{config, {}, config_bytes}, LayoutBlob{layer, layer_path, {}}};
    packed.layout = Layout::compat;
    return packed;
}

// cncf: wasm-formats.md §2 (rust-oci-wasm's WasmConfig).
Result<PackedLayout> pack_cncf(const ModuleFacts& module, const PackRequest& request)
{
    if (request.config) {
        return fail(ErrorCode::invalid_argument,
                    "--config does not apply to --wasm-format cncf: its config is generated");
    }
    const Descriptor layer = titled(module.raw, media_type::wasm_cncf_layer, module.title);
    const bool component = module.info.kind == ModuleKind::component;
    ordered_json config_json = {{"created", request.created},
                                {"architecture", "wasm"},
                                {"os", component ? "wasip2" : "wasip1"},
                                {"layerDigests", {layer.digest.str()}}};
    if (component && module.info.component) {
        config_json["component"] = {{"exports", module.info.component->exports},
                                    {"imports", module.info.component->imports}};
    }
    const std::string config_bytes = config_json.dump();
    PackedLayout packed;
    packed.config = descriptor_of(media_type::wasm_cncf_config, config_bytes);
    packed.layers = {layer};
    packed.blobs = {LayoutBlob{packed.config, {}, config_bytes},
                    LayoutBlob{layer, module.path, {}}};
    packed.layout = Layout::cncf;
    return packed;
}

// wasm-to-oci: config `{}` typed application/vnd.wasm.config.v1+json (wasm-formats.md §3).
Result<PackedLayout> pack_wasm_to_oci(const ModuleFacts& module, const PackRequest& request)
{
    if (request.config) {
        return fail(ErrorCode::invalid_argument,
                    "--config does not apply to --wasm-format wasm-to-oci: its config is {}");
    }
    const Descriptor layer = titled(module.raw, media_type::wasm_to_oci_layer, module.title);
    PackedLayout packed;
    packed.config = descriptor_of(media_type::wasm_to_oci_config, empty_json);
    packed.layers = {layer};
    packed.blobs = {LayoutBlob{packed.config, {}, std::string(empty_json)},
                    LayoutBlob{layer, module.path, {}}};
    packed.layout = Layout::wasm_to_oci;
    return packed;
}

} // namespace

Result<ModuleFacts> read_module_facts(const fs::path& path)
{
    const auto file = ORAS_TRY(MappedFile::open(path));
    ModuleFacts facts;
    facts.path = path;
    facts.title = path.filename().string();
    auto info = inspect_module(file.bytes());
    if (!info) {
        return std::move(info).error().with_context(path.string());
    }
    facts.info = std::move(info).value();
    facts.report = check_proxy_wasm(facts.info);
    facts.raw.digest = sha256_of(file.bytes());
    facts.raw.size = file.bytes().size();
    return facts;
}

Result<void> require_proxy_wasm(const ModuleFacts& module)
{
    if (module.report.ok()) {
        return {};
    }
    std::string message =
        "file " + module.path.string() +
        " is not a proxy-wasm filter Envoy can load: " + module.report.problems.front();
    if (module.report.problems.size() > 1) {
        message += " (and " + std::to_string(module.report.problems.size() - 1) + " more)";
    }
    return fail(ErrorCode::invalid_format,
                std::move(message),
                "coras inspect " + module.path.string() +
                    " lists every problem; --no-verify pushes a module that is not a filter");
}

Result<PackedLayout> pack_module(const ModuleFacts& module, const PackRequest& request)
{
    switch (request.format) {
    case PushFormat::solo:
        return pack_solo(module, request);
    case PushFormat::compat:
        return pack_compat(module, request);
    case PushFormat::cncf:
        return pack_cncf(module, request);
    case PushFormat::wasm_to_oci:
        return pack_wasm_to_oci(module, request);
    }
    return fail(ErrorCode::internal, "unknown Wasm push format");
}

std::string istio_warning(const Manifest& manifest, std::uint64_t module_size)
{
    const auto verdict = istio_verdict(manifest, media_type::oci_manifest, module_size);
    if (verdict.loads) {
        return {};
    }
    return "Istio will not load this artifact: " + verdict.reason +
           " (--wasm-format solo or compat make one it loads)";
}

} // namespace oras::wasm
