// Generic URL helpers for http(s) URLs: splitting, origin comparison (RFC 6454), Location
// resolution (RFC 9110 §10.2.2, RFC 3986 §5.2), percent-encoding and loopback checks.
#pragma once

#include "oras/result.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace oras::http {

// The parts of an absolute http(s) URL that matter for origin checks.
struct UrlParts
{
    std::string scheme; // lower-case
    std::string host;   // lower-case, brackets kept for IPv6 literals
    std::string port;   // explicit, or the scheme's default ("80", "443")
    std::string path;   // from the first '/', without query and fragment; "/" when empty
    std::string query;  // without '?', may be empty
};

// Splits `url`; nullopt when it is not an absolute http or https URL.
std::optional<UrlParts> split_url(std::string_view url);

// True when `a` and `b` have the same scheme, host and port (RFC 6454 origin; default ports
// are made explicit, so "https://h" and "https://h:443" match).
bool same_origin(std::string_view a, std::string_view b);

// Resolves a `location` header received in answer to `request_url` (RFC 9110 §10.2.2,
// RFC 3986 §5.2): absolute URLs are kept, "//host/..." takes the request's scheme, "/path" its
// origin, and a relative path its directory. Fails with invalid_format for an empty or
// unusable value.
Result<std::string> resolve_location(std::string_view request_url, std::string_view location);

// `value` percent-encoded except for RFC 3986 unreserved characters and ':' (also right for
// an application/x-www-form-urlencoded value).
std::string percent_encode(std::string_view value);

// `url` with "key=value" appended to its query using '?' or '&' as needed (a fragment is
// dropped). `value` is percent-encoded except for RFC 3986 unreserved characters and ':'.
std::string
with_query_parameter(std::string_view url, std::string_view key, std::string_view value);

// True for "localhost", "*.localhost", 127.0.0.0/8 and ::1, with or without a port: hosts that
// likely run a development registry over plain HTTP.
bool is_loopback_host(std::string_view host_and_port);

} // namespace oras::http
