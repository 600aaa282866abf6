#include "registry/referrers_api.hpp"

#include "oras/manifest.hpp"
#include "oras/media_types.hpp"
#include "registry/response_headers.hpp"

#include <algorithm>
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

} // namespace

Result<std::optional<std::vector<Descriptor>>> get_referrers(const RepositoryContext& context,
                                                             const Descriptor& subject,
                                                             std::string_view artifact_type)
{
    const Operation op = context.operation("GET", "referrers of " + subject.digest.str());
    http::Request request;
    request.url = context.urls.referrers(subject.digest, artifact_type);
    request.headers = {{"Accept", std::string(media_type::oci_index)}};
    request.max_body = k_max_manifest_bytes;
    auto response = context.send(request, op);
    if (!response) {
        return std::move(response).error();
    }
    if (response->status == 404 && parse_registry_errors(response->body).empty()) {
        return std::optional<std::vector<Descriptor>>{};
    }
    if (response->status != 200) {
        return error_from_response(*response, op);
    }
    if (response->body.size() >= k_max_manifest_bytes) {
        return fail(ErrorCode::too_large, op.describe() + ": the referrers index is over 4 MiB");
    }
    if (response->header("Link")) {
        return fail(ErrorCode::unsupported,
                    op.describe() + ": the registry pages the referrers list, which coras does "
                                    "not follow yet");
    }
    const auto index = parse_index(response->body, media_type::oci_index);
    if (!index) {
        return index.error().with_context(op.describe());
    }
    std::vector<Descriptor> referrers = index->manifests;
    if (!artifact_type.empty() && !filter_applied(*response)) {
        std::erase_if(referrers,
                      [&](const Descriptor& desc) { return desc.artifact_type != artifact_type; });
    }
    return std::optional<std::vector<Descriptor>>(std::move(referrers));
}

} // namespace oras::registry
