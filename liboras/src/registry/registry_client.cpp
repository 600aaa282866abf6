#include "registry/registry_client.hpp"

#include "oras/version.hpp"

namespace oras::registry {

// `ref` is unused until the auth decorator keys its credentials and token cache on it.
Result<std::shared_ptr<http::Client>> make_registry_client([[maybe_unused]] const Reference& ref,
                                                           const RemoteOptions& options)
{
    http::ClientOptions client_options;
    client_options.tls_verify = options.tls_verify;
    client_options.ca_file = options.ca_file;
    client_options.cert_file = options.cert_file;
    client_options.key_file = options.key_file;
    client_options.user_agent =
        options.user_agent.empty() ? default_user_agent() : options.user_agent;
    client_options.debug = options.debug;
    std::unique_ptr<http::Client> client = ORAS_TRY(http::make_curl_client(client_options));
    return std::shared_ptr<http::Client>(std::move(client));
}

} // namespace oras::registry
