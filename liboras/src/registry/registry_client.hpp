// The one place where the HTTP client for a registry is built from RemoteOptions, so that the
// auth and retry decorators can later wrap it here.
#pragma once

#include "http/http_client.hpp"
#include "oras/reference.hpp"
#include "oras/remote.hpp"
#include "oras/result.hpp"

#include <memory>

namespace oras::registry {

// A client for the registry of `ref` configured from `options` (TLS verification, CA file,
// client certificate, User-Agent, --debug log). Credentials are not used yet: requests are
// anonymous. Fails with invalid_argument when a CA, certificate or key file does not exist.
Result<std::shared_ptr<http::Client>> make_registry_client(const Reference& ref,
                                                           const RemoteOptions& options);

} // namespace oras::registry
