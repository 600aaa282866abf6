#include "display/index_view.hpp"

#include <fmt/format.h>

namespace coras {

std::string index_reference(const oras::ops::IndexResult& result,
                            const std::string& name,
                            const std::string& typed)
{
    if (!result.pushed) {
        return typed;
    }
    if (result.tags.empty()) {
        return name + "@" + result.desc.digest.str();
    }
    return name + ":" + result.tags.front();
}

std::string index_text(const oras::ops::IndexResult& result,
                       oras::ops::TargetKind kind,
                       const std::string& name,
                       const std::string& output_file)
{
    std::string out;
    const char* where = kind == oras::ops::TargetKind::oci_layout ? "oci-layout" : "registry";
    if (!result.pushed) {
        out += fmt::format("Wrote {}\n", output_file);
    } else if (result.tags.empty()) {
        out += fmt::format("Pushed [{}] {}@{}\n", where, name, result.desc.digest.str());
    } else {
        for (const auto& tag : result.tags) {
            out += fmt::format("Pushed [{}] {}:{}\n", where, name, tag);
        }
    }
    out += fmt::format("Digest: {}\n", result.desc.digest.str());
    return out;
}

} // namespace coras
