// OCI content descriptors (image-spec descriptor.md) and platforms.
#pragma once

#include "oras/digest.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace oras {

using Annotations = std::map<std::string, std::string>;

struct Platform
{
    std::string architecture;
    std::string os;
    std::string os_version;
    std::vector<std::string> os_features;
    std::string variant;

    friend bool operator==(const Platform&, const Platform&) = default;
};

// The largest size a descriptor read from JSON may declare: 2^53, the largest integer every
// JSON implementation reads exactly (RFC 8259 §6; image-spec descriptor.md asks for int64). A
// larger size cannot be real and is refused before anything is allocated or fetched for it.
inline constexpr std::uint64_t k_max_descriptor_size = 1ULL << 53U;

struct Descriptor
{
    std::string media_type;
    Digest digest;
    std::uint64_t size = 0;
    Annotations annotations;
    std::string artifact_type;        // empty when absent
    std::vector<std::string> urls;    // empty when absent
    std::optional<Platform> platform; // indexes only
    std::optional<std::string> data;  // decoded bytes of the base64 "data" field, when present

    // The org.opencontainers.image.title annotation, or empty.
    [[nodiscard]] std::string title() const;

    friend bool operator==(const Descriptor&, const Descriptor&) = default;
};

// The descriptor of `bytes` with `media_type` (digest computed here).
Descriptor descriptor_of(std::string_view media_type, std::string_view bytes);

// The image-spec 1.1 empty descriptor: application/vnd.oci.empty.v1+json, content "{}".
const Descriptor& empty_descriptor();
inline constexpr std::string_view empty_json = "{}";

} // namespace oras
