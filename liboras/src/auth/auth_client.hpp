// The auth decorator around an http::Client (oras-go registry/remote/auth.Client): answers a
// registry's 401 challenge with Basic credentials or a bearer token for the merged scopes,
// caches what worked, and resends the request once.
#pragma once

#include "http/http_client.hpp"
#include "oras/remote.hpp"

#include <memory>
#include <string>
#include <vector>

namespace oras::auth {

struct AuthOptions
{
    std::string registry_url;             // "https://host:port": auth is only sent there
    std::string registry;                 // the registry as written, for credentials and messages
    CredentialProvider credentials;       // asked once, on the first challenge; empty: anonymous
    std::vector<std::string> scope_hints; // asked for up front ("repository:x:pull,push")
};

// Wraps `inner`. Requests to other origins (redirect targets, token realms) never carry the
// registry's Authorization. send() fails, besides the transport's failures, with
// unauthorized when the registry or its token server refuses the credentials, and with what
// the credential provider or the token server reported; a 401 it cannot answer (no
// credentials, insufficient_scope, a body that cannot be replayed) is returned as a response.
std::unique_ptr<http::Client> make_auth_client(std::shared_ptr<http::Client> inner,
                                               AuthOptions options);

} // namespace oras::auth
