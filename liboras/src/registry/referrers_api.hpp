// The referrers API of one repository (distribution-spec v1.1, "Listing Referrers").
#pragma once

#include "oras/descriptor.hpp"
#include "oras/result.hpp"
#include "registry/repository_context.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace oras::registry {

// GET /v2/<name>/referrers/<digest>[?artifactType=]: the index's manifests, filtered by
// `artifact_type` here too unless the registry says it applied the filter (OCI-Filters-Applied).
// nullopt on a 404 that is not a registry error document (the API is missing: distribution 2.8
// answers "404 page not found"); the body is capped at 4 MiB and must be an OCI index. One page:
// a Link to a next page fails with unsupported rather than being silently dropped.
Result<std::optional<std::vector<Descriptor>>> get_referrers(const RepositoryContext& context,
                                                             const Descriptor& subject,
                                                             std::string_view artifact_type);

} // namespace oras::registry
