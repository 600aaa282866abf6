// JSON result documents for --format json (shapes follow oras's where oras has one).
#include "oras/ops/render.hpp"

#include "ops/render_wasm.hpp"

#include "json_descriptor.hpp"
#include "json/parse.hpp"

#include <nlohmann/json.hpp>

namespace oras::ops {

namespace {

using ordered = nlohmann::ordered_json;

ordered annotations_json(const Annotations& annotations)
{
    ordered out = ordered::object();
    for (const auto& [key, value] : annotations) {
        out[key] = value;
    }
    return out;
}

ordered parse_or_string(std::string_view text)
{
    auto parsed = parse_ordered_json(text, "shown document");
    return parsed ? std::move(*parsed) : ordered(std::string(text));
}

} // namespace

std::string push_json(const PushResult& result, const std::string& reference)
{
    ordered out;
    out["reference"] = reference;
    out["mediaType"] = result.manifest.media_type;
    out["digest"] = result.manifest.digest.str();
    out["size"] = result.manifest.size;
    out["annotations"] = annotations_json(result.manifest.annotations);
    out["artifactType"] = result.manifest.artifact_type;
    ordered blobs = ordered::array();
    for (const auto& blob : result.blobs) {
        blobs.push_back(descriptor_to_json(blob));
    }
    out["blobs"] = blobs;
    return out.dump(2);
}

std::string pull_json(const PullResult& result, const std::string& reference)
{
    ordered out;
    out["reference"] = reference;
    out["digest"] = result.manifest.digest.str();
    ordered files = ordered::array();
    for (const auto& file : result.files) {
        ordered item;
        item["path"] = file.path.string();
        item["mediaType"] = file.desc.media_type;
        item["digest"] = file.desc.digest.str();
        item["size"] = file.desc.size;
        item["annotations"] = annotations_json(file.desc.annotations);
        files.push_back(item);
    }
    out["files"] = files;
    if (result.layout != wasm::Layout::none) {
        out["layout"] = std::string(wasm::to_string(result.layout));
        out["warnings"] = result.warnings;
    }
    return out.dump(2);
}

std::string inspect_json(const InspectResult& result, const std::string& reference)
{
    ordered out;
    out["reference"] = reference;
    out["mediaType"] = result.descriptor.media_type;
    out["digest"] = result.descriptor.digest.str();
    out["size"] = result.descriptor.size;
    const auto& artifact_type = result.manifest ? result.manifest->artifact_type
                                                : result.index->artifact_type;
    out["artifactType"] = artifact_type;
    out[result.manifest ? "manifest" : "index"] = parse_or_string(result.raw);
    out["config"] = result.config_json ? parse_or_string(*result.config_json) : ordered(nullptr);
    if (result.wasm) {
        out["wasm"] = wasm_artifact_to_json(*result.wasm);
    }
    return out.dump(2);
}

std::string wasm_module_json(const WasmModuleReport& module)
{
    ordered out;
    out["wasm"] = {{"module", wasm_module_to_json(module)}};
    return out.dump(2);
}

std::string pretty_json(std::string_view json)
{
    const auto parsed = parse_ordered_json(json, "shown document");
    return parsed ? parsed->dump(2) : std::string(json);
}

} // namespace oras::ops
