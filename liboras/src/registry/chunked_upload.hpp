// Chunked blob upload (distribution-spec v1.1, "Pushing a blob in chunks"): PATCHes of a fixed
// size to the newest Location, then PUT ?digest=. For registries that refuse one large PUT
// (413) and for --chunk-size; slower than one PUT on a fast link (rust-oci-client #273).
#pragma once

#include "http/retrying_client.hpp"
#include "oras/descriptor.hpp"
#include "oras/io.hpp"
#include "oras/result.hpp"
#include "registry/repository_context.hpp"
#include "registry/upload_session.hpp"

#include <cstdint>

namespace oras::registry {

// The chunk size when the registry refused one PUT and no --chunk-size was given.
constexpr std::uint64_t k_default_chunk_size = 16ULL * 1024 * 1024;
// The most a registry's OCI-Chunk-Min-Length may ask for (as regclient).
constexpr std::uint64_t k_max_chunk_size = 1024ULL * 1024 * 1024;

// `wanted` raised to the registry's minimum `registry_min`, which counts up to 1 GiB.
std::uint64_t effective_chunk_size(std::uint64_t wanted, std::uint64_t registry_min);

// Uploads `desc.size` bytes of `content` (positioned at its first byte) in chunks of
// `chunk_size` (see effective_chunk_size), each PATCHed to the newest Location with its
// Content-Range, then closes the session with PUT ?digest=. When a PATCH fails transiently (or
// with 416), the session's status is asked for and the upload goes on at the byte the
// registry reports; a session the registry lost starts again from the first byte. Every wait
// follows RetryOptions; a session given up is DELETEd.
// Bytes [from, to) of a blob, PATCHed `chunk_size` at a time.
struct ChunkRange
{
    std::uint64_t from = 0;
    std::uint64_t to = 0;
    std::uint64_t chunk_size = k_default_chunk_size;
};

// PATCHes `range` of `content` (positioned at range.from; seek() reaches any byte of the range)
// to `session`, following each answer's Location. After a PATCH that failed transiently (or
// with 416) and a wait that `backoff` allows, the session's status says where to go on; a
// registry that then holds less than range.from (or more than range.to) fails with http.
// `desc` names the blob in messages.
Result<void> send_range(const RepositoryContext& context,
                        const Descriptor& desc,
                        ByteSource& content,
                        UploadSession& session,
                        const ChunkRange& range,
                        http::Backoff& backoff);

// Closes `session` with PUT ?digest=desc.digest (no body); `completed` is set once the
// registry answered 201, and its Docker-Content-Digest must then equal desc.digest.
Result<void> close_session(const RepositoryContext& context,
                           const Descriptor& desc,
                           const UploadSession& session,
                           bool& completed);

Result<void> push_chunked(const RepositoryContext& context,
                          const Descriptor& desc,
                          ByteSource& content,
                          std::uint64_t chunk_size);

} // namespace oras::registry
