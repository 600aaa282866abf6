#include "oras/platform.hpp"

#include <algorithm>
#include <vector>

namespace oras {

namespace {

// The architecture oras assumes when --platform names only an os (Go's GOARCH names).
std::string host_architecture()
{
#if defined(__x86_64__)
    return "amd64";
#elif defined(__aarch64__)
    return "arm64";
#elif defined(__arm__)
    return "arm";
#elif defined(__i386__)
    return "386";
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
    return "ppc64le";
#elif defined(__s390x__)
    return "s390x";
#elif defined(__riscv) && __riscv_xlen == 64
    return "riscv64";
#else
    return "amd64";
#endif
}

Result<Platform> invalid(std::string_view text, const std::string& why)
{
    return fail(ErrorCode::invalid_argument,
                "invalid platform \"" + std::string(text) + "\": " + why,
                "use os/arch[/variant][:os_version], e.g. linux/amd64 or linux/arm/v7");
}

} // namespace

Result<Platform> parse_platform(std::string_view text)
{
    Platform platform;
    std::string_view parts = text;
    if (const auto colon = text.find(':'); colon != std::string_view::npos) {
        platform.os_version = std::string(text.substr(colon + 1));
        parts = text.substr(0, colon);
        if (platform.os_version.empty()) {
            return invalid(text, "empty os version after ':'");
        }
    }
    std::vector<std::string> fields;
    while (true) {
        const auto slash = parts.find('/');
        fields.emplace_back(parts.substr(0, slash));
        if (slash == std::string_view::npos) {
            break;
        }
        parts.remove_prefix(slash + 1);
    }
    if (fields.size() > 3) {
        return invalid(text, "more than os/arch/variant");
    }
    if (std::any_of(fields.begin(), fields.end(), [](const auto& f) { return f.empty(); })) {
        return invalid(text, "an empty part");
    }
    platform.os = fields[0];
    platform.architecture = fields.size() > 1 ? fields[1] : host_architecture();
    if (fields.size() > 2) {
        platform.variant = fields[2];
    }
    return platform;
}

std::string platform_string(const Platform& platform)
{
    std::string out = platform.os + "/" + platform.architecture;
    if (!platform.variant.empty()) {
        out += "/" + platform.variant;
    }
    if (!platform.os_version.empty()) {
        out += ":" + platform.os_version;
    }
    return out;
}

bool platform_matches(const Platform& got, const Platform& wanted)
{
    if (got.os != wanted.os || got.architecture != wanted.architecture) {
        return false;
    }
    if (!wanted.variant.empty() && got.variant != wanted.variant) {
        return false;
    }
    if (!wanted.os_version.empty() && got.os_version != wanted.os_version) {
        return false;
    }
    return std::all_of(
        wanted.os_features.begin(), wanted.os_features.end(), [&](const std::string& feature) {
            return std::find(got.os_features.begin(), got.os_features.end(), feature) !=
                   got.os_features.end();
        });
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
