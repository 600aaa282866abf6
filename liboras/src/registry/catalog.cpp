// The repositories of a registry: distribution's GET /v2/_catalog (distribution-spec v1.1 leaves
// it out; oras-go's Registry.Repositories), paged like the tag list.
#include "oras/listing.hpp"

#include "registry/paged_list.hpp"
#include "registry/registry_client.hpp"
#include "registry/urls.hpp"

namespace oras {

Result<std::vector<std::string>>
list_repositories(std::string_view registry, const RemoteOptions& remote, const ListOptions& list)
{
    const RemoteOptions timed = registry::with_deadline(remote);
    const Reference ref = ORAS_TRY(registry::registry_reference(registry));
    // No repository scope up front: the registry challenges for registry:catalog:*.
    std::shared_ptr<http::Client> client =
        ORAS_TRY(registry::make_registry_client(ref, timed, registry::ScopeHint::none));
    const registry::RepositoryUrls urls(ref, timed.plain_http);
    const registry::PagedList paged{
        urls.base() + "/v2/_catalog", "repositories", "repository catalog", ref.registry};
    auto repositories = registry::read_paged_list(*client, paged, list);
    if (!repositories && repositories.error().http_status == 404) {
        Error error = repositories.error();
        error.code = ErrorCode::unsupported;
        error.hint = "the registry offers no catalog (/v2/_catalog)";
        return error;
    }
    return repositories;
}

} // namespace oras
