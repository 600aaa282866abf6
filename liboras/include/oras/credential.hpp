// The credentials for one registry and the callback that supplies them to a registry client.
#pragma once

#include "oras/result.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace oras {

// Credentials for one registry host; all empty means anonymous.
struct Credential
{
    std::string username;
    std::string password;
    std::string identity_token; // OAuth2 refresh token
    std::string access_token;   // used directly as the Bearer token

    [[nodiscard]] bool empty() const
    {
        return username.empty() && password.empty() && identity_token.empty() &&
               access_token.empty();
    }
};

// Returns the credential for `host` ("registry:port" as written in the reference); an empty
// Credential means anonymous. Its failures end the request that asked.
using CredentialProvider = std::function<Result<Credential>(std::string_view host)>;

} // namespace oras
