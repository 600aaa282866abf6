#include "display/inspect_view.hpp"

#include "display/printable.hpp"

#include "display/json_values.hpp"
#include "display/wasm_view.hpp"

#include <fmt/format.h>

namespace coras {

namespace {

using oras::Annotations;
using oras::Descriptor;
using oras::Index;
using oras::ops::InspectResult;

std::string human_size(std::uint64_t bytes)
{
    if (bytes < 1024) {
        return fmt::format("{} B", bytes);
    }
    const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes) / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return fmt::format("{:.1f} {} ({} B)", value, units[unit], bytes);
}

void append_annotations(std::string& out, const Annotations& annotations, std::string_view indent)
{
    for (const auto& [key, value] : annotations) {
        out += fmt::format("{}{}: {}\n", indent, printable(key), printable(value));
    }
}

void append_descriptor(std::string& out, const Descriptor& desc, std::string_view indent)
{
    out += fmt::format("{}Media type: {}\n", indent, printable(desc.media_type));
    out += fmt::format("{}Digest:     {}\n", indent, desc.digest.str());
    out += fmt::format("{}Size:       {}\n", indent, human_size(desc.size));
    if (!desc.artifact_type.empty()) {
        out += fmt::format("{}Artifact type: {}\n", indent, printable(desc.artifact_type));
    }
    if (desc.platform) {
        out += fmt::format("{}Platform:   {}/{}\n",
                           indent,
                           printable(desc.platform->os),
                           printable(desc.platform->architecture));
    }
    if (!desc.annotations.empty()) {
        out += fmt::format("{}Annotations:\n", indent);
        append_annotations(out, desc.annotations, std::string(indent) + "  ");
    }
}

void append_manifest(std::string& out, const InspectResult& result)
{
    const auto& manifest = *result.manifest;
    if (!manifest.artifact_type.empty()) {
        out += fmt::format("Artifact type: {}\n", printable(manifest.artifact_type));
    }
    if (!manifest.annotations.empty()) {
        out += "Annotations:\n";
        append_annotations(out, manifest.annotations, "  ");
    }
    out += "Config:\n";
    append_descriptor(out, manifest.config, "  ");
    if (result.config_json) {
        out += "  Content:\n";
        const std::string pretty = pretty_json(*result.config_json);
        for (std::string_view rest = pretty; !rest.empty();) {
            const auto newline = rest.find('\n');
            out += fmt::format("    {}\n", rest.substr(0, newline));
            rest =
                newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
        }
    }
    out += fmt::format("Layers: {}\n", manifest.layers.size());
    for (std::size_t i = 0; i < manifest.layers.size(); ++i) {
        out += fmt::format("  [{}]\n", i);
        append_descriptor(out, manifest.layers[i], "    ");
    }
    if (manifest.subject) {
        out += "Subject:\n";
        append_descriptor(out, *manifest.subject, "  ");
    }
}

void append_index(std::string& out, const Index& index)
{
    if (!index.artifact_type.empty()) {
        out += fmt::format("Artifact type: {}\n", printable(index.artifact_type));
    }
    if (!index.annotations.empty()) {
        out += "Annotations:\n";
        append_annotations(out, index.annotations, "  ");
    }
    out += fmt::format("Manifests: {}\n", index.manifests.size());
    for (std::size_t i = 0; i < index.manifests.size(); ++i) {
        out += fmt::format("  [{}]\n", i);
        append_descriptor(out, index.manifests[i], "    ");
    }
}

} // namespace

std::string inspect_json(const InspectResult& result, const std::string& reference)
{
    OrderedJson out;
    out["reference"] = reference;
    out["mediaType"] = result.descriptor.media_type;
    out["digest"] = result.descriptor.digest.str();
    out["size"] = result.descriptor.size;
    const auto& artifact_type =
        result.manifest ? result.manifest->artifact_type : result.index->artifact_type;
    out["artifactType"] = artifact_type;
    out[result.manifest ? "manifest" : "index"] = json_or_string(result.raw);
    out["config"] = result.config_json ? json_or_string(*result.config_json) : OrderedJson(nullptr);
    if (result.wasm) {
        out["wasm"] = wasm_artifact_to_json(*result.wasm);
    }
    return out.dump(2);
}

std::string inspect_text(const InspectResult& result, const std::string& reference)
{
    std::string out;
    out += fmt::format("Reference:  {}\n", reference);
    out += fmt::format("Media type: {}\n", printable(result.descriptor.media_type));
    out += fmt::format("Digest:     {}\n", result.descriptor.digest.str());
    out += fmt::format("Size:       {}\n", human_size(result.descriptor.size));
    if (result.manifest) {
        append_manifest(out, result);
    } else {
        append_index(out, *result.index);
    }
    if (result.wasm) {
        append_wasm_artifact_text(out, *result.wasm);
    }
    return out;
}

} // namespace coras
