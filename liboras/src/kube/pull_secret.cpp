#include "kube/pull_secret.hpp"

#include "base64.hpp"
#include "kube/flat_manifest.hpp"
#include "kube/kind.hpp"
#include "json/parse.hpp"

#include <map>

namespace oras::kube {

namespace {

constexpr std::string_view k_dockerconfigjson = ".dockerconfigjson";
constexpr std::string_view k_dockercfg = ".dockercfg";

// The value of `key` in the Secret's `data` (base64) or `stringData` (plain); nullopt when
// neither has it.
Result<std::optional<std::string>>
secret_value(const FlatManifest& secret, std::string_view key, const std::string& origin)
{
    const auto string_data = ORAS_TRY(secret.string_map("stringData"));
    if (string_data) {
        if (const auto found = string_data->find(std::string(key)); found != string_data->end()) {
            return std::optional(found->second);
        }
    }
    const auto data = ORAS_TRY(secret.string_map("data"));
    if (!data) {
        return std::optional<std::string>();
    }
    const auto found = data->find(std::string(key));
    if (found == data->end()) {
        return std::optional<std::string>();
    }
    std::string encoded;
    for (const char c : found->second) {
        if (c != '\n' && c != '\r' && c != ' ') {
            encoded += c; // base64 wrapped over lines in a block scalar
        }
    }
    auto decoded = base64_decode(encoded, Padding::optional);
    if (!decoded) {
        return fail(ErrorCode::invalid_format,
                    origin + ": data." + std::string(key) + ": not base64");
    }
    return std::optional(std::move(*decoded));
}

} // namespace

Result<std::optional<std::string>> docker_config_from_secret(std::string_view text,
                                                             const std::string& origin)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    const bool json = first != std::string_view::npos && text[first] == '{';
    if (!json && !looks_like_yaml_mapping(text)) {
        return std::optional<std::string>(); // not JSON either: the config parser says so
    }
    auto parsed = json ? parse_json_manifest(text, origin) : parse_yaml_manifest(text, origin);
    if (!parsed && json) {
        return std::optional<std::string>(); // the config parser reports its own way
    }
    const FlatManifest manifest = ORAS_TRY(std::move(parsed));
    const auto kind = manifest.scalar("kind");
    if (!kind) {
        if (json) {
            return std::optional<std::string>(); // a docker config file
        }
        return fail(ErrorCode::invalid_format,
                    origin + ": YAML without `kind`: neither a docker config file nor a "
                             "Kubernetes Secret");
    }
    if (*kind != "Secret") {
        return fail(ErrorCode::invalid_format,
                    origin + ": " + kind_phrase(*kind) + ", not a Secret",
                    "give the pull secret (type kubernetes.io/dockerconfigjson)");
    }
    if (auto config = ORAS_TRY(secret_value(manifest, k_dockerconfigjson, origin))) {
        return config;
    }
    if (auto legacy = ORAS_TRY(secret_value(manifest, k_dockercfg, origin))) {
        // kubernetes.io/dockercfg holds what config.json keeps under `auths`.
        const auto auths = ORAS_TRY(parse_json(*legacy, origin + ": .dockercfg"));
        if (!auths.is_object()) {
            return fail(ErrorCode::invalid_format, origin + ": .dockercfg: not a JSON object");
        }
        return std::optional(nlohmann::json{{"auths", auths}}.dump());
    }
    return fail(ErrorCode::invalid_format,
                origin + ": a Secret without data.\".dockerconfigjson\"",
                "give a Secret of type kubernetes.io/dockerconfigjson");
}

} // namespace oras::kube
