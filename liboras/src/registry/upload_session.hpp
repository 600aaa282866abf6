// One blob upload session (distribution-spec v1.1, "Pushing blobs"): opening it with a POST,
// following the Location each answer names, asking where it stands, and closing it.
#pragma once

#include "http/http_client.hpp"
#include "http/retrying_client.hpp"
#include "oras/descriptor.hpp"
#include "oras/result.hpp"
#include "registry/repository_context.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace oras::registry {

// Registry error bodies read at most this far.
constexpr std::size_t k_max_error_body = 64 * 1024;

struct UploadSession
{
    std::string location; // absolute, on the registry's origin; the newest one the registry named
    // OCI-Chunk-Min-Length from the POST answer, 0 when absent.
    std::uint64_t min_chunk = 0;
};

// "blob sha256:0123456789ab"; "streamed blob" while its digest is not known.
std::string blob_name(const Descriptor& desc);

// POSTs a new session for `desc`.
Result<UploadSession> open_session(const RepositoryContext& context, const Descriptor& desc);

// The session location a 202 answer names, resolved against `request_url`; refused when on
// another origin than the registry (GHSA-jxpm-75mh-9fp7: the blob, and any credentials, must
// not go elsewhere).
Result<std::string> session_location(const RepositoryContext& context,
                                     const http::Response& response,
                                     const std::string& request_url,
                                     const Operation& op);

// The bytes the registry holds for the session from its Range header ("0-N", with or
// without "bytes="): N + 1, except "0-0", which distribution also sends for an empty session
// and is read as 0 (chunks are never of one byte but the last). nullopt when absent or
// malformed.
std::optional<std::uint64_t> upload_range_end(const http::Response& response);

// GETs the session's status (204): the bytes the registry holds; `session.location` follows
// the answer's Location. A session the registry lost is BLOB_UPLOAD_UNKNOWN (404).
Result<std::uint64_t>
session_status(const RepositoryContext& context, const Descriptor& desc, UploadSession& session);

// DELETEs the session (distribution-spec v1.1, "Deleting an upload session"): best effort,
// once, even while the command is being cancelled.
void cancel_session(const RepositoryContext& context, const std::string& location);

// The error of an upload answer other than the one expected; DIGEST_INVALID "did not match"
// becomes digest_mismatch.
Error upload_error(const http::Response& response, const Operation& op);

// After an upload attempt of `desc` (`method`: the request that failed) failed with `error`,
// its session closed: the wait before a new session, when the failure was transient or the
// registry lost the session, `backoff` allows another attempt and `content` rewinds (the restart
// is then logged to the debug log); nullopt when the failure is final.
std::optional<std::chrono::milliseconds> restart_delay(const RepositoryContext& context,
                                                       std::string_view method,
                                                       const Descriptor& desc,
                                                       const Error& error,
                                                       http::Backoff& backoff,
                                                       ByteSource& content);

} // namespace oras::registry
