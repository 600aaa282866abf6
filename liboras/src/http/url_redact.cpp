#include "http/url_redact.hpp"

#include <algorithm>
#include <array>

namespace oras::http {

namespace {

constexpr std::array<std::string_view, 7> k_public_parameters = {
    "digest", "mount", "from", "n", "last", "scope", "service"};

// The query `query` (without "?") with the values of non-public parameters replaced.
std::string redact_query(std::string_view query)
{
    std::string redacted;
    while (true) {
        const std::size_t end = query.find('&');
        const std::string_view pair = query.substr(0, end);
        const std::size_t equals = pair.find('=');
        const std::string_view name = pair.substr(0, equals);
        if (equals == std::string_view::npos ||
            std::ranges::find(k_public_parameters, name) != k_public_parameters.end()) {
            redacted += pair;
        } else {
            redacted += name;
            redacted += "=REDACTED";
        }
        if (end == std::string_view::npos) {
            return redacted;
        }
        redacted += '&';
        query.remove_prefix(end + 1);
    }
}

std::string without_user_info(std::string_view url)
{
    const std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return std::string(url);
    }
    const std::size_t authority_begin = scheme_end + 3;
    const std::size_t authority_end = url.find_first_of("/?#", authority_begin);
    const std::string_view authority = url.substr(authority_begin, authority_end - authority_begin);
    const std::size_t at = authority.rfind('@');
    if (at == std::string_view::npos) {
        return std::string(url);
    }
    std::string redacted(url.substr(0, authority_begin));
    redacted += authority.substr(at + 1);
    if (authority_end != std::string_view::npos) {
        redacted += url.substr(authority_end);
    }
    return redacted;
}

} // namespace

std::string redact_url(std::string_view url)
{
    std::string redacted = without_user_info(url);
    const std::size_t query = redacted.find('?');
    if (query == std::string::npos) {
        return redacted;
    }
    const std::size_t fragment = redacted.find('#', query);
    const std::string tail = fragment == std::string::npos ? "" : redacted.substr(fragment);
    const std::string_view query_text = std::string_view(redacted).substr(
        query + 1, fragment == std::string::npos ? std::string::npos : fragment - query - 1);
    return redacted.substr(0, query + 1) + redact_query(query_text) + tail;
}

std::string redact_url_and_query(std::string_view url)
{
    std::string redacted = without_user_info(url);
    const std::size_t query = redacted.find_first_of("?#");
    if (query != std::string::npos) {
        redacted.erase(query);
    }
    return redacted;
}

} // namespace oras::http
