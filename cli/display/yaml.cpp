#include "display/yaml.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

namespace coras {

namespace {

using Json = nlohmann::ordered_json;

// Words YAML 1.1 (PyYAML, go-yaml v2) reads as a bool or null.
constexpr std::array<std::string_view, 25> k_reserved = {
    "y",  "Y",    "yes",  "Yes",  "YES",   "n",     "N",     "no", "No",
    "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On",
    "ON", "off",  "Off",  "OFF",  "null",  "Null",  "NULL"};

bool plain_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '/' || c == '-' || c == '+' || c == ':' || c == '@' || c == '=';
}

// The UTF-8 sequence at the start of `text` (valid: it came through the JSON parser): its code
// point and length.
std::pair<char32_t, std::size_t> decode(std::string_view text)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned lead = byte(0);
    const std::size_t length = lead < 0x80U ? 1 : lead < 0xE0U ? 2 : lead < 0xF0U ? 3 : 4;
    if (length > text.size()) {
        return {U'\uFFFD', text.size()};
    }
    char32_t point = length == 1 ? lead : lead & (0x7FU >> length);
    for (std::size_t i = 1; i < length; ++i) {
        point = (point << 6U) | (byte(i) & 0x3FU);
    }
    return {point, length};
}

// A code point YAML may not hold raw in a double-quoted scalar, or would read as something
// else: C0 controls, DEL, C1 controls (NEL is a line break to YAML 1.1), the line and
// paragraph separators (line breaks to YAML 1.1), the byte order mark, U+FFFE and U+FFFF.
bool needs_escape(char32_t point)
{
    return point < 0x20 || (point >= 0x7F && point <= 0x9F) || point == 0x2028 || point == 0x2029 ||
           point == 0xFEFF || point == 0xFFFE || point == 0xFFFF;
}

// `text` double-quoted with the escapes JSON and YAML share: the output reads back as `text` to
// YAML 1.1 and 1.2 readers, and is a JSON string too.
std::string double_quoted(std::string_view text)
{
    std::string out = "\"";
    while (!text.empty()) {
        const auto [point, length] = decode(text);
        switch (point) {
        case U'"':
            out += "\\\"";
            break;
        case U'\\':
            out += "\\\\";
            break;
        case U'\b':
            out += "\\b";
            break;
        case U'\f':
            out += "\\f";
            break;
        case U'\n':
            out += "\\n";
            break;
        case U'\r':
            out += "\\r";
            break;
        case U'\t':
            out += "\\t";
            break;
        default:
            if (needs_escape(point)) {
                out += fmt::format("\\u{:04X}", static_cast<std::uint32_t>(point));
            } else {
                out += text.substr(0, length);
            }
        }
        text.remove_prefix(length);
    }
    return out + "\"";
}

std::string scalar(const Json& value)
{
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        return plain_yaml_scalar(text) ? text : double_quoted(text);
    }
    return value.dump(); // numbers, bools and null read the same in YAML
}

std::string key_text(const std::string& key)
{
    return plain_yaml_scalar(key) ? key : double_quoted(key);
}

bool is_block(const Json& value)
{
    return (value.is_object() || value.is_array()) && !value.empty();
}

void write(const Json& value, std::size_t indent, std::string& out);

// One member or item's value after "key:" or "-": a scalar or an empty collection on the same
// line, a collection on the lines after.
void write_value(const Json& value, std::size_t indent, std::string& out)
{
    if (!is_block(value)) {
        out += " " + (value.is_object()  ? std::string("{}")
                      : value.is_array() ? std::string("[]")
                                         : scalar(value));
        out += "\n";
        return;
    }
    out += "\n";
    write(value, indent, out);
}

void write(const Json& value, std::size_t indent, std::string& out)
{
    const std::string pad(indent, ' ');
    if (value.is_object()) {
        for (const auto& [key, member] : value.items()) {
            out += pad + key_text(key) + ":";
            write_value(member, indent + 2, out);
        }
        return;
    }
    for (const auto& item : value) {
        if (item.is_object() && !item.empty()) {
            // "- key: value", the other members under the first.
            std::string nested;
            write(item, indent + 2, nested);
            out += pad + "- " + nested.substr(indent + 2);
            continue;
        }
        out += pad + "-";
        write_value(item, indent + 2, out);
    }
}

} // namespace

bool plain_yaml_scalar(std::string_view text)
{
    if (text.empty() || !std::ranges::all_of(text, plain_char)) {
        return false;
    }
    // Indicators and what would read as a number, a bool or null.
    const char first = text.front();
    const bool letter_start = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
                              first == '_' || first == '/';
    if (!letter_start) {
        return false;
    }
    if (std::ranges::find(k_reserved, text) != k_reserved.end()) {
        return false;
    }
    // ": " cannot occur (no spaces); a trailing ':' would start a mapping.
    return text.back() != ':';
}

oras::Result<std::string> yaml_from_json(std::string_view json_document)
{
    Json document;
    try {
        document = Json::parse(json_document);
    } catch (const Json::exception&) {
        return oras::fail(oras::ErrorCode::invalid_format, "render YAML: the document is no JSON");
    }
    std::string out;
    if (!is_block(document)) {
        return scalar(document) + "\n";
    }
    write(document, 0, out);
    return out;
}

} // namespace coras
