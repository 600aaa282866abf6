#include "json_descriptor.hpp"

#include "base64.hpp"
#include "json/parse.hpp"

#include <array>
#include <cstdint>
#include <limits>

namespace oras {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::size_t k_max_shown_value = 40;

Error invalid(std::string_view path, std::string_view problem)
{
    return fail(ErrorCode::invalid_format, std::string(path) + ": " + std::string(problem));
}

// A short rendering of a JSON value for error messages.
std::string shown(const json& value)
{
    std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    if (text.size() > k_max_shown_value) {
        text = text.substr(0, k_max_shown_value) + "...";
    }
    return text;
}

Result<std::uint64_t> size_member(const json& object, std::string_view where)
{
    const std::string path = member_path(where, "size");
    const auto found = object.find("size");
    if (found == object.end()) {
        return invalid(path, "missing");
    }
    if (found->is_number_unsigned()) {
        const auto size = found->get<std::uint64_t>();
        if (size > k_max_descriptor_size) {
            return invalid(path,
                           "is " + std::to_string(size) +
                               ", over 2^53: no real content is this "
                               "large");
        }
        return size;
    }
    if (found->is_number_integer()) {
        return invalid(path, "must not be negative, got " + shown(*found));
    }
    return invalid(path, "must be a non-negative integer, got " + shown(*found));
}

Result<std::vector<std::string>>
string_array_member(const json& object, std::string_view key, std::string_view where)
{
    const std::string path = member_path(where, key);
    const auto found = object.find(key);
    std::vector<std::string> values;
    if (found == object.end() || found->is_null()) {
        return values;
    }
    if (!found->is_array()) {
        return invalid(path, "must be an array of strings, got " + shown(*found));
    }
    for (std::size_t i = 0; i < found->size(); ++i) {
        const json& item = (*found)[i];
        if (!item.is_string()) {
            return invalid(path + "[" + std::to_string(i) + "]",
                           "must be a string, got " + shown(item));
        }
        values.push_back(item.get<std::string>());
    }
    return values;
}

Result<std::optional<std::string>>
data_member(const json& object, const Descriptor& desc, std::string_view where)
{
    const std::string path = member_path(where, "data");
    const auto encoded = ORAS_TRY(optional_string_member(object, "data", where));
    if (!encoded) {
        return std::optional<std::string>();
    }
    auto decoded = base64_decode(*encoded, Padding::required);
    if (!decoded) {
        return invalid(path, "invalid base64");
    }
    if (decoded->size() != desc.size) {
        return invalid(path,
                       "holds " + std::to_string(decoded->size()) + " bytes but size is " +
                           std::to_string(desc.size));
    }
    if (desc.digest.algorithm() == "sha256" && sha256_of(*decoded) != desc.digest) {
        return invalid(path, "does not match digest " + desc.digest.str());
    }
    return decoded;
}

} // namespace

std::string member_path(std::string_view where, std::string_view key)
{
    if (where.empty()) {
        return std::string(key);
    }
    return std::string(where) + "." + std::string(key);
}

Result<json> parse_json_object(std::string_view bytes, std::string_view what)
{
    json value = ORAS_TRY(parse_json(bytes, what));
    if (!value.is_object()) {
        return invalid(what, "not a JSON object");
    }
    return value;
}

std::string dump_compact(const ordered_json& json)
{
    return json.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

Result<std::optional<std::string>>
optional_string_member(const json& object, std::string_view key, std::string_view where)
{
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) {
        return std::optional<std::string>();
    }
    if (!found->is_string()) {
        return invalid(member_path(where, key), "must be a string, got " + shown(*found));
    }
    return std::optional<std::string>(found->get<std::string>());
}

Result<std::string>
required_string_member(const json& object, std::string_view key, std::string_view where)
{
    auto value = ORAS_TRY(optional_string_member(object, key, where));
    if (!value) {
        return invalid(member_path(where, key), "missing");
    }
    return std::move(*value);
}

ordered_json annotations_to_json(const Annotations& annotations)
{
    ordered_json out = ordered_json::object();
    for (const auto& [key, value] : annotations) {
        out[key] = value;
    }
    return out;
}

