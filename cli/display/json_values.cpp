#include "display/json_values.hpp"

namespace coras {

namespace {

OrderedJson platform_json(const oras::Platform& platform)
{
    OrderedJson out = OrderedJson::object();
    out["architecture"] = platform.architecture;
    out["os"] = platform.os;
    if (!platform.os_version.empty()) {
        out["os.version"] = platform.os_version;
    }
    if (!platform.os_features.empty()) {
        out["os.features"] = platform.os_features;
    }
    if (!platform.variant.empty()) {
        out["variant"] = platform.variant;
    }
    return out;
}

} // namespace

OrderedJson annotations_json(const oras::Annotations& annotations)
{
    OrderedJson out = OrderedJson::object();
    for (const auto& [key, value] : annotations) {
        out[key] = value;
    }
    return out;
}

OrderedJson descriptor_json(const oras::Descriptor& desc)
{
    OrderedJson out = OrderedJson::object();
    out["mediaType"] = desc.media_type;
    out["digest"] = desc.digest.str();
    out["size"] = desc.size;
    if (!desc.urls.empty()) {
        out["urls"] = desc.urls;
    }
    if (!desc.annotations.empty()) {
        out["annotations"] = annotations_json(desc.annotations);
    }
    if (desc.platform) {
        out["platform"] = platform_json(*desc.platform);
    }
    if (!desc.artifact_type.empty()) {
        out["artifactType"] = desc.artifact_type;
    }
    return out;
}

OrderedJson json_or_string(std::string_view text)
{
    auto parsed = OrderedJson::parse(text, nullptr, false);
    return parsed.is_discarded() ? OrderedJson(std::string(text)) : parsed;
}

std::string pretty_json(std::string_view json)
{
    const auto parsed = OrderedJson::parse(json, nullptr, false);
    return parsed.is_discarded() ? std::string(json) : parsed.dump(2);
}

} // namespace coras
