// WasmPlugin, TrafficExtension, EnvoyExtensionPolicy, EnvoyFilter and ASMFilterDeployment for a
// pushed filter (wasm-formats.md §5, §6, §11), members in the order of the published examples.
#include "mesh/names.hpp"
#include "oras/mesh.hpp"
#include "json/parse.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <optional>

namespace oras::mesh {

namespace {

using Json = nlohmann::ordered_json;

// What render() settles before building a resource.
struct Resolved
{
    std::string name;        // metadata.name
    std::string plugin_name; // the root id
    std::string type;        // HTTP, NETWORK or empty
    std::optional<Json> config;
};

// Istio and Envoy Gateway fetch the module themselves, by Istio's rules.
bool fetches_by_istio_rules(Resource resource)
{
    return resource == Resource::wasm_plugin || resource == Resource::traffic_extension ||
           resource == Resource::envoy_extension_policy;
}

// "localhost:5000/filters/header:v1", or "...@sha256:<hex>" when named by digest.
std::string image_reference(const FilterArtifact& artifact)
{
    const std::string repository = artifact.registry + "/" + artifact.repository;
    return artifact.tag.empty() ? repository + "@" + artifact.manifest_digest
                                : repository + ":" + artifact.tag;
}

// What the reference names now: the file `coras sync` writes is named after it.
const std::string& reference_digest(const FilterArtifact& artifact)
{
    return artifact.reference_digest.empty() ? artifact.manifest_digest : artifact.reference_digest;
}

std::string digest_hex(const FilterArtifact& artifact)
{
    const auto colon = artifact.manifest_digest.find(':');
    return artifact.manifest_digest.substr(colon == std::string::npos ? 0 : colon + 1);
}

Result<void> check_loadable(Resource resource, const FilterArtifact& artifact)
{
    if (!fetches_by_istio_rules(resource)) {
        if (artifact.layout == wasm::Layout::none) {
            return fail(ErrorCode::unsupported,
                        "render " + std::string(kind_of(resource)) + " for " +
                            image_reference(artifact) + ": it holds no Wasm module",
                        "push the filter with coras push first");
        }
        return {};
    }
    const std::string who = resource == Resource::envoy_extension_policy
                                ? std::string("Envoy Gateway")
                                : std::string("Istio");
    if (!artifact.manifest_digest.starts_with("sha256:")) {
        return fail(ErrorCode::unsupported,
                    "render " + std::string(kind_of(resource)) + " for " +
                        image_reference(artifact) + ": its manifest digest is " +
                        artifact.manifest_digest + ", and " + who + " pins a module by sha256 only",
                    "push it again with sha256 digests (the default)");
    }
    if (artifact.module_size && *artifact.module_size > wasm::k_istio_max_module_bytes) {
        return fail(ErrorCode::unsupported,
                    "render " + std::string(kind_of(resource)) + " for " +
                        image_reference(artifact) + ": the module is " +
                        std::to_string(*artifact.module_size) + " bytes, over " + who +
                        "'s 256 MiB limit",
                    "make the module smaller (strip debug sections: wasm-strip)");
    }
    if (!artifact.istio.loads) {
        std::string reason = artifact.istio.reason;
        if (reason.empty()) {
            reason = "its layout is not one the fetcher knows";
        }
        return fail(ErrorCode::unsupported,
                    "render " + std::string(kind_of(resource)) + " for " +
                        image_reference(artifact) + ": " + who + " cannot load the " +
                        std::string(wasm::to_string(artifact.layout)) + " layout (" + reason + ")",
                    "push it with --wasm-format compat (or solo) and render that reference");
    }
    return {};
}

Result<Json> plugin_config(const RenderOptions& options)
{
    auto parsed = ORAS_TRY(parse_ordered_json(options.plugin_config, "the plugin config"));
    if (!parsed.is_object()) {
        return fail(ErrorCode::invalid_argument,
                    "the plugin config is no JSON object",
                    R"(give an object: --plugin-config '{"header":"x-filter"}')");
    }
    return parsed;
}

Result<std::string> checked_enum(std::string_view flag,
                                 const std::string& value,
                                 std::initializer_list<std::string_view> choices)
{
    if (value.empty() || std::ranges::find(choices, value) != choices.end()) {
        return value;
    }
    std::string list;
    for (const auto choice : choices) {
        list += (list.empty() ? "" : ", ") + std::string(choice);
    }
    return fail(ErrorCode::invalid_argument,
                std::string(flag) + " " + value + ": not one of " + list);
}

Json metadata(const std::string& name, const RenderOptions& options)
{
    Json meta = Json::object();
    meta["name"] = name;
    if (!options.namespace_.empty()) {
        meta["namespace"] = options.namespace_;
    }
    return meta;
}

Json labels_of(const std::vector<std::pair<std::string, std::string>>& labels)
{
    Json object = Json::object();
    for (const auto& [key, value] : labels) {
        object[key] = value;
    }
    return object;
}

Json target_refs(const std::vector<TargetRef>& refs)
{
    Json list = Json::array();
    for (const auto& ref : refs) {
        list.push_back(Json{{"group", ref.group}, {"kind", ref.kind}, {"name", ref.name}});
    }
    return list;
}

Result<void> check_selection(Resource resource, const RenderOptions& options)
{
    if (!options.selector.empty() && !options.target_refs.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "render " + std::string(kind_of(resource)) +
                        ": give workload labels or target references, not both");
    }
    const bool needs_labels =
        resource == Resource::envoy_filter || resource == Resource::asm_filter_deployment;
    if (needs_labels && options.selector.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "render " + std::string(kind_of(resource)) + ": no workload labels",
                    "name the workload: --workload app=details,version=v1");
    }
    if (needs_labels && !options.target_refs.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "render " + std::string(kind_of(resource)) + " takes no target reference");
    }
    if (resource == Resource::envoy_extension_policy && options.target_refs.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "render EnvoyExtensionPolicy: no target reference",
                    "name what it applies to: --target-ref Gateway/NAME");
    }
    if (resource == Resource::envoy_extension_policy && !options.selector.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "render EnvoyExtensionPolicy takes --target-ref, not workload labels");
    }
    return {};
}

