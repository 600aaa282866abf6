#include "registry/registry_client.hpp"

#include "auth/auth_client.hpp"
#include "auth/scope.hpp"
#include "http/retrying_client.hpp"
#include "oras/version.hpp"
#include "registry/urls.hpp"

namespace oras::registry {

RemoteOptions with_deadline(RemoteOptions options)
{
    if (options.timeout && !options.retry.deadline) {
        options.retry.deadline = std::chrono::steady_clock::now() + *options.timeout;
    }
    return options;
}

Result<Reference> registry_reference(std::string_view registry)
{
    // The repository is a placeholder, never used.
    auto ref = Reference::parse(std::string(registry) + "/v2");
    if (!ref || ref->registry != registry) {
        return fail(ErrorCode::invalid_argument,
                    "invalid registry \"" + std::string(registry) + "\": expected host[:port]");
    }
    return ref;
}

Result<std::shared_ptr<http::Client>>
make_registry_client(const Reference& ref, const RemoteOptions& options, ScopeHint hint)
{
    http::ClientOptions client_options;
    client_options.tls_verify = options.tls_verify;
    client_options.ca_file = options.ca_file;
    client_options.cert_file = options.cert_file;
    client_options.key_file = options.key_file;
    client_options.origin = RepositoryUrls(ref, options.plain_http).base();
    client_options.headers = options.headers;
    client_options.resolve = options.resolve;
    client_options.user_agent =
        options.user_agent.empty() ? default_user_agent() : options.user_agent;
    client_options.debug = options.debug;
    client_options.stall_timeout = options.stall_timeout;
    client_options.deadline = options.retry.deadline;
    client_options.cancelled = options.cancelled;
    std::unique_ptr<http::Client> curl = ORAS_TRY(http::make_curl_client(client_options));
    std::shared_ptr<http::Client> retrying = http::make_retrying_client(
        std::shared_ptr<http::Client>(std::move(curl)), options.retry, options.debug);

    auth::AuthOptions auth_options;
    auth_options.registry_url = RepositoryUrls(ref, options.plain_http).base();
    auth_options.registry = ref.registry;
    auth_options.credentials = options.credentials;
    if (hint == ScopeHint::repository) {
        const bool push = options.access == RepositoryAccess::push;
        auth_options.scope_hints = {
            auth::repository_scope(ref.repository, push ? "pull,push" : "pull")};
    }
    return std::shared_ptr<http::Client>(
        auth::make_auth_client(std::move(retrying), std::move(auth_options)));
}

} // namespace oras::registry
