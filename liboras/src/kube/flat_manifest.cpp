#include "kube/flat_manifest.hpp"

#include "json/parse.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace oras::kube {

std::optional<std::string> FlatManifest::scalar(std::string_view key) const
{
    const auto found = m_scalars.find(key);
    if (found == m_scalars.end()) {
        return std::nullopt;
    }
    return found->second;
}

Result<std::optional<std::map<std::string, std::string>>>
FlatManifest::string_map(std::string_view key) const
{
    if (const auto bad = m_unreadable.find(key); bad != m_unreadable.end()) {
        return fail(ErrorCode::invalid_format, bad->second);
    }
    if (const auto found = m_maps.find(key); found != m_maps.end()) {
        return std::optional(found->second);
    }
    if (const auto found = m_scalars.find(key); found != m_scalars.end()) {
        return fail(ErrorCode::invalid_format,
                    std::string(key) + ": a scalar where a mapping of strings was expected");
    }
    return std::optional<std::map<std::string, std::string>>();
}

void FlatManifest::set_scalar(std::string key, std::string value)
{
    m_scalars[std::move(key)] = std::move(value);
}

void FlatManifest::set_map(std::string key, std::map<std::string, std::string> value)
{
    m_maps[std::move(key)] = std::move(value);
}

void FlatManifest::set_unreadable(std::string key, std::string why)
{
    m_unreadable[std::move(key)] = std::move(why);
}

namespace {

// One line of the input, without its line break.
struct Line
{
    std::string_view text;
    std::size_t number = 0; // 1-based
    std::size_t indent = 0; // leading spaces
    bool blank = false;     // empty, white space or a comment
};

bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

Error failure(const std::string& origin, std::size_t line, const std::string& what)
{
    return fail(ErrorCode::invalid_format, origin + ": line " + std::to_string(line) + ": " + what);
}

// Splits `text` into lines (LF or CRLF), checking what every line must satisfy: no NUL, no tab
// in the indentation of a line with content.
Result<std::vector<Line>> split_lines(std::string_view text, const std::string& origin)
{
    std::vector<Line> lines;
    std::size_t number = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.find('\0') != std::string_view::npos) {
            return failure(origin, number, "holds a NUL byte");
        }
        Line parsed{line, number, 0, false};
        parsed.indent = line.find_first_not_of(' ');
        const auto first = line.find_first_not_of(" \t");
        parsed.blank = first == std::string_view::npos || line[first] == '#';
        if (parsed.indent == std::string_view::npos) {
            parsed.indent = line.size();
        }
        if (!parsed.blank && line[parsed.indent] == '\t') {
            return failure(origin, number, "a tab in the indentation (YAML allows only spaces)");
        }
        lines.push_back(parsed);
    }
    return lines;
}

