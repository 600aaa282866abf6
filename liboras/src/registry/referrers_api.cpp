#include "registry/referrers_api.hpp"

#include "oras/manifest.hpp"
#include "oras/media_types.hpp"
#include "registry/link_header.hpp"
#include "registry/response_headers.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace oras::registry {

namespace {

// OCI-Filters-Applied lists the filters the registry applied ("artifactType").
bool filter_applied(const http::Response& response)
{
    return std::ranges::any_of(
        response.header_values("OCI-Filters-Applied"),
        [](const std::string& value) { return value.find("artifactType") != std::string::npos; });
}

// Appends one page's referrers to `referrers`, filtered when the registry did not filter.
Result<void> read_page(const http::Response& response,
                       std::string_view artifact_type,
                       std::vector<Descriptor>& referrers)
{
    if (response.body.size() >= k_max_manifest_bytes) {
        return fail(ErrorCode::too_large, "the referrers index is over 4 MiB");
    }
    auto index = ORAS_TRY(parse_index(response.body, media_type::oci_index));
    if (!artifact_type.empty() && !filter_applied(response)) {
        std::erase_if(index.manifests,
                      [&](const Descriptor& desc) { return desc.artifact_type != artifact_type; });
    }
    if (referrers.size() + index.manifests.size() > k_max_referrers) {
        return fail(ErrorCode::too_large,
                    "more than " + std::to_string(k_max_referrers) + " referrers");
    }
    referrers.insert(referrers.end(), index.manifests.begin(), index.manifests.end());
    return {};
}

} // namespace

Result<std::optional<std::vector<Descriptor>>> get_referrers(const RepositoryContext& context,
                                                             const Descriptor& subject,
                                                             std::string_view artifact_type)
{
    const std::string first = context.urls.referrers(subject.digest, artifact_type);
    std::string url = first;
    std::set<std::string> visited;
    std::vector<Descriptor> referrers;
    for (std::size_t page = 1;; ++page) {
        const Operation op = context.operation(
            "GET",
            "referrers of " + subject.digest.str() +
                (page > 1 ? " (page " + std::to_string(page) + ")" : std::string()));
        if (page > k_max_referrer_pages) {
            return fail(ErrorCode::too_large,
                        op.describe() + ": more than " + std::to_string(k_max_referrer_pages) +
                            " pages");
        }
        visited.insert(url);
        http::Request request;
        request.url = url;
        request.headers = {{"Accept", std::string(media_type::oci_index)}};
        request.max_body = k_max_manifest_bytes;
        auto response = context.send(request, op);
        if (!response) {
            return std::move(response).error();
        }
        if (page == 1 && response->status == 404 && parse_registry_errors(response->body).empty()) {
            return std::optional<std::vector<Descriptor>>{};
        }
        if (response->status != 200) {
            return error_from_response(*response, op);
        }
        if (auto read = read_page(*response, artifact_type, referrers); !read) {
            return read.error().with_context(op.describe());
        }
        auto next = next_page(*response, url, first, visited);
        if (!next) {
            return next.error().with_context(op.describe());
        }
        if (!*next) {
            return std::optional<std::vector<Descriptor>>(std::move(referrers));
        }
        url = std::move(**next);
    }
}

} // namespace oras::registry
