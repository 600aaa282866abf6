// The one place where the HTTP client for a registry is built from RemoteOptions: libcurl
// wrapped in retries, wrapped in the auth decorator.
#pragma once

#include "http/http_client.hpp"
#include "oras/reference.hpp"
#include "oras/remote.hpp"
#include "oras/result.hpp"

#include <memory>
#include <string_view>

namespace oras::registry {

// Whether the client asks up front for a token on `ref`'s repository (with the actions of
// RemoteOptions::access) or only for what the registry challenges (GET /v2/).
enum class ScopeHint
{
    repository,
    none
};

// `options` with RetryOptions::deadline set from RemoteOptions::timeout (from now), unless set.
RemoteOptions with_deadline(RemoteOptions options);

// A Reference naming the bare registry `registry` ("host[:port]", validated by the reference
// grammar), for requests that concern no repository (/v2/, /v2/_catalog); fails with
// invalid_argument when `registry` is no host[:port].
Result<Reference> registry_reference(std::string_view registry);

// A client for the registry of `ref` configured from `options` (TLS verification, CA file,
// client certificate, User-Agent, --debug log, credentials, retries). Fails with invalid_argument
// when a CA, certificate or key file does not exist.
Result<std::shared_ptr<http::Client>>
make_registry_client(const Reference& ref, const RemoteOptions& options, ScopeHint hint);

} // namespace oras::registry
