// Standard base64 (RFC 4648 §4): the `auth` member of docker's config.json, Basic credentials,
// and a descriptor's `data` member, as Go's base64.StdEncoding writes them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace oras {

// Encodes `bytes` with padding.
std::string base64_encode(std::string_view bytes);

// Whether a decoded text must carry its '=' padding (a descriptor's `data`, as the image-spec
// requires) or may leave it out (docker config `auth` values written by other tools).
enum class Padding
{
    required,
    optional
};

// Decodes `text`. nullopt for characters outside the alphabet, an impossible length, or
// missing padding when it is required. Never echoes `text` anywhere (it may hold a password).
std::optional<std::string> base64_decode(std::string_view text, Padding padding);

} // namespace oras
