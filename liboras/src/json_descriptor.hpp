// JSON <-> Descriptor, Platform and annotations (image-spec descriptor.md), shared by manifest
// parsing, the OCI image layout (index.json) and the registry code. Output is
// nlohmann::ordered_json with members in oras-go/image-spec order, so that the same value
// always serialises to the same bytes.
//
// Parsing names the member that is wrong. `where` is the path of the value being read, e.g.
// "layers[1]" or "index.json: manifests[0]"; a member error then reads
// "layers[1].digest: invalid digest \"sha256:zz\": ...". An empty `where` gives "digest: ...".
#pragma once

#include "oras/descriptor.hpp"
#include "oras/result.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras {

// Parses `bytes` with parse_json (json/parse.hpp, default limits) as one JSON value that must
// be an object; fails as parse_json does, or with invalid_format as "`what`: not a JSON object".
Result<nlohmann::json> parse_json_object(std::string_view bytes, std::string_view what);

// Serialises `json` compactly; invalid UTF-8 in strings is replaced, never thrown.
std::string dump_compact(const nlohmann::ordered_json& json);

// The descriptor as a JSON object: mediaType, digest, size, urls, annotations, data (base64),
// platform, artifactType; empty optional members are omitted.
nlohmann::ordered_json descriptor_to_json(const Descriptor& desc);

// Reads a descriptor object at `where`: mediaType (string), digest (valid, sha256 or sha512) and
// size (an integer from 0 to k_max_descriptor_size; negative, fractional or larger sizes are
// refused) are required; urls, annotations, data (standard base64, which
// must match size and digest), platform and artifactType are optional. Unknown members are
// ignored. Fails with invalid_format.
Result<Descriptor> descriptor_from_json(const nlohmann::json& value, std::string_view where);

// Reads the array member `key` of `object` as descriptors ("<where>.<key>[i]" in errors); an
// absent or null member gives an empty list. Fails with invalid_format.
Result<std::vector<Descriptor>>
descriptors_from_json(const nlohmann::json& object, std::string_view key, std::string_view where);

// The platform as a JSON object: architecture, os, os.version, os.features, variant.
nlohmann::ordered_json platform_to_json(const Platform& platform);

// Reads a platform object at `where`: architecture and os are required strings. Fails with
// invalid_format.
Result<Platform> platform_from_json(const nlohmann::json& value, std::string_view where);

// Annotations as a JSON object (keys sorted, as std::map holds them).
nlohmann::ordered_json annotations_to_json(const Annotations& annotations);

// Reads the optional member `key` of `object` as a string-to-string map; absent or null gives
// an empty map. Fails with invalid_format.
Result<Annotations>
annotations_from_json(const nlohmann::json& object, std::string_view key, std::string_view where);

// Reads the optional string member `key` of `object`: nullopt when absent or null; fails with
// invalid_format when it is not a string.
Result<std::optional<std::string>>
optional_string_member(const nlohmann::json& object, std::string_view key, std::string_view where);

// Reads the required string member `key` of `object`; fails with invalid_format when it is
// absent or not a string.
Result<std::string>
required_string_member(const nlohmann::json& object, std::string_view key, std::string_view where);

// "`where`.`key`", or `key` alone when `where` is empty.
std::string member_path(std::string_view where, std::string_view key);

} // namespace oras
