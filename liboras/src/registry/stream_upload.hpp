// A blob uploaded from a stream of unknown length (a pipe): distribution-spec v1.1, "Pushing a
// blob in chunks", with the digest computed while the chunks go out and given only to the
// closing PUT. Nothing is written to disk; one chunk at a time is held in memory so that a
// PATCH that fails can be resent.
#pragma once

#include "oras/content.hpp"
#include "oras/descriptor.hpp"
#include "oras/io.hpp"
#include "oras/result.hpp"
#include "registry/repository_context.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace oras::registry {

// The chunk a stream is cut into when neither --chunk-size nor the registry says otherwise.
constexpr std::uint64_t k_stream_chunk_size = 8ULL * 1024 * 1024;

// Reads `content` to its end in chunks of RepositoryContext::chunk_size (default
// k_stream_chunk_size; raised to the registry's
// OCI-Chunk-Min-Length), PATCHing each to one upload session while hashing it, then closes the
// session with PUT ?digest=<computed>. When the computed digest or size differs from
// `expected`, the session is DELETEd before any PUT (nothing is stored) and the upload fails
// with digest_mismatch or size_mismatch (at once when more than expected.size bytes come). A failed
// PATCH resumes from the chunk in memory as send_range() does; any other failure DELETEs the
// session and is final (the stream cannot be read again).
Result<Descriptor> push_stream(const RepositoryContext& context,
                               ByteSource& content,
                               std::string_view media_type,
                               const StreamExpectation& expected);

} // namespace oras::registry
