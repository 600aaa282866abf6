// A repository on an OCI distribution registry, as a Target (distribution-spec v1.1).
#pragma once

#include "oras/content.hpp"
#include "oras/credential.hpp"
#include "oras/debug_log.hpp"
#include "oras/reference.hpp"
#include "oras/result.hpp"
#include "oras/retry.hpp"
#include "oras/tls.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oras {

// Whether to speak plain HTTP: auto means HTTPS except for "localhost" (as oras does).
enum class PlainHttp
{
    auto_detect,
    yes,
    no
};

// What a command will do to the repository: the token it asks for up front covers this, so
// that one token serves every request (a push asks for pull and push).
enum class RepositoryAccess
{
    pull,
    push
};

struct RemoteOptions
{
    PlainHttp plain_http = PlainHttp::auto_detect;
    TlsVerify tls_verify = TlsVerify::yes;
    std::filesystem::path ca_file;   // extra trust anchors (PEM); empty: system store only
    std::filesystem::path cert_file; // client certificate for mutual TLS
    std::filesystem::path key_file;
    // Custom request headers (-H "Name: value"), sent to the registry's origin only: never to a
    // token realm or redirect target elsewhere, as the client certificate.
    std::vector<std::pair<std::string, std::string>> headers;
    // "host:port:address[:address_port]" (--resolve, as curl takes it): connect there instead
    // of resolving host. A malformed entry fails the open with invalid_argument.
    std::vector<std::string> resolve;
    std::string user_agent;         // empty: "coras/<version>"
    CredentialProvider credentials; // empty: anonymous
    RepositoryAccess access = RepositoryAccess::pull;
    DebugLog debug;     // empty: silent
    RetryOptions retry; // transient failures
    // An exchange that moves no byte for this long fails, and is retried (--stall-timeout).
    std::chrono::seconds stall_timeout{30};
    // The longest the whole command may talk to the registry, retries included (--timeout);
    // counted from when the repository is opened. nullopt: no limit.
    std::optional<std::chrono::seconds> timeout;
    // Polled during transfers (at least once a second); true stops the command with
    // ErrorCode::cancelled, after the DELETE of an open upload session. Empty: never.
    std::function<bool()> cancelled;
    // Blobs larger than this are uploaded in PATCH chunks of this size (--chunk-size). nullopt:
    // one PUT per blob, and chunks of 16 MiB only when the registry refuses that PUT (413).
    // A registry's OCI-Chunk-Min-Length raises it (up to 1 GiB).
    std::optional<std::uint64_t> chunk_size;
    // The manifest media types asked for (Accept) when a manifest is read by tag (oras
    // --media-type; oras-go's Repository.ManifestMediaTypes). Empty: every type coras knows.
    std::vector<std::string> manifest_media_types;
};

// Opens the repository named by `ref` (its tag and digest are ignored). Nothing is sent yet.
// Fails with invalid_argument for unusable options (a missing CA file).
Result<std::unique_ptr<Target>> open_remote_repository(const Reference& ref,
                                                       const RemoteOptions& options);

// GET /v2/ on `registry` ("host[:port]" as written in a reference, "docker.io" included) with
// the options' credentials: succeeds when the registry answers 200; fails with
// invalid_argument when `registry` is no host[:port], else with unauthorized, tls, network or
// http naming the registry.
Result<void> ping_registry(std::string_view registry, const RemoteOptions& options);

} // namespace oras
