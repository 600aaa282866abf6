// A list a registry serves in pages (distribution-spec v1.1, "Listing Tags"; distribution's
// /v2/_catalog): each page is a JSON object holding one array of strings, and an RFC 8288
// `Link: <url>; rel="next"` header points at the next page.
#pragma once

#include "http/http_client.hpp"
#include "oras/listing.hpp"
#include "oras/result.hpp"

#include <string>
#include <vector>

namespace oras::registry {

struct PagedList
{
    std::string url;    // the first page, without `n` and `last`
    std::string member; // the array each page holds: "tags", "repositories"
    std::string object; // for messages: "tag list", "repository catalog"
    std::string target; // for messages: "localhost:5000/demo/wasm", "localhost:5000"
};

// Reads every page of `list` through `client`, as `options` bound it: the first URL gets
// `last=` and `n=`; a next page must be on the origin of the first (a relative Link is resolved
// against the page that sent it) and never one already read. Every failure is one line naming
// the object, the target and the page: "GET tag list page 3 from localhost:5000/demo/wasm:
// Link to http://elsewhere/... leaves the registry" (forbidden), a page over
// `max_page_bytes` or past `max_pages` / `max_entries` (too_large), a page that is no JSON
// object with a string array `member` (invalid_format), a Link back to a page already read
// (invalid_format), a non-200 answer (as error_from_response).
Result<std::vector<std::string>>
read_paged_list(http::Client& client, const PagedList& list, const ListOptions& options);

} // namespace oras::registry
