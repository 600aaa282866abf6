#include "oras/ops/render.hpp"

#include "oras/ops/inspect.hpp"
#include "json/parse.hpp"

namespace oras::ops {

namespace {

// The first root id of a runtime-config.json ({"config":{"rootIds":[...]}}, jsonpb also
// accepting root_ids); empty when it names none.
std::string first_root_id(const std::string& config_json)
{
    const auto config = parse_json(config_json, "the runtime config");
    if (!config || !config->is_object()) {
        return {};
    }
    const auto inner = config->find("config");
    if (inner == config->end() || !inner->is_object()) {
        return {};
    }
    for (const char* key : {"rootIds", "root_ids"}) {
        const auto ids = inner->find(key);
        if (ids != inner->end() && ids->is_array() && !ids->empty() && ids->front().is_string()) {
            return ids->front().get<std::string>();
        }
    }
    return {};
}

} // namespace

Result<mesh::FilterArtifact> describe_filter(const OpenedTarget& opened,
                                             const DescribeFilterOptions& options)
{
    if (opened.registry.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "render " + opened.name + ": a mesh loads filters from a registry",
                    "push the filter to a registry and render that reference");
    }
    InspectOptions inspect_options;
    inspect_options.max_module_size = options.max_module_size;
    auto inspected = inspect(*opened.target, opened.reference, inspect_options);
    if (!inspected) {
        Error error = std::move(inspected).error();
        if (error.code == ErrorCode::too_large) {
            error.hint = "Istio and Envoy Gateway load modules up to 256 MiB: make it smaller";
        }
        return error;
    }
    mesh::FilterArtifact artifact;
    artifact.registry = opened.registry;
    artifact.repository = opened.repository;
    const bool by_digest = opened.reference.find(':') != std::string::npos;
    artifact.tag = by_digest ? std::string() : opened.reference;
    artifact.manifest_digest = inspected->descriptor.digest.str();
    artifact.reference_digest = artifact.manifest_digest;
    if (!inspected->wasm) {
        return artifact;
    }
    const auto& wasm = *inspected->wasm;
    artifact.layout = wasm.layout;
    artifact.istio = wasm.istio;
    if (!wasm.wasm_plugin_sha256.empty()) {
        artifact.manifest_digest = "sha256:" + wasm.wasm_plugin_sha256;
    }
    if (wasm.module) {
        artifact.module_size = wasm.module->size;
        artifact.plugin_type = wasm.module->proxy.suggested_plugin_type;
    }
    const bool solo = wasm.layout == wasm::Layout::solo || wasm.layout == wasm::Layout::solo_1layer;
    if (solo && inspected->config_json) {
        artifact.root_id = first_root_id(*inspected->config_json);
    }
    return artifact;
}

} // namespace oras::ops