// The fields WasmPlugin's spec and TrafficExtension's spec.wasm share, in istio/api's order.
Json istio_wasm_fields(const FilterArtifact& artifact,
                       const RenderOptions& options,
                       const Resolved& resolved)
{
    Json wasm = Json::object();
    wasm["url"] = "oci://" + image_reference(artifact);
    wasm["sha256"] = digest_hex(artifact);
    if (!options.pull_policy.empty()) {
        wasm["imagePullPolicy"] = options.pull_policy;
    }
    if (!options.pull_secret.empty()) {
        wasm["imagePullSecret"] = options.pull_secret;
    }
    if (!resolved.plugin_name.empty()) {
        wasm["pluginName"] = resolved.plugin_name;
    }
    if (resolved.config) {
        wasm["pluginConfig"] = *resolved.config;
    }
    if (options.fail_open) {
        wasm["failStrategy"] = "FAIL_OPEN";
    }
    if (!resolved.type.empty()) {
        wasm["type"] = resolved.type;
    }
    return wasm;
}

void add_selection(Json& spec, const RenderOptions& options)
{
    if (!options.selector.empty()) {
        spec["selector"] = Json{{"matchLabels", labels_of(options.selector)}};
    } else if (!options.target_refs.empty()) {
        spec["targetRefs"] = target_refs(options.target_refs);
    }
}

void add_order(Json& spec, const RenderOptions& options)
{
    if (!options.phase.empty()) {
        spec["phase"] = options.phase;
    }
    if (options.priority) {
        spec["priority"] = *options.priority;
    }
}

Json wasm_plugin(const FilterArtifact& artifact,
                 const RenderOptions& options,
                 const Resolved& resolved)
{
    Json spec = Json::object();
    add_selection(spec, options);
    const Json wasm = istio_wasm_fields(artifact, options, resolved);
    // WasmPlugin keeps url ... type at the top of its spec, phase and priority after them.
    for (const auto& [key, value] : wasm.items()) {
        if (key != "failStrategy" && key != "type") {
            spec[key] = value;
        }
    }
    add_order(spec, options);
    if (wasm.contains("failStrategy")) {
        spec["failStrategy"] = wasm["failStrategy"];
    }
    if (wasm.contains("type")) {
        spec["type"] = wasm["type"];
    }
    return Json{{"apiVersion", "extensions.istio.io/v1alpha1"},
                {"kind", "WasmPlugin"},
                {"metadata", metadata(resolved.name, options)},
                {"spec", spec}};
}

