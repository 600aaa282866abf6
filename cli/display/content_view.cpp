#include "display/content_view.hpp"

#include "display/json_values.hpp"

#include <fmt/format.h>

namespace coras {

std::string descriptor_text(const oras::Descriptor& desc, JsonStyle style)
{
    return descriptor_json(desc).dump(style == JsonStyle::pretty ? 2 : -1) + "\n";
}

std::string content_text(std::string_view bytes, JsonStyle style)
{
    if (style == JsonStyle::compact) {
        return std::string(bytes);
    }
    return pretty_json(bytes) + "\n";
}

std::string manifest_fetch_json(const oras::FetchedManifest& fetched)
{
    OrderedJson out = descriptor_json(fetched.descriptor);
    out["content"] = json_or_string(fetched.bytes);
    return out.dump(2);
}

std::string pushed_json(const oras::Descriptor& desc, const std::string& reference)
{
    OrderedJson out;
    out["reference"] = reference;
    out["mediaType"] = desc.media_type;
    out["digest"] = desc.digest.str();
    out["size"] = desc.size;
    return out.dump(2);
}

std::string
pushed_text(const oras::Descriptor& desc, oras::ops::TargetKind kind, const std::string& reference)
{
    return fmt::format("Pushed [{}] {}\nDigest: {}\n",
                       kind == oras::ops::TargetKind::oci_layout ? "oci-layout" : "registry",
                       reference,
                       desc.digest.str());
}

} // namespace coras
