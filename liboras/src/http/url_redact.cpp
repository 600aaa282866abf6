#include "http/url_redact.hpp"

namespace oras::http {

std::string redact_url(std::string_view url)
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

std::string redact_url_and_query(std::string_view url)
{
    std::string redacted = redact_url(url);
    const std::size_t query = redacted.find_first_of("?#");
    if (query != std::string::npos) {
        redacted.erase(query);
    }
    return redacted;
}

} // namespace oras::http
