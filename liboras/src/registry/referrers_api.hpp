// The referrers API of one repository (distribution-spec v1.1, "Listing Referrers").
#pragma once

#include "oras/descriptor.hpp"
#include "oras/result.hpp"
#include "registry/repository_context.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace oras::registry {

inline constexpr std::size_t k_max_referrer_pages = 100;
inline constexpr std::size_t k_max_referrers = 100000;

// GET /v2/<name>/referrers/<digest>[?artifactType=]: the index's manifests, filtered by
// `artifact_type` here too unless the registry says it applied the filter (OCI-Filters-Applied).
// nullopt on a 404 that is not a registry error document (the API is missing: distribution 2.8
// answers "404 page not found"); each page's body is capped at 4 MiB and must be an OCI index.
// Pages linked by `Link: <url>; rel="next"` are followed on the first page's origin only, never
// one twice, at most k_max_referrer_pages of them and k_max_referrers entries in all.
Result<std::optional<std::vector<Descriptor>>> get_referrers(const RepositoryContext& context,
                                                             const Descriptor& subject,
                                                             std::string_view artifact_type);

} // namespace oras::registry
