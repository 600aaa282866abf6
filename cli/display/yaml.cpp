#include "display/yaml.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

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

std::string scalar(const Json& value)
{
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        return plain_yaml_scalar(text) ? text : value.dump();
    }
    return value.dump(); // numbers, bools and null read the same in YAML
}

std::string key_text(const std::string& key)
{
    return plain_yaml_scalar(key) ? key : Json(key).dump();
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
