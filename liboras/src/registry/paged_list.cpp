#include "registry/paged_list.hpp"

#include "http/url.hpp"
#include "registry/error_response.hpp"
#include "registry/link_header.hpp"
#include "json/parse.hpp"

#include <set>

namespace oras::registry {

namespace {

std::string first_url(const PagedList& list, const ListOptions& options)
{
    std::string url = list.url;
    if (options.page_size) {
        url = http::with_query_parameter(url, "n", std::to_string(*options.page_size));
    }
    if (!options.last.empty()) {
        url = http::with_query_parameter(url, "last", options.last);
    }
    return url;
}

// Appends the strings of `body`'s array `member` to `entries`.
Result<void> read_page(const std::string& body,
                       const PagedList& list,
                       const ListOptions& options,
                       std::vector<std::string>& entries)
{
    JsonLimits limits;
    limits.max_bytes = options.max_page_bytes;
    limits.max_depth = 4;
    const nlohmann::json page = ORAS_TRY(parse_json(body, "the page", limits));
    if (!page.is_object()) {
        return fail(ErrorCode::invalid_format, "the page is no JSON object");
    }
    const auto found = page.find(list.member);
    if (found == page.end() || found->is_null()) {
        return {}; // distribution answers {"name":..., "tags":null} for a repository without tags
    }
    if (!found->is_array()) {
        return fail(ErrorCode::invalid_format, "\"" + list.member + "\" is no array");
    }
    for (const auto& entry : *found) {
        if (!entry.is_string()) {
            return fail(ErrorCode::invalid_format,
                        "\"" + list.member + "\" holds something other than strings");
        }
        if (entries.size() >= options.max_entries) {
            return fail(ErrorCode::too_large,
                        "more than " + std::to_string(options.max_entries) + " entries");
        }
        entries.push_back(entry.get<std::string>());
    }
    return {};
}

} // namespace

Result<std::vector<std::string>>
read_paged_list(http::Client& client, const PagedList& list, const ListOptions& options)
{
    std::vector<std::string> entries;
    std::set<std::string> visited;
    std::string url = first_url(list, options);
    for (std::size_t page = 1;; ++page) {
        const Operation op{"GET", list.object + " page " + std::to_string(page), list.target};
        if (page > options.max_pages) {
            return fail(ErrorCode::too_large,
                        op.describe() + ": more than " + std::to_string(options.max_pages) +
                            " pages");
        }
        visited.insert(url);
        http::Request request;
        request.url = url;
        request.headers = {{"Accept", "application/json"}};
        request.max_body = options.max_page_bytes;
        auto response = client.send(request);
        if (!response) {
            if (response.error().code == ErrorCode::too_large) {
                return fail(ErrorCode::too_large,
                            op.describe() + ": the page is over the " +
                                std::to_string(options.max_page_bytes) + "-byte limit");
            }
            return error_from_transport(response.error(), op, url);
        }
        if (response->status != 200) {
            return error_from_response(*response, op);
        }
        auto read = read_page(response->body, list, options, entries);
        if (!read) {
            return read.error().with_context(op.describe());
        }
        auto next = next_page(*response, url, list.url, visited);
        if (!next) {
            return next.error().with_context(op.describe());
        }
        if (!*next) {
            return entries;
        }
        url = std::move(**next);
    }
}

} // namespace oras::registry
