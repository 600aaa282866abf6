// A Kubernetes manifest (a ConfigMap, a Secret) read only as far as coras needs it: its
// top-level scalars (`kind`, `apiVersion`, `type`) and its top-level mappings of strings to
// strings (`data`, `stringData`). There is no YAML library in the build, so the YAML side is a
// small strict reader of the subset such manifests are written in (YAML 1.2 block style):
// plain, single- and double-quoted scalars on one line, literal block scalars (`|`, `|-`,
// `|+`, with an indentation indicator), `{}` and comments. What it does not read (folded `>`
// scalars, multi-line flow or quoted scalars, anchors, aliases, tags, several documents) is
// refused with a line number when it is in a part coras reads, and skipped by indentation when
// it is not (`metadata`). Messages name the file and line, never its content: a Secret's
// values are credentials.
#pragma once

#include "oras/result.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace oras::kube {

// Manifests are small; a larger input is refused before it is read.
inline constexpr std::size_t k_max_manifest_bytes = 4 * 1024 * 1024;

class FlatManifest
{
  public:
    // The top-level scalar `key`; nullopt when absent or not a scalar.
    [[nodiscard]] std::optional<std::string> scalar(std::string_view key) const;

    // The top-level mapping `key` of strings to strings; nullopt when absent (or null). Fails
    // with invalid_format, naming the origin and the line, when `key` holds anything else.
    [[nodiscard]] Result<std::optional<std::map<std::string, std::string>>>
    string_map(std::string_view key) const;

    // What the readers fill.
    void set_scalar(std::string key, std::string value);
    void set_map(std::string key, std::map<std::string, std::string> value);
    // `key` holds something coras does not read; `why` says what and where, for string_map().
    void set_unreadable(std::string key, std::string why);

  private:
    std::map<std::string, std::string, std::less<>> m_scalars;
    std::map<std::string, std::map<std::string, std::string>, std::less<>> m_maps;
    std::map<std::string, std::string, std::less<>> m_unreadable;
};

// Reads `text` (the content of `origin`) as YAML. Fails with too_large over
// k_max_manifest_bytes, or invalid_format as "`origin`: line N: <what>" for text that is not a
// mapping at the top level, a duplicate key, a tab in indentation, a second document, or a
// malformed key or scalar at the top level.
Result<FlatManifest> parse_yaml_manifest(std::string_view text, const std::string& origin);

// Reads `text` as a JSON object (through json/parse.hpp's limits); members whose values are
// strings become scalars, objects whose members are all strings become mappings. Fails with
// invalid_format for invalid JSON or a value that is not an object.
Result<FlatManifest> parse_json_manifest(std::string_view text, const std::string& origin);

// parse_json_manifest() when the first character that is not white space is '{', else
// parse_yaml_manifest().
Result<FlatManifest> parse_manifest(std::string_view text, const std::string& origin);

// True when `text` starts (after blank lines, comments and a `---`) with a line of the shape
// `key:` or `key: value`: a YAML mapping rather than a list of references, which never hold
// ": " nor end with ':'.
bool looks_like_yaml_mapping(std::string_view text);

} // namespace oras::kube
