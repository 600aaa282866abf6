// Typed readers for the response headers a registry answers with (distribution-spec v1.1:
// Content-Type, Content-Length, Docker-Content-Digest).
#pragma once

#include "http/http_client.hpp"
#include "oras/digest.hpp"
#include "oras/result.hpp"
#include "registry/error_response.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace oras::registry {

// The Content-Length as a number; nullopt when absent or not a plain decimal number.
std::optional<std::uint64_t> content_length(const http::Response& response);

// The media type of the Content-Type header without parameters ("; charset=utf-8") and
// surrounding spaces; empty when absent.
std::string content_media_type(const http::Response& response);

// The Docker-Content-Digest header; nullopt when absent, invalid_format when it is not a
// valid digest.
Result<std::optional<Digest>> content_digest(const http::Response& response);

// Checks Docker-Content-Digest, when the registry sent one, against `expected`: fails with
// digest_mismatch (or invalid_format for a malformed header) naming `op`.
Result<void>
check_digest_header(const http::Response& response, const Digest& expected, const Operation& op);

} // namespace oras::registry
