// The auth decorator around an http::Client (oras-go registry/remote/auth.Client): answers a
// registry's 401 challenge with Basic credentials or a bearer token for the merged scopes,
// caches what worked, and resends the request once.
#pragma once

#include "http/http_client.hpp"
#include "oras/credential.hpp"

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

// Wraps `inner`. The registry's Authorization only ever goes to `registry_url`'s origin
// (redirect targets never get it; a token realm gets the credential itself, as Basic, as the
// token protocol wants). A cached token about to expire is renewed before a request is sent.
// send() may be called from several threads at once. send() fails, besides the transport's
// failures, with unauthorized when the registry or its token server refuses the credentials or
// refuses anonymous access, with forbidden for a realm check_realm() refuses, and with what the
// credential provider reported; a 401 it cannot answer (no credentials for a Basic challenge,
// insufficient_scope for credentials it sent, a body that cannot be replayed, a 401 from another
// origin) is returned as a response.
std::unique_ptr<http::Client> make_auth_client(std::shared_ptr<http::Client> inner,
                                               AuthOptions options);

} // namespace oras::auth
