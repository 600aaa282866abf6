#include "http/url.hpp"

#include "http/http_client.hpp"

#include <algorithm>
#include <cctype>

namespace oras::http {

namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() && ascii_lower(text.substr(0, prefix.size())) == prefix;
}

// The length of "scheme://" for http and https URLs, else 0.
std::size_t scheme_length(std::string_view url)
{
    if (starts_with_ignoring_case(url, "http://")) {
        return 7;
    }
    if (starts_with_ignoring_case(url, "https://")) {
        return 8;
    }
    return 0;
}

// "scheme://authority" of an absolute URL: everything before the path.
std::string_view origin_prefix(std::string_view url)
{
    const std::size_t begin = scheme_length(url);
    return url.substr(0, url.find_first_of("/?#", begin));
}

bool all_digits(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool is_unreserved(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_' ||
           c == '~';
}

} // namespace

std::optional<UrlParts> split_url(std::string_view url)
{
    const std::size_t begin = scheme_length(url);
    if (begin == 0) {
        return std::nullopt;
    }
    UrlParts parts;
    parts.scheme = ascii_lower(url.substr(0, begin - 3));
    const std::size_t authority_end = url.find_first_of("/?#", begin);
    std::string_view authority = url.substr(begin, authority_end - begin);
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
        authority.remove_prefix(at + 1);
    }
    const std::size_t bracket = authority.rfind(']');
    const std::size_t colon = authority.rfind(':');
    std::string_view host = authority;
    std::string_view port;
    if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (host.empty() || !all_digits(port)) {
        return std::nullopt;
    }
    parts.host = ascii_lower(host);
    parts.port = port.empty() ? (parts.scheme == "https" ? "443" : "80") : std::string(port);
    std::string_view rest =
        authority_end == std::string_view::npos ? std::string_view() : url.substr(authority_end);
    rest = rest.substr(0, rest.find('#'));
    const std::size_t question = rest.find('?');
    parts.path = std::string(rest.substr(0, question));
    if (parts.path.empty()) {
        parts.path = "/";
    }
    if (question != std::string_view::npos) {
        parts.query = std::string(rest.substr(question + 1));
    }
    return parts;
}

bool same_origin(std::string_view a, std::string_view b)
{
    const auto left = split_url(a);
    const auto right = split_url(b);
    return left && right && left->scheme == right->scheme && left->host == right->host &&
           left->port == right->port;
}

Result<std::string> resolve_location(std::string_view request_url, std::string_view location)
{
    while (!location.empty() && std::isspace(static_cast<unsigned char>(location.front()))) {
        location.remove_prefix(1);
    }
    while (!location.empty() && std::isspace(static_cast<unsigned char>(location.back()))) {
        location.remove_suffix(1);
    }
    const auto request = split_url(request_url);
    if (location.empty() || !request) {
        return fail(ErrorCode::invalid_format, "the registry sent an empty Location header");
    }
    std::string resolved;
    if (scheme_length(location) != 0) {
        resolved = std::string(location);
    } else if (location.starts_with("//")) {
        resolved = request->scheme + ":" + std::string(location);
    } else if (location.find("://") != std::string_view::npos) {
        return fail(ErrorCode::invalid_format,
                    "the registry sent a Location with an unsupported scheme: " +
                        std::string(location.substr(0, location.find("://"))));
    } else if (location.front() == '/') {
        resolved = std::string(origin_prefix(request_url)) + std::string(location);
    } else if (location.front() == '?') {
        resolved = std::string(origin_prefix(request_url)) + request->path + std::string(location);
    } else {
        const std::string directory = request->path.substr(0, request->path.rfind('/') + 1);
        resolved = std::string(origin_prefix(request_url)) + directory + std::string(location);
    }
    if (!split_url(resolved)) {
        return fail(ErrorCode::invalid_format, "the registry sent an unusable Location header");
    }
    return resolved;
}

std::string percent_encode(std::string_view value)
{
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (is_unreserved(c) || c == ':') {
            out += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += k_hex[byte >> 4];
            out += k_hex[byte & 0x0f];
        }
    }
    return out;
}

std::string with_query_parameter(std::string_view url, std::string_view key, std::string_view value)
{
    std::string out(url.substr(0, url.find('#')));
    const std::size_t question = out.find('?');
    if (question == std::string::npos) {
        out += '?';
    } else if (question + 1 != out.size() && out.back() != '&') {
        out += '&';
    }
    out += key;
    out += '=';
    out += percent_encode(value);
    return out;
}

bool is_loopback_host(std::string_view host_and_port)
{
    std::string host = ascii_lower(host_and_port);
    if (host.starts_with('[')) {
        host = host.substr(1, host.find(']') - 1);
        return host == "::1";
    }
    if (host == "::1") {
        return true;
    }
    host = host.substr(0, host.find(':'));
    return host == "localhost" || host.ends_with(".localhost") || host.starts_with("127.");
}

} // namespace oras::http
