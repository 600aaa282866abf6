#include "http/resolve_entries.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <charconv>
#include <optional>
#include <string_view>

namespace oras::http {

namespace {

// The fields of `entry` split at ':' outside brackets.
std::vector<std::string_view> fields_of(std::string_view entry)
{
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    bool bracket = false;
    for (std::size_t i = 0; i <= entry.size(); ++i) {
        if (i == entry.size() || (entry[i] == ':' && !bracket)) {
            fields.push_back(entry.substr(start, i - start));
            start = i + 1;
        } else if (entry[i] == '[') {
            bracket = true;
        } else if (entry[i] == ']') {
            bracket = false;
        }
    }
    return fields;
}

bool is_port(std::string_view text)
{
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && value >= 1 && value <= 65535;
}

bool is_address(std::string_view text)
{
    in6_addr v6{};
    in_addr v4{};
    if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
        const std::string inner(text.substr(1, text.size() - 2));
        return ::inet_pton(AF_INET6, inner.c_str(), &v6) == 1;
    }
    return ::inet_pton(AF_INET, std::string(text).c_str(), &v4) == 1;
}

} // namespace

Result<std::vector<std::string>> parse_resolve_entries(const std::vector<std::string>& entries)
{
    std::vector<std::string> parsed;
    for (const std::string& entry : entries) {
        const auto fields = fields_of(entry);
        const bool shape = (fields.size() == 3 || fields.size() == 4) && !fields[0].empty() &&
                           is_port(fields[1]) && is_address(fields[2]) &&
                           (fields.size() == 3 || is_port(fields[3]));
        if (!shape) {
            return fail(ErrorCode::invalid_argument,
                        "--resolve \"" + entry +
                            "\": expected host:port:address[:address_port] (an IP address, "
                            "IPv6 in brackets)");
        }
        parsed.push_back(fields.size() == 4 ? entry : entry + ":" + std::string(fields[1]));
    }
    return parsed;
}

} // namespace oras::http