// `text` without trailing spaces and tabs.
std::string_view trim_right(std::string_view text)
{
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

// `text` (after a scalar) must be empty, or white space and a comment.
bool only_comment(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t");
    return first == std::string_view::npos || (text[first] == '#' && first > 0);
}

void append_utf8(std::string& out, std::uint32_t code)
{
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

// Reads `digits` hex digits of `text` from `at` as a code point; nullopt when malformed.
std::optional<std::uint32_t> hex_code(std::string_view text, std::size_t at, std::size_t digits)
{
    if (at + digits > text.size()) {
        return std::nullopt;
    }
    std::uint32_t code = 0;
    for (std::size_t i = at; i < at + digits; ++i) {
        const char c = text[i];
        std::uint32_t value = 0;
        if (c >= '0' && c <= '9') {
            value = static_cast<std::uint32_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            value = static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            value = static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
        code = code * 16 + value;
    }
    if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return std::nullopt;
    }
    return code;
}

// A scalar read from one line: its value and what follows it.
struct Scanned
{
    std::string value;
    std::string_view rest;
};

// The single escape of a double-quoted scalar at `text[at]` (just after the backslash);
// returns the characters it consumed, 0 when it is malformed.
std::size_t unescape_one(std::string_view text, std::size_t at, std::string& out)
{
    if (at >= text.size()) {
        return 0;
    }
    switch (text[at]) {
    case '\\':
        out += '\\';
        return 1;
    case '"':
        out += '"';
        return 1;
    case '/':
        out += '/';
        return 1;
    case ' ':
        out += ' ';
        return 1;
    case 'n':
        out += '\n';
        return 1;
    case 't':
        out += '\t';
        return 1;
    case 'r':
        out += '\r';
        return 1;
    case '0':
        out += '\0';
        return 1;
    default:
        break;
    }
    const std::size_t digits = text[at] == 'x' ? 2 : text[at] == 'u' ? 4 : text[at] == 'U' ? 8 : 0;
    const auto code = digits == 0 ? std::nullopt : hex_code(text, at + 1, digits);
    if (!code) {
        return 0;
    }
    append_utf8(out, *code);
    return 1 + digits;
}

// A double-quoted scalar starting at `text[0]`, closed on the same line.
std::optional<Scanned> double_quoted(std::string_view text)
{
    std::string value;
    for (std::size_t i = 1; i < text.size();) {
        const char c = text[i];
        if (c == '"') {
            return Scanned{std::move(value), text.substr(i + 1)};
        }
        if (c == '\\') {
            const std::size_t used = unescape_one(text, i + 1, value);
            if (used == 0) {
                return std::nullopt;
            }
            i += 1 + used;
            continue;
        }
        value += c;
        ++i;
    }
    return std::nullopt;
}

// A single-quoted scalar starting at `text[0]`, closed on the same line ('' is a quote).
std::optional<Scanned> single_quoted(std::string_view text)
{
    std::string value;
    for (std::size_t i = 1; i < text.size(); ++i) {
        if (text[i] != '\'') {
            value += text[i];
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '\'') {
            value += '\'';
            ++i;
            continue;
        }
        return Scanned{std::move(value), text.substr(i + 1)};
    }
    return std::nullopt;
}

// The key of a `key: value` line and what follows its colon; nullopt when the line is not
// one.
std::optional<Scanned> split_key(std::string_view text)
{
    if (text.empty()) {
        return std::nullopt;
    }
    std::optional<Scanned> key;
    if (text[0] == '"') {
        key = double_quoted(text);
    } else if (text[0] == '\'') {
        key = single_quoted(text);
    } else if (std::string_view("-?:,[]{}#&*!|>%@`").find(text[0]) == std::string_view::npos ||
               (text[0] == '-' && text.size() > 1 && !is_space(text[1]))) {
        std::size_t colon = 0;
        while ((colon = text.find(':', colon)) != std::string_view::npos) {
            if (colon + 1 == text.size() || is_space(text[colon + 1])) {
                break;
            }
            ++colon;
        }
        if (colon == std::string_view::npos) {
            return std::nullopt;
        }
        const std::string_view name = trim_right(text.substr(0, colon));
        if (name.find(" #") != std::string_view::npos ||
            name.find("\t#") != std::string_view::npos) {
            return std::nullopt;
        }
        key = Scanned{std::string(name), text.substr(colon)};
    }
    if (!key || key->rest.empty() || key->rest[0] != ':') {
        return std::nullopt;
    }
    key->rest.remove_prefix(1);
    if (!key->rest.empty() && !is_space(key->rest[0])) {
        return std::nullopt;
    }
    return key;
}

// What a value on the key's own line is.
enum class ValueKind
{
    scalar,  // read: `value` holds it
    nested,  // nothing after the colon: a block below, or null
    block,   // a literal block scalar header
    empty,   // {}
    unread,  // something coras does not read; `value` says what
    invalid, // malformed; `value` says how
};

struct InlineValue
{
    ValueKind kind = ValueKind::scalar;
    std::string value;
};

// A plain scalar: up to a comment, without trailing white space; refused where it would be
// something else in YAML.
InlineValue plain_scalar(std::string_view text)
{
    std::string_view value = text;
    for (std::size_t i = 1; i < value.size(); ++i) {
        if (value[i] == '#' && is_space(value[i - 1])) {
            value = value.substr(0, i);
            break;
        }
    }
    value = trim_right(value);
    for (std::size_t i = 0; i + 1 <= value.size(); ++i) {
        if (value[i] == ':' && (i + 1 == value.size() || is_space(value[i + 1]))) {
            return {ValueKind::invalid, "a mapping inside a scalar (quote the value)"};
        }
    }
    return {ValueKind::scalar, std::string(value)};
}

// The value after `key:` on its line.
InlineValue inline_value(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos || text[first] == '#') {
        return {ValueKind::nested, {}};
    }
    text.remove_prefix(first);
    const char c = text[0];
    if (c == '"' || c == '\'') {
        auto scanned = c == '"' ? double_quoted(text) : single_quoted(text);
        if (!scanned) {
            return {ValueKind::invalid,
                    "a quoted scalar that is malformed or not closed on its line"};
        }
        if (!only_comment(scanned->rest)) {
            return {ValueKind::invalid, "text after a quoted scalar"};
        }
        return {ValueKind::scalar, std::move(scanned->value)};
    }
    if (c == '|') {
        return {ValueKind::block, std::string(text)};
    }
    if (c == '>') {
        return {ValueKind::unread, "a folded block scalar (>), which coras does not read: use |"};
    }
    if (c == '{' || c == '[') {
        const std::string_view flow = trim_right(text.substr(0, text.find(" #")));
        if (flow == "{}") {
            return {ValueKind::empty, {}};
        }
        return {ValueKind::unread, "a flow collection, which coras does not read"};
    }
    if (c == '&' || c == '*' || c == '!') {
        return {ValueKind::unread, "an anchor, alias or tag, which coras does not read"};
    }
    if (std::string_view("%@`").find(c) != std::string_view::npos ||
        (c == '-' && (text.size() == 1 || is_space(text[1])))) {
        return {ValueKind::invalid, "a value starting with a reserved indicator"};
    }
    return plain_scalar(text);
}

// A literal block scalar's header (after '|'): chomping and explicit indentation.
struct BlockHeader
{
    char chomping = ' ';         // ' ' clip, '-' strip, '+' keep
    std::size_t indentation = 0; // 0: detected from the first line with content
};

std::optional<BlockHeader> block_header(std::string_view text)
{
    BlockHeader header;
    std::size_t i = 1;
    for (int part = 0; part < 2 && i < text.size(); ++part) {
        const char c = text[i];
        if ((c == '-' || c == '+') && header.chomping == ' ') {
            header.chomping = c;
            ++i;
        } else if (c >= '1' && c <= '9' && header.indentation == 0) {
            header.indentation = static_cast<std::size_t>(c - '0');
            ++i;
        }
    }
    if (!only_comment(text.substr(i)) && !(i == text.size())) {
        return std::nullopt;
    }
    return header;
}

// The lines a literal block scalar under a key indented `parent` takes, from lines[at];
// returns its value and advances `at` past them. nullopt when malformed.
std::optional<std::string> literal_block(const std::vector<Line>& lines,
                                         std::size_t& at,
                                         std::size_t parent,
                                         const BlockHeader& header)
{
    std::size_t indent = header.indentation == 0 ? 0 : parent + header.indentation;
    std::vector<std::string_view> body;
    std::size_t i = at;
    for (; i < lines.size(); ++i) {
        const std::string_view text = lines[i].text;
        const bool empty = text.find_first_not_of(' ') == std::string_view::npos;
        if (empty) {
            body.emplace_back();
            continue;
        }
        if (indent == 0) {
            if (lines[i].indent <= parent) {
                break;
            }
            indent = lines[i].indent;
        }
        if (lines[i].indent < indent) {
            if (lines[i].indent > parent) {
                return std::nullopt; // less indented than the block, more than its key
            }
            break;
        }
        body.push_back(text.substr(indent));
    }
    at = i;
    std::string value;
    std::size_t content_end = body.size();
    while (content_end > 0 && body[content_end - 1].empty()) {
        --content_end;
    }
    for (std::size_t j = 0; j < content_end; ++j) {
        value.append(body[j]);
        value += '\n';
    }
    if (header.chomping == '-' && !value.empty()) {
        value.pop_back();
    } else if (header.chomping == '+') {
        value.append(body.size() - content_end, '\n');
    }
    return value;
}

// Reads the mapping of strings nested below a top-level key, lines [begin, end), whose
// entries are all indented alike. Fails (a message with the line) for anything else.
Result<std::map<std::string, std::string>> nested_map(const std::vector<Line>& lines,
                                                      std::size_t begin,
                                                      std::size_t end,
                                                      const std::string& origin,
                                                      const std::string& parent)
{
    const auto failure = [&](std::size_t line, const std::string& what) {
        return kube::failure(origin, line, parent + ": " + what);
    };
    std::map<std::string, std::string> map;
    std::size_t indent = 0;
    for (std::size_t i = begin; i < end;) {
        const Line& line = lines[i];
        if (line.blank) {
            ++i;
            continue;
        }
        if (indent == 0) {
            indent = line.indent;
        }
        if (line.indent != indent) {
            return failure(line.number, "nested deeper than a mapping of strings");
        }
        auto key = split_key(line.text.substr(indent));
        if (!key) {
            return failure(line.number, "not a `key: value` entry of a mapping");
        }
        if (map.contains(key->value)) {
            return failure(line.number, "a key given twice");
        }
        auto value = inline_value(key->rest);
        ++i;
        if (value.kind == ValueKind::block) {
            const auto header = block_header(value.value);
            auto text = header ? literal_block(lines, i, indent, *header) : std::nullopt;
            if (!text || i > end) {
                return failure(line.number, "a malformed block scalar");
            }
            value.value = std::move(*text);
        } else if (value.kind == ValueKind::nested) {
            return failure(line.number, "a value that is not a string");
        } else if (value.kind != ValueKind::scalar) {
            return failure(line.number, value.value);
        }
        map.emplace(std::move(key->value), std::move(value.value));
    }
    return map;
}

// The end of the block below the top-level line `at`: the next line with content at
// indentation 0 that is not a compact sequence entry.
std::size_t block_end(const std::vector<Line>& lines, std::size_t at)
{
    std::size_t i = at + 1;
    for (; i < lines.size(); ++i) {
        const Line& line = lines[i];
        if (line.blank || line.indent > 0) {
            continue;
        }
        if (line.text[0] == '-' && (line.text.size() == 1 || is_space(line.text[1])) &&
            line.text.substr(0, 3) != "---") {
            continue;
        }
        break;
    }
    return i;
}

bool is_document_marker(std::string_view text, std::string_view marker)
{
    return text.substr(0, 3) == marker && only_comment(text.substr(3));
}

// Records the top-level entry `key` whose value starts on lines[at]; returns the next line.
Result<std::size_t> top_level_entry(const std::vector<Line>& lines,
                                    std::size_t at,
                                    Scanned key,
                                    FlatManifest& out,
                                    const std::string& origin)
{
    const Line& line = lines[at];
    auto value = inline_value(key.rest);
    const std::size_t end = block_end(lines, at);
    const auto where = [&](const std::string& what) {
        return origin + ": line " + std::to_string(line.number) + ": " + key.value + ": " + what;
    };
    switch (value.kind) {
    case ValueKind::scalar:
        if (end != at + 1 && std::any_of(lines.begin() + static_cast<std::ptrdiff_t>(at) + 1,
                                         lines.begin() + static_cast<std::ptrdiff_t>(end),
                                         [](const Line& l) { return !l.blank; })) {
            out.set_unreadable(key.value,
                               where("a scalar continued on the next lines, which coras does "
                                     "not read"));
            return end;
        }
        out.set_scalar(std::move(key.value), std::move(value.value));
        return end;
    case ValueKind::block: {
        const auto header = block_header(value.value);
        std::size_t next = at + 1;
        auto text = header ? literal_block(lines, next, 0, *header) : std::nullopt;
        if (!text) {
            return failure(origin, line.number, "a malformed block scalar");
        }
        out.set_scalar(std::move(key.value), std::move(*text));
        return next;
    }
    case ValueKind::empty:
        out.set_map(std::move(key.value), {});
        return end;
    case ValueKind::nested: {
        auto map = nested_map(lines, at + 1, end, origin, key.value);
        if (map) {
            out.set_map(std::move(key.value), std::move(*map));
        } else {
            out.set_unreadable(key.value, map.error().message);
        }
        return end;
    }
    case ValueKind::unread:
        out.set_unreadable(key.value, where(value.value));
        return end;
    case ValueKind::invalid:
        break;
    }
    return failure(origin, line.number, value.value);
}

} // namespace

