#include "display/pull_view.hpp"

#include "display/printable.hpp"

#include "display/json_values.hpp"

#include <fmt/format.h>

namespace coras {

std::string pull_json(const oras::ops::PullResult& result, const std::string& reference)
{
    OrderedJson out;
    out["reference"] = reference;
    out["digest"] = result.manifest.digest.str();
    OrderedJson files = OrderedJson::array();
    for (const auto& file : result.files) {
        OrderedJson item;
        item["path"] = file.path.string();
        item["mediaType"] = file.desc.media_type;
        item["digest"] = file.desc.digest.str();
        item["size"] = file.desc.size;
        item["annotations"] = annotations_json(file.desc.annotations);
        files.push_back(item);
    }
    out["files"] = files;
    if (result.layout != oras::wasm::Layout::none) {
        out["layout"] = std::string(oras::wasm::to_string(result.layout));
        out["warnings"] = result.warnings;
    }
    return out.dump(2);
}

std::string pull_text(const oras::ops::PullResult& result,
                      oras::ops::TargetKind kind,
                      const std::string& reference)
{
    std::string out =
        fmt::format("Pulled [{}] {}\n",
                    kind == oras::ops::TargetKind::oci_layout ? "oci-layout" : "registry",
                    reference);
    if (result.layout != oras::wasm::Layout::none) {
        out += fmt::format("Layout: {}\n", oras::wasm::to_string(result.layout));
        for (const auto& file : result.files) {
            out += fmt::format("Wrote {}\n", printable(file.path.string()));
        }
    }
    out += fmt::format("Digest: {}\n", result.manifest.digest.str());
    return out;
}

} // namespace coras
