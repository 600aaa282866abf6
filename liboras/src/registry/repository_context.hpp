// What the blob store and the manifest store of one remote repository share: the HTTP client,
// the repository's URLs and its name for messages.
#pragma once

#include "http/http_client.hpp"
#include "oras/debug_log.hpp"
#include "oras/result.hpp"
#include "oras/retry.hpp"
#include "registry/error_response.hpp"
#include "registry/urls.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace oras::registry {

struct RepositoryContext
{
    std::shared_ptr<http::Client> client;
    RepositoryUrls urls;
    std::string name; // "localhost:5000/demo/wasm"
    // How a blob download resumes and an upload restarts after a transient failure (single
    // requests are retried by the client itself).
    RetryOptions retry;
    DebugLog debug; // empty: silent
    // Blobs larger than this go up in PATCH chunks (RemoteOptions::chunk_size).
    std::optional<std::uint64_t> chunk_size;
    // The Accept header of a manifest read by tag (RemoteOptions::manifest_media_types, comma
    // joined); empty: media_type::manifest_accept.
    std::string manifest_accept;

    // Sends `request` as step `op`; a transport failure is returned through
    // error_from_transport(), any HTTP response (whatever its status) as a value.
    Result<http::Response> send(const http::Request& request, const Operation& op) const;

    // An Operation on this repository: "<method> <object> to|from <name>".
    [[nodiscard]] Operation operation(std::string method, std::string object) const
    {
        return Operation{std::move(method), std::move(object), name};
    }
};

} // namespace oras::registry
