#include "display/manage_view.hpp"

#include "display/json_values.hpp"
#include "display/printable.hpp"

#include <fmt/format.h>

namespace coras {

std::string lines_text(const std::vector<std::string>& names)
{
    std::string out;
    for (const auto& name : names) {
        out += printable(name) + "\n";
    }
    return out;
}

std::string tags_json(const std::vector<std::string>& tags)
{
    OrderedJson out;
    out["tags"] = tags;
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string repositories_json(const std::vector<std::string>& repositories)
{
    OrderedJson out;
    out["repositories"] = repositories;
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string descriptor_line(const oras::Descriptor& desc)
{
    return descriptor_json(desc).dump();
}

std::string
annotated_reference(oras::ops::TargetKind kind, const std::string& name, const oras::Digest& digest)
{
    return fmt::format("[{}] {}@{}",
                       kind == oras::ops::TargetKind::oci_layout ? "oci-layout" : "registry",
                       printable(name),
                       digest.str());
}

} // namespace coras
