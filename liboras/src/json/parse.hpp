// The one way liboras reads JSON that comes from outside: registry bodies, token replies,
// credential helper output, config, annotation and layout files. Every parse goes through a
// size limit and a nesting limit before nlohmann sees the bytes, so hostile input fails as an
// Error instead of exhausting memory or the stack (nlohmann copies, compares and dumps values
// recursively). Error messages never quote the input: it may hold a password or a token.
#pragma once

#include "oras/result.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>

namespace oras {

// Manifests, configs and index.json files never come near these; callers pass smaller limits
// where the input is smaller by nature (token replies, credential helper output).
inline constexpr std::size_t k_json_max_bytes = 4 * 1024 * 1024;
inline constexpr std::size_t k_json_max_depth = 64;

// The limits one parse is held to. `max_depth` counts arrays and objects: `[]` is depth 1,
// `{"a":[]}` depth 2, a scalar depth 0.
struct JsonLimits
{
    std::size_t max_bytes = k_json_max_bytes;
    std::size_t max_depth = k_json_max_depth;
};

// Checks that `bytes` is one JSON value (RFC 8259, no comments) within `limits`, without
// building it. Fails with too_large as "`what`: over the N-byte limit", or with invalid_format
// as "`what`: nested deeper than N levels" or "`what`: not valid JSON at byte N: <reason>".
Result<void>
check_json(std::string_view bytes, std::string_view what, const JsonLimits& limits = {});

// Parses `bytes` as one JSON value within `limits`; fails as check_json does.
Result<nlohmann::json>
parse_json(std::string_view bytes, std::string_view what, const JsonLimits& limits = {});

// As parse_json, keeping object members in the order of `bytes`; for files coras rewrites
// (a docker config.json keeps the order its owner gave it).
Result<nlohmann::ordered_json>
parse_ordered_json(std::string_view bytes, std::string_view what, const JsonLimits& limits = {});

} // namespace oras