Json traffic_extension(const FilterArtifact& artifact,
                       const RenderOptions& options,
                       const Resolved& resolved)
{
    Json spec = Json::object();
    add_selection(spec, options);
    add_order(spec, options);
    spec["wasm"] = istio_wasm_fields(artifact, options, resolved);
    return Json{{"apiVersion", "extensions.istio.io/v1alpha1"},
                {"kind", "TrafficExtension"},
                {"metadata", metadata(resolved.name, options)},
                {"spec", spec}};
}

Json envoy_extension_policy(const FilterArtifact& artifact,
                            const RenderOptions& options,
                            const Resolved& resolved)
{
    Json image = Json::object();
    image["url"] = image_reference(artifact);
    image["sha256"] = digest_hex(artifact);
    if (!options.pull_secret.empty()) {
        image["pullSecretRef"] =
            Json{{"group", ""}, {"kind", "Secret"}, {"name", options.pull_secret}};
    }
    Json code = Json{{"type", "Image"}, {"image", image}};
    if (!options.pull_policy.empty()) {
        code["pullPolicy"] = options.pull_policy;
    }
    Json wasm = Json::object();
    wasm["name"] = resolved.name;
    if (!resolved.plugin_name.empty()) {
        wasm["rootID"] = resolved.plugin_name;
    }
    wasm["code"] = code;
    if (resolved.config) {
        wasm["config"] = *resolved.config;
    }
    if (options.fail_open) {
        wasm["failOpen"] = true;
    }
    Json spec = Json::object();
    spec["targetRefs"] = target_refs(options.target_refs);
    spec["wasm"] = Json::array({wasm});
    return Json{{"apiVersion", "gateway.envoyproxy.io/v1alpha1"},
                {"kind", "EnvoyExtensionPolicy"},
                {"metadata", metadata(resolved.name, options)},
                {"spec", spec}};
}

std::string join_path(const std::string& dir, const std::string& file)
{
    return dir.ends_with('/') ? dir + file : dir + "/" + file;
}

Json envoy_filter(const FilterArtifact& artifact,
                  const RenderOptions& options,
                  const Resolved& resolved)
{
    Json config = Json::object();
    config["name"] = resolved.name;
    config["root_id"] = resolved.plugin_name;
    config["configuration"] =
        Json{{"@type", "type.googleapis.com/google.protobuf.StringValue"},
             {"value", resolved.config ? resolved.config->dump() : std::string()}};
    config["vm_config"] = Json{
        {"vm_id", resolved.name},
        {"runtime", "envoy.wasm.runtime.v8"},
        {"code",
         Json{{"local",
               Json{{"filename",
                     join_path(options.dir, module_file_name(reference_digest(artifact)))}}}}}};
    if (options.fail_open) {
        config["fail_open"] = true;
    }
    const Json value =
        Json{{"name", "envoy.filters.http.wasm"},
             {"typed_config",
              Json{{"@type", "type.googleapis.com/udpa.type.v1.TypedStruct"},
                   {"type_url", "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm"},
                   {"value", Json{{"config", config}}}}}};
    const Json match =
        Json{{"context", options.context},
             {"listener",
              Json{{"filterChain",
                    Json{{"filter",
                          Json{{"name", "envoy.filters.network.http_connection_manager"},
                               {"subFilter", Json{{"name", "envoy.filters.http.router"}}}}}}}}}};
    const Json patch = Json{{"applyTo", "HTTP_FILTER"},
                            {"match", match},
                            {"patch", Json{{"operation", "INSERT_BEFORE"}, {"value", value}}}};
    Json spec = Json::object();
    spec["workloadSelector"] = Json{{"labels", labels_of(options.selector)}};
    spec["configPatches"] = Json::array({patch});
    return Json{{"apiVersion", "networking.istio.io/v1alpha3"},
                {"kind", "EnvoyFilter"},
                {"metadata", metadata(resolved.name, options)},
                {"spec", spec}};
}

