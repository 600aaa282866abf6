#include "oras/manifest.hpp"

#include "json_descriptor.hpp"
#include "oras/media_types.hpp"

#include <cstdint>

namespace oras {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

Error invalid(std::string_view path, std::string_view problem)
{
    return fail(ErrorCode::invalid_format, std::string(path) + ": " + std::string(problem));
}

Result<void> check_size(std::string_view bytes, std::string_view what)
{
    if (bytes.size() > k_max_manifest_bytes) {
        return fail(ErrorCode::too_large,
                    std::string(what) + ": " + std::to_string(bytes.size()) +
                        " bytes is over the limit of " + std::to_string(k_max_manifest_bytes));
    }
    return {};
}

Result<void> check_schema_version(const json& object)
{
    const auto found = object.find("schemaVersion");
    if (found == object.end()) {
        return invalid("schemaVersion", "missing");
    }
    if (found->is_number_integer() && found->get<std::int64_t>() == 2) {
        return {};
    }
    std::string problem = "must be 2, got " + found->dump();
    if (*found == 1) {
        problem += " (Docker schema 1 manifests are not supported)";
    }
    return invalid("schemaVersion", problem);
}

// `media_type` without parameters ("; charset=utf-8") and surrounding blanks.
std::string_view bare_media_type(std::string_view media_type)
{
    media_type = media_type.substr(0, media_type.find(';'));
    while (!media_type.empty() && (media_type.back() == ' ' || media_type.back() == '\t')) {
        media_type.remove_suffix(1);
    }
    while (!media_type.empty() && (media_type.front() == ' ' || media_type.front() == '\t')) {
        media_type.remove_prefix(1);
    }
    return media_type;
}

// Checks that the served type and the "mediaType" member agree and denote the wanted kind.
// A served type that is not one of the manifest types (application/json, ...) is ignored.
Result<void> check_media_type(std::string_view served,
                              const std::optional<std::string>& declared,
                              bool want_index)
{
    served = bare_media_type(served);
    std::string_view effective = declared ? std::string_view(*declared) : std::string_view();
    if (media_type::is_manifest(served)) {
        if (declared && *declared != served) {
            return invalid("mediaType",
                           "\"" + *declared + "\" does not match the content type \"" +
                               std::string(served) + "\"");
        }
        effective = served;
    }
    if (effective.empty() || !media_type::is_manifest(effective)) {
        return {};
    }
    if (media_type::is_index(effective) != want_index) {
        return invalid("mediaType",
                       "\"" + std::string(effective) + "\" is " +
                           (want_index ? "an image manifest, not an index"
                                       : "an index, not an image manifest"));
    }
    return {};
}

Result<std::optional<Descriptor>> optional_descriptor(const json& object, std::string_view key)
{
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) {
        return std::optional<Descriptor>();
    }
    return std::optional<Descriptor>(ORAS_TRY(descriptor_from_json(*found, key)));
}

Result<Manifest> manifest_from_json(const json& object, std::string_view served)
{
    ORAS_TRY(check_schema_version(object));
    Manifest manifest;
    const auto declared = ORAS_TRY(optional_string_member(object, "mediaType", ""));
    ORAS_TRY(check_media_type(served, declared, false));
    manifest.media_type = declared.value_or(std::string());
    manifest.artifact_type =
        ORAS_TRY(optional_string_member(object, "artifactType", "")).value_or(std::string());
    auto config = ORAS_TRY(optional_descriptor(object, "config"));
    if (!config) {
        return invalid("config", "missing");
    }
    manifest.config = std::move(*config);
    manifest.layers = ORAS_TRY(descriptors_from_json(object, "layers", ""));
    manifest.subject = ORAS_TRY(optional_descriptor(object, "subject"));
    manifest.annotations = ORAS_TRY(annotations_from_json(object, "annotations", ""));
    return manifest;
}

Result<Index> index_from_json(const json& object, std::string_view served)
{
    ORAS_TRY(check_schema_version(object));
    Index index;
    const auto declared = ORAS_TRY(optional_string_member(object, "mediaType", ""));
    ORAS_TRY(check_media_type(served, declared, true));
    index.media_type = declared.value_or(std::string());
    index.artifact_type =
        ORAS_TRY(optional_string_member(object, "artifactType", "")).value_or(std::string());
    index.manifests = ORAS_TRY(descriptors_from_json(object, "manifests", ""));
    index.subject = ORAS_TRY(optional_descriptor(object, "subject"));
    index.annotations = ORAS_TRY(annotations_from_json(object, "annotations", ""));
    return index;
}

void put_common_tail(ordered_json& out,
                     const std::optional<Descriptor>& subject,
                     const Annotations& annotations)
{
    if (subject) {
        out["subject"] = descriptor_to_json(*subject);
    }
    if (!annotations.empty()) {
        out["annotations"] = annotations_to_json(annotations);
    }
}

ordered_json
header_json(int schema_version, const std::string& media_type, const std::string& artifact_type)
{
    ordered_json out = ordered_json::object();
    out["schemaVersion"] = schema_version;
    if (!media_type.empty()) {
        out["mediaType"] = media_type;
    }
    if (!artifact_type.empty()) {
        out["artifactType"] = artifact_type;
    }
    return out;
}

ordered_json descriptors_json(const std::vector<Descriptor>& descriptors)
{
    ordered_json out = ordered_json::array();
    for (const Descriptor& desc : descriptors) {
        out.push_back(descriptor_to_json(desc));
    }
    return out;
}

} // namespace

Result<Manifest> parse_manifest(std::string_view bytes, std::string_view media_type)
{
    ORAS_TRY(check_size(bytes, "manifest"));
    const json object = ORAS_TRY(parse_json_object(bytes, "manifest"));
    auto manifest = manifest_from_json(object, media_type);
    if (!manifest) {
        return manifest.error().with_context("manifest");
    }
    return manifest;
}

Result<Index> parse_index(std::string_view bytes, std::string_view media_type)
{
    ORAS_TRY(check_size(bytes, "index"));
    const json object = ORAS_TRY(parse_json_object(bytes, "index"));
    auto index = index_from_json(object, media_type);
    if (!index) {
        return index.error().with_context("index");
    }
    return index;
}

std::string serialize_manifest(const Manifest& manifest)
{
    ordered_json out =
        header_json(manifest.schema_version, manifest.media_type, manifest.artifact_type);
    out["config"] = descriptor_to_json(manifest.config);
    out["layers"] = descriptors_json(manifest.layers);
    put_common_tail(out, manifest.subject, manifest.annotations);
    return dump_compact(out);
}

std::string serialize_index(const Index& index)
{
    ordered_json out = header_json(index.schema_version, index.media_type, index.artifact_type);
    out["manifests"] = descriptors_json(index.manifests);
    put_common_tail(out, index.subject, index.annotations);
    return dump_compact(out);
}

Result<std::string> detect_manifest_media_type(std::string_view bytes)
{
    ORAS_TRY(check_size(bytes, "manifest"));
    const json object = ORAS_TRY(parse_json_object(bytes, "manifest"));
    auto declared = optional_string_member(object, "mediaType", "");
    if (!declared) {
        return declared.error().with_context("manifest");
    }
    if (*declared && !(*declared)->empty()) {
        return std::move(**declared);
    }
    const auto manifests = object.find("manifests");
    if (manifests != object.end() && manifests->is_array()) {
        return std::string(media_type::oci_index);
    }
    return std::string(media_type::oci_manifest);
}

} // namespace oras
