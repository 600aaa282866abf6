// YAML for people and kubectl: a JSON document written in YAML's block style, members in their
// order, strings plain where YAML reads them back as the same string and double-quoted (JSON's
// escapes, which YAML shares) where it would not (a bool, a number, null, an indicator). In
// quoted strings, what YAML refuses raw or reads as a line break (controls, DEL, C1, U+2028,
// U+2029, the byte order mark) is escaped as \uXXXX.
#pragma once

#include "oras/result.hpp"

#include <string>
#include <string_view>

namespace coras {

// `json_document` (one JSON value, as rendered by liboras) as a YAML document ending in a
// newline. Fails with invalid_format when it is no JSON.
oras::Result<std::string> yaml_from_json(std::string_view json_document);

// True when `text` may be written as a plain YAML scalar and read back as this string by
// YAML 1.1 and 1.2 readers.
bool plain_yaml_scalar(std::string_view text);

} // namespace coras
