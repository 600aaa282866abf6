// The RFC 8288 `Link` header, as registries use it to page lists (distribution-spec v1.1,
// "Listing Tags": `Link: <url>; rel="next"`).
#pragma once

#include "http/http_client.hpp"
#include "oras/result.hpp"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace oras::registry {

// The target of the link whose relation types include "next" (case-insensitive) among the
// link-values of `values` (every Link header of a response, each possibly a comma list); nullopt
// when none has it. Fails with invalid_format when a link-value is malformed (no `<...>`, an
// unterminated quoted string) or when two different links are "next".
Result<std::optional<std::string>> next_link(const std::vector<std::string>& values);

// The absolute URL of the next page `response` (to `url`) links, if any: a relative link is
// resolved against `url`. Fails with forbidden when it leaves the origin of `first` (the first
// page), with invalid_format when it is one of `visited` (a loop) or as next_link().
Result<std::optional<std::string>> next_page(const http::Response& response,
                                             const std::string& url,
                                             const std::string& first,
                                             const std::set<std::string>& visited);

} // namespace oras::registry
