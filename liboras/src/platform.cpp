#include "oras/platform.hpp"

#include <vector>

namespace oras {

namespace {

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    for (;;) {
        const auto at = text.find(separator);
        parts.push_back(text.substr(0, at));
        if (at == std::string_view::npos) {
            return parts;
        }
        text.remove_prefix(at + 1);
    }
}

} // namespace

Result<Platform> parse_platform(std::string_view text)
{
    const auto invalid = [&text](const std::string& why) {
        return fail(ErrorCode::invalid_argument,
                    "invalid platform \"" + std::string(text) + "\": " + why +
                        " (expected os/arch[/variant][:os_version])");
    };
    Platform platform;
    std::string_view path = text;
    if (const auto colon = text.find(':'); colon != std::string_view::npos) {
        platform.os_version = std::string(text.substr(colon + 1));
        if (platform.os_version.empty()) {
            return invalid("empty os version");
        }
        path = text.substr(0, colon);
    }
    const auto parts = split(path, '/');
    if (parts.size() < 2 || parts.size() > 3) {
        return invalid("os and architecture are required");
    }
    for (const auto part : parts) {
        if (part.empty()) {
            return invalid("empty part");
        }
    }
    platform.os = std::string(parts[0]);
    platform.architecture = std::string(parts[1]);
    if (parts.size() == 3) {
        platform.variant = std::string(parts[2]);
    }
    return platform;
}

std::string platform_string(const Platform& platform)
{
    std::string text = platform.os + "/" + platform.architecture;
    if (!platform.variant.empty()) {
        text += "/" + platform.variant;
    }
    if (!platform.os_version.empty()) {
        text += ":" + platform.os_version;
    }
    return text;
}

bool platform_matches(const Platform& candidate, const Platform& wanted)
{
    return candidate.os == wanted.os && candidate.architecture == wanted.architecture &&
           (wanted.variant.empty() || candidate.variant == wanted.variant) &&
           (wanted.os_version.empty() || candidate.os_version == wanted.os_version);
}

Result<Descriptor> select_platform(const Index& index, const Platform& wanted)
{
    for (const Descriptor& entry : index.manifests) {
        if (entry.platform && platform_matches(*entry.platform, wanted)) {
            return entry;
        }
    }
    return fail(ErrorCode::not_found,
                "no manifest for platform " + platform_string(wanted) + " in the index");
}

} // namespace oras