Result<FlatManifest> parse_yaml_manifest(std::string_view text, const std::string& origin)
{
    if (text.size() > k_max_manifest_bytes) {
        return fail(ErrorCode::too_large,
                    origin + ": over the " + std::to_string(k_max_manifest_bytes) + "-byte limit");
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    const auto lines = ORAS_TRY(split_lines(text, origin));
    FlatManifest out;
    std::map<std::string, std::size_t> seen;
    bool content = false;
    bool ended = false;
    for (std::size_t i = 0; i < lines.size();) {
        const Line& line = lines[i];
        if (line.blank) {
            ++i;
            continue;
        }
        if (ended) {
            return failure(origin, line.number, "content after the end of the document (...)");
        }
        if (is_document_marker(line.text, "---")) {
            if (content) {
                return failure(origin, line.number, "a second document: give one manifest");
            }
            ++i;
            continue;
        }
        if (is_document_marker(line.text, "...")) {
            ended = true;
            ++i;
            continue;
        }
        if (line.text[0] == '%') {
            return failure(origin, line.number, "a YAML directive, which coras does not read");
        }
        if (line.indent > 0) {
            return failure(origin, line.number, "an indented line where a top-level key belongs");
        }
        auto key = split_key(line.text);
        if (!key) {
            return failure(origin, line.number, "not a `key: value` line of a mapping");
        }
        if (!seen.emplace(key->value, line.number).second) {
            return failure(origin, line.number, "a key given twice");
        }
        content = true;
        i = ORAS_TRY(top_level_entry(lines, i, std::move(*key), out, origin));
    }
    return out;
}

Result<FlatManifest> parse_json_manifest(std::string_view text, const std::string& origin)
{
    const auto json = ORAS_TRY(parse_json(text, origin, JsonLimits{k_max_manifest_bytes, 32}));
    if (!json.is_object()) {
        return fail(ErrorCode::invalid_format, origin + ": not a JSON object");
    }
    FlatManifest out;
    for (const auto& [key, value] : json.items()) {
        if (value.is_string()) {
            out.set_scalar(key, value.get<std::string>());
            continue;
        }
        if (value.is_null()) {
            continue;
        }
        if (!value.is_object()) {
            out.set_unreadable(key, origin + ": " + key + ": not a mapping of strings");
            continue;
        }
        std::map<std::string, std::string> map;
        bool strings = true;
        for (const auto& [name, member] : value.items()) {
            strings = strings && member.is_string();
            if (strings) {
                map.emplace(name, member.get<std::string>());
            }
        }
        if (strings) {
            out.set_map(key, std::move(map));
        } else {
            out.set_unreadable(key, origin + ": " + key + ": a value that is not a string");
        }
    }
    return out;
}

Result<FlatManifest> parse_manifest(std::string_view text, const std::string& origin)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && text[first] == '{') {
        return parse_json_manifest(text, origin);
    }
    return parse_yaml_manifest(text, origin);
}

bool looks_like_yaml_mapping(std::string_view text)
{
    while (!text.empty()) {
        const auto end = text.find('\n');
        std::string_view line = trim_right(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos || line[first] == '#' ||
            is_document_marker(line, "---")) {
            continue;
        }
        return first == 0 && split_key(line).has_value();
    }
    return false;
}

} // namespace oras::kube
