#include "display/push_view.hpp"

#include "display/json_values.hpp"

#include <fmt/format.h>

namespace coras {

std::string push_json(const oras::ops::PushResult& result, const std::string& reference)
{
    OrderedJson out;
    out["reference"] = reference;
    out["mediaType"] = result.manifest.media_type;
    out["digest"] = result.manifest.digest.str();
    out["size"] = result.manifest.size;
    out["annotations"] = annotations_json(result.manifest.annotations);
    out["artifactType"] = result.manifest.artifact_type;
    OrderedJson blobs = OrderedJson::array();
    for (const auto& blob : result.blobs) {
        blobs.push_back(descriptor_json(blob));
    }
    out["blobs"] = blobs;
    return out.dump(2);
}

std::string push_text(const oras::ops::PushResult& result,
                      oras::ops::TargetKind kind,
                      const std::string& reference)
{
    std::string out =
        fmt::format("Pushed [{}] {}\n",
                    kind == oras::ops::TargetKind::oci_layout ? "oci-layout" : "registry",
                    reference);
    if (!result.manifest.artifact_type.empty()) {
        out += fmt::format("ArtifactType: {}\n", result.manifest.artifact_type);
    }
    out += fmt::format("Digest: {}\n", result.manifest.digest.str());
    return out;
}

} // namespace coras
