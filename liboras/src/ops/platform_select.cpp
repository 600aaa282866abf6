#include "ops/platform_select.hpp"

#include "oras/media_types.hpp"
#include "oras/platform.hpp"
#include "json/parse.hpp"

namespace oras::ops {

namespace {

Error no_match(const ManifestNode& node, const Platform& wanted, const std::string& why)
{
    return fail(ErrorCode::not_found,
                "no manifest for platform " + platform_string(wanted) + " in " +
                    node.descriptor().digest.str() + ": " + why);
}

std::string string_member(const nlohmann::json& object, const char* name)
{
    const auto found = object.find(name);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The platform an image config declares (image-spec config.md: os, architecture, variant,
// os.version).
Result<Platform> config_platform(Fetcher& source, const Descriptor& config)
{
    const std::string bytes = ORAS_TRY(fetch_bytes(source, config, k_max_manifest_bytes));
    const auto json = ORAS_TRY(parse_json(bytes, "config " + config.digest.str()));
    if (!json.is_object()) {
        return fail(ErrorCode::invalid_format,
                    "config " + config.digest.str() + ": not a JSON object");
    }
    Platform platform;
    platform.os = string_member(json, "os");
    platform.architecture = string_member(json, "architecture");
    platform.variant = string_member(json, "variant");
    platform.os_version = string_member(json, "os.version");
    return platform;
}

} // namespace

Result<const ManifestNode*> select_platform(ManifestGraph& graph,
                                            Fetcher& source,
                                            const ManifestNode& node,
                                            const Platform& wanted)
{
    if (node.index) {
        for (const auto& entry : node.index->manifests) {
            if (entry.platform && platform_matches(*entry.platform, wanted)) {
                return graph.child(entry);
            }
        }
        return no_match(node, wanted, "no index entry matches");
    }
    const Descriptor& config = node.manifest->config;
    if (config.media_type != media_type::oci_config &&
        config.media_type != media_type::docker_config) {
        return no_match(node, wanted, "it is no index and its config is no image config");
    }
    const Platform declared = ORAS_TRY(config_platform(source, config));
    if (!platform_matches(declared, wanted)) {
        return no_match(node, wanted, "its config is for " + platform_string(declared));
    }
    return &node;
}

} // namespace oras::ops
