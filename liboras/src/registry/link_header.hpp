// The RFC 8288 `Link` header, as registries use it to page lists (distribution-spec v1.1,
// "Listing Tags": `Link: <url>; rel="next"`).
#pragma once

#include "oras/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras::registry {

// The target of the link whose relation types include "next" (case-insensitive) among the
// link-values of `values` (every Link header of a response, each possibly a comma list); nullopt
// when none has it. Fails with invalid_format when a link-value is malformed (no `<...>`, an
// unterminated quoted string) or when two different links are "next".
Result<std::optional<std::string>> next_link(const std::vector<std::string>& values);

} // namespace oras::registry
