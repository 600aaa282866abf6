#include "registry/repository_context.hpp"

namespace oras::registry {

Result<http::Response> RepositoryContext::send(const http::Request& request,
                                               const Operation& op) const
{
    auto response = client->send(request);
    if (!response) {
        return error_from_transport(response.error(), op, request.url);
    }
    return response;
}

} // namespace oras::registry
