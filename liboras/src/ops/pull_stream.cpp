#include "ops/pull_stream.hpp"

#include "ops/progress_stream.hpp"
#include "oras/media_types.hpp"

namespace oras::ops {

Result<Descriptor> pick_stream_layer(const std::vector<Descriptor>& layers)
{
    std::vector<const Descriptor*> titled;
    std::vector<const Descriptor*> untitled;
    for (const auto& layer : layers) {
        if (!layer.title().empty()) {
            titled.push_back(&layer);
        } else if (layer.media_type != media_type::oci_empty) {
            untitled.push_back(&layer);
        }
    }
    if (titled.size() == 1) {
        return *titled.front();
    }
    if (titled.size() > 1) {
        std::string names;
        for (const auto* layer : titled) {
            names += (names.empty() ? "" : ", ") + layer->title();
        }
        return fail(ErrorCode::invalid_argument,
                    "pull -o -: the artifact has " + std::to_string(titled.size()) + " files (" +
                        names + "), and standard output takes one",
                    "pull them into a directory with -o DIR");
    }
    if (untitled.size() == 1) {
        return *untitled.front();
    }
    if (untitled.empty()) {
        return fail(ErrorCode::not_found, "pull -o -: the artifact has no layer to write");
    }
    return fail(ErrorCode::invalid_argument,
                "pull -o -: the artifact has " + std::to_string(untitled.size()) +
                    " untitled layers, and standard output takes one",
                "fetch one with coras blob fetch -o - REPO@DIGEST");
}

Result<PullResult> pull_to_stream(Target& source,
                                  ManifestGraph& graph,
                                  const ArtifactPlan& plan,
                                  const PullOptions& options)
{
    Descriptor layer;
    PullResult result;
    if (plan.wasm && plan.wasm->match.layout != wasm::Layout::compat &&
        plan.wasm->match.layout != wasm::Layout::compat_docker) {
        layer = plan.wasm->match.module;
        result.layout = plan.wasm->match.layout;
        result.warnings = plan.wasm->match.warnings;
    } else {
        const auto layers = ORAS_TRY(artifact_layers(graph, plan));
        layer = ORAS_TRY(pick_stream_layer(layers));
    }
    ORAS_TRY(report(options.progress, TransferState::started, layer));
    ProgressSink counted(*options.stream, layer, options.progress);
    auto fetched = fetch_verified(source, layer, counted);
    if (!fetched) {
        return std::move(fetched).error().with_context(
            "pull -o - (standard output may already hold part of the layer)");
    }
    ORAS_TRY(report(options.progress, TransferState::done, layer, layer.size));
    result.files.push_back(PulledFile{"-", layer});
    return result;
}

} // namespace oras::ops
