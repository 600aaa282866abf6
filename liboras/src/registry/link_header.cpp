#include "registry/link_header.hpp"

#include "http/exchange_error.hpp"
#include "http/http_client.hpp"
#include "http/url.hpp"

namespace oras::registry {

namespace {

Error malformed(std::string_view value, std::string_view why)
{
    return {ErrorCode::invalid_format,
            "malformed Link header \"" + http::printable_text(value, 200) +
                "\": " + std::string(why)};
}

// A quoted-string starting at `text[at]` == '"' (RFC 9110 §5.6.4); `at` moves past it.
Result<std::string> quoted_string(std::string_view text, std::size_t& at, std::string_view whole)
{
    std::string value;
    for (++at; at < text.size(); ++at) {
        const char c = text[at];
        if (c == '"') {
            ++at;
            return value;
        }
        if (c == '\\' && at + 1 < text.size()) {
            ++at;
        }
        value += text[at];
    }
    return malformed(whole, "unterminated quoted string");
}

bool has_relation(std::string_view rel, std::string_view wanted)
{
    // RFC 8288 §3.3: a space-separated list of relation types, compared case-insensitively.
    while (!rel.empty()) {
        const auto space = rel.find(' ');
        if (http::equals_ignoring_case(rel.substr(0, space), wanted)) {
            return true;
        }
        if (space == std::string_view::npos) {
            break;
        }
        rel.remove_prefix(space + 1);
    }
    return false;
}

struct LinkValue
{
    std::string target;
    std::string rel;
};

// Parses one link-value at `text[at]` up to the comma that ends it (RFC 8288 §3).
Result<LinkValue> link_value(std::string_view text, std::size_t& at, std::string_view whole)
{
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) {
        ++at;
    }
    if (at >= text.size() || text[at] != '<') {
        return malformed(whole, "a link must start with <");
    }
    const auto close = text.find('>', at);
    if (close == std::string_view::npos) {
        return malformed(whole, "no > after <");
    }
    LinkValue link;
    link.target = std::string(text.substr(at + 1, close - at - 1));
    at = close + 1;
    while (at < text.size() && text[at] != ',') {
        const char c = text[at];
        if (c == ';' || c == ' ' || c == '\t') {
            ++at;
            continue;
        }
        const auto name_end = text.find_first_of("=;,", at);
        const std::string name = http::ascii_lower(http::trim_ows(text.substr(
            at, name_end == std::string_view::npos ? std::string_view::npos : name_end - at)));
        at = name_end == std::string_view::npos ? text.size() : name_end;
        std::string value;
        if (at < text.size() && text[at] == '=') {
            ++at;
            while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) {
                ++at;
            }
            if (at < text.size() && text[at] == '"') {
                value = ORAS_TRY(quoted_string(text, at, whole));
            } else {
                const auto end = text.find_first_of(";,", at);
                value = std::string(http::trim_ows(text.substr(
                    at, end == std::string_view::npos ? std::string_view::npos : end - at)));
                at = end == std::string_view::npos ? text.size() : end;
            }
        }
        // RFC 8288 §3.3: only the first rel parameter counts.
        if (name == "rel" && link.rel.empty()) {
            link.rel = value;
        }
    }
    if (at < text.size()) {
        ++at; // the comma
    }
    return link;
}

} // namespace

Result<std::optional<std::string>> next_link(const std::vector<std::string>& values)
{
    std::optional<std::string> next;
    for (const std::string& value : values) {
        std::size_t at = 0;
        while (at < value.size()) {
            if (http::trim_ows(std::string_view(value).substr(at)).empty()) {
                break;
            }
            const LinkValue link = ORAS_TRY(link_value(value, at, value));
            if (!has_relation(link.rel, "next")) {
                continue;
            }
            if (next && *next != link.target) {
                return malformed(value, "two different links are rel=\"next\"");
            }
            next = link.target;
        }
    }
    return next;
}

Result<std::optional<std::string>> next_page(const http::Response& response,
                                             const std::string& url,
                                             const std::string& first,
                                             const std::set<std::string>& visited)
{
    const auto link = ORAS_TRY(next_link(response.header_values("link")));
    if (!link) {
        return std::optional<std::string>();
    }
    const std::string next = ORAS_TRY(http::resolve_location(url, *link));
    if (!http::same_origin(next, first)) {
        return fail(ErrorCode::forbidden,
                    "Link to " + http::printable_text(next, 200) +
                        " leaves the registry's origin " + first);
    }
    if (visited.contains(next)) {
        return fail(ErrorCode::invalid_format,
                    "Link back to " + http::printable_text(next, 200) +
                        ", a page already read (a loop)");
    }
    return std::optional<std::string>(next);
}

} // namespace oras::registry
