#include "ops/artifact_plan.hpp"

#include "oras/media_types.hpp"
#include "wasm/artifact_files.hpp"

namespace oras::ops {

namespace {

// The image manifest a Wasm pull would take from `root`: itself, or the index entry Istio's
// agent picks; null when there is none to take. `warning` tells of a choice not linux/amd64.
Result<const ManifestNode*>
wasm_image(ManifestGraph& graph, const ManifestNode& root, std::string& warning)
{
    if (!root.index) {
        return &root;
    }
    auto chosen = wasm::select_manifest(*root.index, warning);
    if (!chosen || !media_type::is_manifest(chosen->media_type) ||
        media_type::is_index(chosen->media_type)) {
        return static_cast<const ManifestNode*>(nullptr);
    }
    return graph.child(*chosen);
}

} // namespace

Result<ArtifactPlan> plan_artifact(ManifestGraph& graph, std::string_view reference)
{
    ArtifactPlan plan;
    plan.root = ORAS_TRY(graph.root(reference));
    std::string warning;
    const ManifestNode* image = ORAS_TRY(wasm_image(graph, *plan.root, warning));
    if (image == nullptr || !image->manifest) {
        return plan;
    }
    auto match =
        ORAS_TRY(wasm::match_module_artifact(*image->manifest, image->descriptor().media_type));
    if (!match) {
        return plan;
    }
    if (!warning.empty()) {
        match->warnings.insert(match->warnings.begin(), warning);
    }
    plan.wasm = WasmArtifact{image, std::move(*match)};
    return plan;
}

Result<std::vector<Descriptor>> artifact_layers(ManifestGraph& graph, const ArtifactPlan& plan)
{
    std::vector<Descriptor> layers;
    for (const ManifestNode* image : ORAS_TRY(graph.image_manifests(*plan.root))) {
        const Manifest& manifest = *image->manifest;
        if (!manifest.config.title().empty()) {
            layers.push_back(manifest.config);
        }
        layers.insert(layers.end(), manifest.layers.begin(), manifest.layers.end());
    }
    return layers;
}

} // namespace oras::ops
