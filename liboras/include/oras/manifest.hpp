// OCI image manifest and index (image-spec manifest.md, image-index.md); Docker schema 2
// manifests and manifest lists are read into the same structures. A manifest's digest is always
// computed over the exact bytes sent or received, never over re-serialised JSON.
#pragma once

#include "oras/descriptor.hpp"
#include "oras/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras {

// Manifests, configs and other metadata larger than this are refused (distribution's limit).
inline constexpr std::size_t k_max_manifest_bytes = 4 * 1024 * 1024;

struct Manifest
{
    int schema_version = 2;
    std::string media_type; // the "mediaType" member; empty when absent
    std::string artifact_type;
    Descriptor config;
    std::vector<Descriptor> layers;
    std::optional<Descriptor> subject;
    Annotations annotations;
};

struct Index
{
    int schema_version = 2;
    std::string media_type;
    std::string artifact_type;
    std::vector<Descriptor> manifests;
    std::optional<Descriptor> subject;
    Annotations annotations;
};

// Parses `bytes` as an image manifest (OCI or Docker schema 2). `media_type` is the type the
// bytes were served or stored with; when it is empty the "mediaType" member decides. Fails with
// invalid_format naming the member that is missing or wrong (schemaVersion must be 2; every
// descriptor needs mediaType, a valid digest and a non-negative size).
Result<Manifest> parse_manifest(std::string_view bytes, std::string_view media_type = {});

// Parses `bytes` as an OCI index or Docker manifest list; fails as parse_manifest.
Result<Index> parse_index(std::string_view bytes, std::string_view media_type = {});

// Serialises `manifest` as compact JSON with members in image-spec order (schemaVersion,
// mediaType, artifactType, config, layers, subject, annotations); empty optional members are
// omitted. The same input always gives the same bytes.
std::string serialize_manifest(const Manifest& manifest);

// Serialises `index` as serialize_manifest does.
std::string serialize_index(const Index& index);

// The media type that `bytes` declares in its "mediaType" member, or, when absent, what its
// shape says (a "manifests" array: OCI index; else OCI manifest). Fails with invalid_format on
// bytes that are not a JSON object.
Result<std::string> detect_manifest_media_type(std::string_view bytes);

} // namespace oras
