// Response header look-ups for the transport interface (http_client.hpp).
#include "http/http_client.hpp"

#include <algorithm>
#include <cctype>

namespace oras::http {

bool equals_ignoring_case(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string ascii_lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return out;
}

std::optional<std::string> Response::header(std::string_view name) const
{
    for (const auto& [key, value] : headers) {
        if (equals_ignoring_case(key, name)) {
            return value;
        }
    }
    return std::nullopt;
}

std::vector<std::string> Response::header_values(std::string_view name) const
{
    std::vector<std::string> values;
    for (const auto& [key, value] : headers) {
        if (equals_ignoring_case(key, name)) {
            values.push_back(value);
        }
    }
    return values;
}

std::string_view trim_ows(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

} // namespace oras::http
