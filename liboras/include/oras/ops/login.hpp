// `login` and `logout`: checking credentials against a registry and keeping them where docker
// keeps them (oras-go registry/remote/credentials Login and Logout).
#pragma once

#include "oras/credentials.hpp"
#include "oras/remote.hpp"
#include "oras/result.hpp"

#include <memory>
#include <string>

namespace oras::ops {

struct LoginOptions
{
    std::string registry;  // as typed: "localhost:5000", "ghcr.io", "docker.io", "https://h/"
    Credential credential; // username and password, or an identity token
    RemoteOptions remote;  // TLS and --debug; its credentials are ignored
};

struct LoginResult
{
    std::string registry;        // the registry as checked ("localhost:5000")
    std::string key;             // the key it was stored under ("https://index.docker.io/v1/")
    CredentialLocation location; // where the secret went (helper name, or the config file)
};

// The registry named by `text`: a scheme and a path are dropped ("https://ghcr.io/v2/" gives
// "ghcr.io"). Fails with invalid_argument when what is left is not a registry host[:port].
Result<std::string> registry_from_login_argument(std::string_view text);

// Checks `options.credential` with GET /v2/ on the registry (answering its Basic or Bearer
// challenge), then stores it in `store` under the registry's credential key. Nothing is
// stored when the check fails: unauthorized for wrong credentials, network or tls when the
// registry cannot be reached, or what the store reports.
Result<LoginResult> login(const LoginOptions& options, CredentialStore& store);

// What logout found.
enum class Removal
{
    removed,    // a credential was stored and is gone
    not_stored, // nothing was stored: nothing to do (docker and oras succeed too)
};

struct LogoutResult
{
    std::string registry; // as checked ("localhost:5000")
    Removal removal = Removal::removed;
};

// Removes the credential stored for `registry` (as typed, see registry_from_login_argument)
// from `store`. Fails with unsupported when what is found comes from a read-only fallback that
// still holds it afterwards, or as the store does.
Result<LogoutResult> logout(std::string_view registry, CredentialStore& store);

} // namespace oras::ops
