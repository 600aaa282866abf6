// Standard base64 (RFC 4648 §4) for the `auth` member of docker's config.json, which docker
// and oras-go read with Go's base64.StdEncoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace oras::credentials {

// Encodes `bytes` with padding.
std::string base64_encode(std::string_view bytes);

// Decodes `text`; padding may be omitted. nullopt for characters outside the alphabet or an
// impossible length. Never echoes `text` anywhere (it holds a password).
std::optional<std::string> base64_decode(std::string_view text);

} // namespace oras::credentials
