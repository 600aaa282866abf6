// Chunked blob upload (distribution-spec v1.1, "Pushing a blob in chunks"): PATCHes of a fixed
// size to the newest Location, then PUT ?digest=. For registries that refuse one large PUT
// (413) and for --chunk-size; slower than one PUT on a fast link (rust-oci-client #273).
#pragma once

#include "oras/descriptor.hpp"
#include "oras/io.hpp"
#include "oras/result.hpp"
#include "registry/repository_context.hpp"

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
Result<void> push_chunked(const RepositoryContext& context,
                          const Descriptor& desc,
                          ByteSource& content,
                          std::uint64_t chunk_size);

} // namespace oras::registry
