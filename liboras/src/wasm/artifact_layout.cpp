#include "oras/wasm_artifact.hpp"

#include "oras/media_types.hpp"

#include <algorithm>

namespace oras::wasm {

namespace {

// wasme's names before solo-io/wasm 9777c59 (2020-10): accepted, never produced.
constexpr std::string_view k_legacy_solo_config = "application/vnd.io.solo.wasm.config.v1+json";
constexpr std::string_view k_legacy_solo_layer =
    "application/vnd.io.solo.wasm.content.layer.v1+wasm";

bool is_solo_layer(const Descriptor& desc)
{
    return desc.media_type == media_type::wasm_solo_layer || desc.media_type == k_legacy_solo_layer;
}

bool is_solo_config(const Descriptor& desc)
{
    return desc.media_type == media_type::wasm_solo_config ||
           desc.media_type == k_legacy_solo_config;
}

bool is_tar_gzip(std::string_view type)
{
    return type == media_type::oci_layer_tar_gzip || type == media_type::docker_layer_tar_gzip;
}

const Descriptor* find_layer(const Manifest& manifest, bool (*match)(const Descriptor&))
{
    const auto found = std::find_if(manifest.layers.begin(), manifest.layers.end(), match);
    return found == manifest.layers.end() ? nullptr : &*found;
}

const Descriptor* find_layer_type(const Manifest& manifest, std::string_view type)
{
    const auto found = std::find_if(manifest.layers.begin(),
                                    manifest.layers.end(),
                                    [type](const Descriptor& d) { return d.media_type == type; });
    return found == manifest.layers.end() ? nullptr : &*found;
}

LayoutMatch solo_match(const Manifest& manifest, const Descriptor& module)
{
    LayoutMatch match;
    match.layout = manifest.layers.size() == 2 ? Layout::solo : Layout::solo_1layer;
    match.module = module;
    if (is_solo_config(manifest.config)) {
        match.runtime_config = manifest.config;
    } else if (const Descriptor* config = find_layer(manifest, is_solo_config)) {
        match.runtime_config = *config;
    }
    if (manifest.layers.size() != 2) {
        match.warnings.push_back("Istio will not load this artifact: number of layers must be 2 "
                                 "but got " +
                                 std::to_string(manifest.layers.size()) +
                                 " (push it with --wasm-format solo)");
    }
    return match;
}

LayoutMatch compat_match(const Manifest& manifest, std::string_view manifest_media_type)
{
    LayoutMatch match;
    const Descriptor& last = manifest.layers.back();
    const bool docker_manifest = manifest_media_type == media_type::docker_manifest;
    match.layout = last.media_type == media_type::docker_layer_tar_gzip ? Layout::compat_docker
                                                                        : Layout::compat;
    match.module = last;
    if (docker_manifest != (last.media_type == media_type::docker_layer_tar_gzip)) {
        match.warnings.push_back("Istio will not load this image: a " +
                                 std::string(docker_manifest ? "Docker" : "OCI") +
                                 " manifest with a layer of type " + last.media_type);
    }
    if (manifest.layers.size() > 1) {
        match.warnings.push_back("Istio 1.12 to 1.15 will not load this image: it has " +
                                 std::to_string(manifest.layers.size()) +
                                 " layers and they need exactly one");
    }
    return match;
}

Result<LayoutMatch> cncf_match(const Manifest& manifest)
{
    if (manifest.layers.size() != 1 ||
        manifest.layers[0].media_type != media_type::wasm_cncf_layer) {
        return fail(ErrorCode::invalid_format,
                    "a CNCF Wasm artifact (config " + std::string(media_type::wasm_cncf_config) +
                        ") must have exactly one layer of type application/wasm; this one has " +
                        std::to_string(manifest.layers.size()) + " layers");
    }
    LayoutMatch match;
    match.layout = Layout::cncf;
    match.module = manifest.layers[0];
    match.warnings.emplace_back("Istio does not load CNCF Wasm artifacts: push with --wasm-format "
                                "solo or compat for a mesh");
    return match;
}

} // namespace

std::string_view to_string(PushFormat format)
{
    switch (format) {
    case PushFormat::solo:
        return "solo";
    case PushFormat::compat:
        return "compat";
    case PushFormat::cncf:
        return "cncf";
    case PushFormat::wasm_to_oci:
        return "wasm-to-oci";
    }
    return "solo";
}

Result<PushFormat> parse_push_format(std::string_view text)
{
    for (const auto format :
         {PushFormat::solo, PushFormat::compat, PushFormat::cncf, PushFormat::wasm_to_oci}) {
        if (text == to_string(format)) {
            return format;
        }
    }
    return fail(ErrorCode::invalid_argument,
                "unknown Wasm format \"" + std::string(text) +
                    "\": choose solo, compat, cncf or wasm-to-oci");
}

std::string_view to_string(Layout layout)
{
    switch (layout) {
    case Layout::none:
        return "none";
    case Layout::solo:
        return "solo";
    case Layout::solo_1layer:
        return "solo-1layer";
    case Layout::compat:
        return "compat";
    case Layout::compat_docker:
        return "compat-docker";
    case Layout::cncf:
        return "cncf";
    case Layout::wasm_to_oci:
        return "wasm-to-oci";
    case Layout::generic:
        return "wasm";
    }
    return "none";
}

Result<LayoutMatch> detect_layout(const Manifest& manifest, std::string_view manifest_media_type)
{
    if (manifest.config.media_type == media_type::wasm_cncf_config) {
        return cncf_match(manifest);
    }
    if (const Descriptor* module = find_layer(manifest, is_solo_layer)) {
        return solo_match(manifest, *module);
    }
    LayoutMatch match;
    if (const Descriptor* module = find_layer_type(manifest, media_type::wasm_to_oci_layer)) {
        match.layout = Layout::wasm_to_oci;
        match.module = *module;
        match.warnings.emplace_back(
            "Istio does not load wasm-to-oci artifacts (istio/istio#39990): "
            "push with --wasm-format solo or compat for a mesh");
        return match;
    }
    if (const Descriptor* module = find_layer_type(manifest, media_type::wasm_cncf_layer)) {
        match.layout = Layout::generic;
        match.module = *module;
        match.warnings.emplace_back("Istio does not load application/wasm layers: push with "
                                    "--wasm-format solo or compat for a mesh");
        return match;
    }
    // A tar+gzip last layer is a compat image unless oras titled it (a pushed tarball).
    if (!manifest.layers.empty() && is_tar_gzip(manifest.layers.back().media_type) &&
        manifest.layers.back().title().empty()) {
        return compat_match(manifest, manifest_media_type);
    }
    return match;
}

IstioVerdict istio_verdict(const Manifest& manifest,
                           std::string_view manifest_media_type,
                           std::optional<std::uint64_t> module_size)
{
    IstioVerdict verdict;
    const auto& layers = manifest.layers;
    const auto compat_versions = [&layers]() {
        return layers.size() == 1 ? std::string("1.12 and later")
                                  : std::string("1.16 and later (1.12 to 1.15 need one layer)");
    };
    if (manifest_media_type == media_type::docker_manifest) {
        if (!layers.empty() && layers.back().media_type == media_type::docker_layer_tar_gzip) {
            verdict.loads = true;
            verdict.versions = compat_versions();
        } else {
            verdict.reason = layers.empty() ? "invalid number of layers: 0"
                                            : "the last layer's media type must be " +
                                                  std::string(media_type::docker_layer_tar_gzip) +
                                                  " but got " + layers.back().media_type;
        }
    } else if (!layers.empty() && layers.back().media_type == media_type::oci_layer_tar_gzip) {
        verdict.loads = true;
        verdict.versions = compat_versions();
    } else if (layers.size() != 2) {
        verdict.reason = "number of layers must be 2 but got " + std::to_string(layers.size());
    } else if (find_layer_type(manifest, media_type::wasm_solo_layer) == nullptr) {
        verdict.reason = "no layer of type " + std::string(media_type::wasm_solo_layer);
    } else {
        verdict.loads = true;
        verdict.versions = "1.12 and later";
    }
    if (verdict.loads && module_size && *module_size > k_istio_max_module_bytes) {
        verdict.loads = false;
        verdict.versions.clear();
        verdict.reason = "the module is larger than Istio's 256 MiB limit";
    }
    return verdict;
}

Result<Descriptor> select_manifest(const Index& index, std::string& warning)
{
    const auto find = [&index](auto predicate) {
        return std::find_if(index.manifests.begin(), index.manifests.end(), predicate);
    };
    const auto amd64 = find([](const Descriptor& d) {
        return d.platform && d.platform->os == "linux" && d.platform->architecture == "amd64";
    });
    if (amd64 != index.manifests.end()) {
        return *amd64;
    }
    if (index.manifests.size() == 1) {
        warning = "the index has no linux/amd64 entry (what Istio's agent picks); using its "
                  "only manifest";
        return index.manifests.front();
    }
    const auto wasm = find([](const Descriptor& d) {
        return d.platform && (d.platform->architecture == "wasm" || d.platform->os == "wasm" ||
                              d.platform->os.starts_with("wasi"));
    });
    if (wasm != index.manifests.end()) {
        warning = "the index has no linux/amd64 entry (what Istio's agent picks); using its "
                  "wasm entry";
        return *wasm;
    }
    return fail(ErrorCode::not_found,
                "the index has " + std::to_string(index.manifests.size()) +
                    " manifests and none for linux/amd64 or wasm");
}

} // namespace oras::wasm
