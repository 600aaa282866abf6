// What an artifact holds, read once: the root manifest or index, and (for an index) the entry
// a Wasm pull takes; whether it is a Wasm module artifact and where its module is; and, for a
// generic pull, every layer of every image manifest. pull, the Wasm-aware pull and inspect
// (and later copy) all start here.
#pragma once

#include "ops/manifest_graph.hpp"
#include "oras/content.hpp"
#include "oras/wasm_artifact.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace oras::ops {

// A Wasm module artifact: the image manifest that holds the module, and where it is.
struct WasmArtifact
{
    const ManifestNode* image = nullptr; // the root, or the index entry chosen
    wasm::LayoutMatch match;             // its warnings include the index choice's
};

struct ArtifactPlan
{
    const ManifestNode* root = nullptr;
    std::optional<WasmArtifact> wasm; // set when the artifact is pulled as a module
};

// Reads `reference` through `graph` (one manifest GET; for an index, one more for the entry
// wasm::select_manifest() picks) and recognises a Wasm module artifact. Fails as fetching and
// parsing do, or with invalid_format for a CNCF config whose layers break that spec.
Result<ArtifactPlan> plan_artifact(ManifestGraph& graph, std::string_view reference);

// The layers a generic pull considers, in order: for each image manifest reachable from the
// root (each digest once), its config when titled, then its layers. Fails as
// ManifestGraph::image_manifests().
Result<std::vector<Descriptor>> artifact_layers(ManifestGraph& graph, const ArtifactPlan& plan);

} // namespace oras::ops
