// JSON values shared by the result views: annotations, descriptors and documents read back as
// JSON, with members in oras-go/image-spec order so that a value always prints the same.
#pragma once

#include "oras/descriptor.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace coras {

using OrderedJson = nlohmann::ordered_json;

// `annotations` as a JSON object, keys sorted.
OrderedJson annotations_json(const oras::Annotations& annotations);

// `desc` as a JSON object: mediaType, digest, size, then urls, annotations, platform and
// artifactType when set (a `data` member is not shown: no pushed descriptor carries one).
OrderedJson descriptor_json(const oras::Descriptor& desc);

// `text` parsed as JSON, or `text` as a JSON string when it is not JSON.
OrderedJson json_or_string(std::string_view text);

// `json` pretty-printed with two-space indentation; `json` unchanged when it is not JSON.
std::string pretty_json(std::string_view json);

} // namespace coras