Json asm_filter_deployment(const FilterArtifact& artifact,
                           const RenderOptions& options,
                           const Resolved& resolved)
{
    Json filter = Json::object();
    // ASM passes parameters to the filter as a JSON string (the StringValue configuration).
    filter["parameters"] = resolved.config ? resolved.config->dump() : std::string("{}");
    if (!resolved.plugin_name.empty()) {
        filter["rootID"] = resolved.plugin_name;
    }
    filter["id"] = resolved.name + "." +
                   (options.namespace_.empty() ? std::string("default") : options.namespace_);
    // Pinned: the controller pulls exactly the manifest rendered for.
    filter["image"] =
        artifact.registry + "/" + artifact.repository + "@" + reference_digest(artifact);
    if (!options.pull_secret.empty()) {
        filter["imagePullOptions"] = Json{{"pullSecret", options.pull_secret}};
    }
    Json spec = Json::object();
    spec["workload"] =
        Json{{"kind", options.workload_kind}, {"labels", labels_of(options.selector)}};
    spec["filter"] = filter;
    return Json{{"apiVersion", "istio.alibabacloud.com/v1beta1"},
                {"kind", "ASMFilterDeployment"},
                {"metadata", metadata(resolved.name, options)},
                {"spec", spec}};
}

} // namespace

Result<std::string>
render(Resource resource, const FilterArtifact& artifact, const RenderOptions& options)
{
    ORAS_TRY(check_selection(resource, options));
    ORAS_TRY(check_loadable(resource, artifact));
    ORAS_TRY(
        checked_enum("--phase", options.phase, {"UNSPECIFIED_PHASE", "AUTHN", "AUTHZ", "STATS"}));
    ORAS_TRY(checked_enum("--pull-policy", options.pull_policy, {"IfNotPresent", "Always"}));
    ORAS_TRY(checked_enum("--type", options.type, {"HTTP", "NETWORK"}));
    ORAS_TRY(checked_enum(
        "--context", options.context, {"SIDECAR_INBOUND", "SIDECAR_OUTBOUND", "GATEWAY", "ANY"}));
    ORAS_TRY(checked_enum(
        "--workload-kind", options.workload_kind, {"Deployment", "DaemonSet", "StatefulSet"}));
    if (!options.name.empty() && !valid_object_name(options.name)) {
        return fail(ErrorCode::invalid_argument,
                    "--name " + options.name + ": no valid Kubernetes object name",
                    "use lower-case letters, digits, '-' and '.'");
    }
    if (!options.namespace_.empty() && !valid_object_name(options.namespace_)) {
        return fail(ErrorCode::invalid_argument,
                    "--namespace " + options.namespace_ + ": no valid Kubernetes namespace");
    }
    if (!options.dir.starts_with('/')) {
        return fail(ErrorCode::invalid_argument, "--dir " + options.dir + ": not an absolute path");
    }
    Resolved resolved;
    resolved.name = options.name.empty()
                        ? default_object_name(artifact.repository, options.selector)
                        : options.name;
    resolved.plugin_name = options.plugin_name.empty() ? artifact.root_id : options.plugin_name;
    resolved.type = options.type.empty() ? artifact.plugin_type : options.type;
    if (!options.plugin_config.empty()) {
        resolved.config = ORAS_TRY(plugin_config(options));
    }
    Json document;
    switch (resource) {
    case Resource::wasm_plugin:
        document = wasm_plugin(artifact, options, resolved);
        break;
    case Resource::traffic_extension:
        document = traffic_extension(artifact, options, resolved);
        break;
    case Resource::envoy_extension_policy:
        document = envoy_extension_policy(artifact, options, resolved);
        break;
    case Resource::envoy_filter:
        document = envoy_filter(artifact, options, resolved);
        break;
    case Resource::asm_filter_deployment:
        document = asm_filter_deployment(artifact, options, resolved);
        break;
    }
    return document.dump(2);
}

std::string pod_template_patch(std::string_view dir)
{
    const Json volume = Json::array(
        {Json{{"name", "wasm-filters"}, {"hostPath", Json{{"path", std::string(dir)}}}}});
    const Json mount = Json::array(
        {Json{{"mountPath", std::string(dir)}, {"name", "wasm-filters"}, {"readOnly", true}}});
    const Json annotations = Json{{"sidecar.istio.io/userVolume", volume.dump()},
                                  {"sidecar.istio.io/userVolumeMount", mount.dump()}};
    return Json{
        {"spec", Json{{"template", Json{{"metadata", Json{{"annotations", annotations}}}}}}}}
        .dump(2);
}

} // namespace oras::mesh