Result<Annotations>
annotations_from_json(const json& object, std::string_view key, std::string_view where)
{
    const std::string path = member_path(where, key);
    const auto found = object.find(key);
    Annotations annotations;
    if (found == object.end() || found->is_null()) {
        return annotations;
    }
    if (!found->is_object()) {
        return invalid(path, "must be an object of strings, got " + shown(*found));
    }
    for (const auto& [name, value] : found->items()) {
        if (!value.is_string()) {
            return invalid(path + "[\"" + name + "\"]", "must be a string, got " + shown(value));
        }
        annotations.emplace(name, value.get<std::string>());
    }
    return annotations;
}

ordered_json platform_to_json(const Platform& platform)
{
    ordered_json out = ordered_json::object();
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

Result<Platform> platform_from_json(const json& value, std::string_view where)
{
    if (!value.is_object()) {
        return invalid(where, "must be an object, got " + shown(value));
    }
    Platform platform;
    platform.architecture = ORAS_TRY(required_string_member(value, "architecture", where));
    platform.os = ORAS_TRY(required_string_member(value, "os", where));
    platform.os_version =
        ORAS_TRY(optional_string_member(value, "os.version", where)).value_or(std::string());
    platform.os_features = ORAS_TRY(string_array_member(value, "os.features", where));
    platform.variant =
        ORAS_TRY(optional_string_member(value, "variant", where)).value_or(std::string());
    return platform;
}

ordered_json descriptor_to_json(const Descriptor& desc)
{
    ordered_json out = ordered_json::object();
    out["mediaType"] = desc.media_type;
    out["digest"] = desc.digest.str();
    out["size"] = desc.size;
    if (!desc.urls.empty()) {
        out["urls"] = desc.urls;
    }
    if (!desc.annotations.empty()) {
        out["annotations"] = annotations_to_json(desc.annotations);
    }
    if (desc.data) {
        out["data"] = base64_encode(*desc.data);
    }
    if (desc.platform) {
        out["platform"] = platform_to_json(*desc.platform);
    }
    if (!desc.artifact_type.empty()) {
        out["artifactType"] = desc.artifact_type;
    }
    return out;
}

Result<Descriptor> descriptor_from_json(const json& value, std::string_view where)
{
    if (!value.is_object()) {
        return invalid(where.empty() ? "descriptor" : where,
                       "must be an object, got " + shown(value));
    }
    Descriptor desc;
    desc.media_type = ORAS_TRY(required_string_member(value, "mediaType", where));
    const std::string digest_text = ORAS_TRY(required_string_member(value, "digest", where));
    auto digest = Digest::parse(digest_text);
    if (!digest) {
        return invalid(member_path(where, "digest"), digest.error().message);
    }
    desc.digest = std::move(*digest);
    desc.size = ORAS_TRY(size_member(value, where));
    desc.urls = ORAS_TRY(string_array_member(value, "urls", where));
    desc.annotations = ORAS_TRY(annotations_from_json(value, "annotations", where));
    desc.data = ORAS_TRY(data_member(value, desc, where));
    const auto platform = value.find("platform");
    if (platform != value.end() && !platform->is_null()) {
        desc.platform = ORAS_TRY(platform_from_json(*platform, member_path(where, "platform")));
    }
    desc.artifact_type =
        ORAS_TRY(optional_string_member(value, "artifactType", where)).value_or(std::string());
    return desc;
}

Result<std::vector<Descriptor>>
descriptors_from_json(const json& object, std::string_view key, std::string_view where)
{
    const std::string path = member_path(where, key);
    const auto found = object.find(key);
    std::vector<Descriptor> descriptors;
    if (found == object.end() || found->is_null()) {
        return descriptors;
    }
    if (!found->is_array()) {
        return invalid(path, "must be an array, got " + shown(*found));
    }
    descriptors.reserve(found->size());
    for (std::size_t i = 0; i < found->size(); ++i) {
        descriptors.push_back(
            ORAS_TRY(descriptor_from_json((*found)[i], path + "[" + std::to_string(i) + "]")));
    }
    return descriptors;
}

} // namespace oras
