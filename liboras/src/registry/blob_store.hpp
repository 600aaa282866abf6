// The blobs of one remote repository (distribution-spec v1.1, "Pulling blobs", "Pushing
// blobs", "Checking if content exists"), as oras-go's blobStore.
#pragma once

#include "oras/descriptor.hpp"
#include "oras/io.hpp"
#include "oras/result.hpp"
#include "registry/repository_context.hpp"
#include "registry/upload_session.hpp"

#include <atomic>
#include <cstdint>
#include <optional>

namespace oras::registry {

class BlobStore
{
  public:
    // Works on the repository of `context`, which must outlive the store.
    explicit BlobStore(const RepositoryContext& context) : m_context(context) {}

    // HEAD the blob: true on 200 (fails with size_mismatch when Content-Length differs from
    // `desc.size`), false on 404, an error for any other answer.
    Result<bool> exists(const Descriptor& desc) const;

    // HEAD the blob `digest` for its size (distribution-spec v1.1, "Checking if content
    // exists"): not_found on 404; the Content-Length is required and Docker-Content-Digest, if
    // sent, must equal `digest`.
    Result<Descriptor> resolve(const Digest& digest) const;

    // GETs the blob, following redirects (storage back ends), streaming it into `sink`. Fails
    // with not_found on 404, size_mismatch when Content-Length or the bytes received differ
    // from `desc.size`, digest_mismatch when Docker-Content-Digest differs from `desc.digest`.
    // The full digest is checked by the caller (fetch_verified). A download that breaks after
    // some bytes resumes where it stopped ("Range: bytes=N-"), as often as RetryOptions allow.
    Result<void> fetch(const Descriptor& desc, ByteSink& sink) const;

    // Uploads `content` (exactly `desc.size` bytes). A blob of at most 64 KiB is first offered
    // in one request (POST ?digest= with the body); where the registry ignores that (it answers
    // with a session, as distribution 2.8 does) no later blob is offered so. Otherwise the
    // monolithic upload: POST a session, then PUT the whole body to its Location with
    // ?digest=. Blobs over RepositoryContext::chunk_size, and any blob whose PUT the registry
    // refuses with 413, go up in chunks (push_chunked). Refuses a Location on another origin
    // than the registry. Fails with digest_mismatch when the registry reports a different
    // digest. A failed attempt's session is DELETEd; one that failed transiently (the
    // connection, a 5xx, 408 or 429, a session the registry lost) is restarted from the first
    // byte of `content`, as often as RetryOptions allow.
    Result<void> push(const Descriptor& desc, ByteSource& content) const;

    // POST ?mount=<digest>&from=<repository>: true on 201 (the digest header checked); false on
    // 202 (the session the registry opened instead is DELETEd).
    Result<bool> mount(const Descriptor& desc, std::string_view from_repository) const;

  private:
    static constexpr std::uint64_t k_one_request_limit = 64 * 1024;

    struct OneRequest
    {
        bool stored = false;                  // 201: nothing is left to do
        std::optional<UploadSession> session; // 202: the session to PUT to
    };
    Result<OneRequest> push_in_one_request(const Descriptor& desc, ByteSource& content) const;
    // One PUT of `content` to the session at `location`; `completed` is set once the registry
    // answered 201 (the session is then closed, whatever else fails).
    Result<void> push_once(const Descriptor& desc,
                           const std::string& location,
                           ByteSource& content,
                           bool& completed) const;
    Result<void> fetch_from(const Descriptor& desc, ByteSink& sink, std::uint64_t offset) const;

    const RepositoryContext& m_context;
    // Set once the registry answered a one-request upload with anything but 201.
    mutable std::atomic<bool> m_one_request_ignored{false};
};

} // namespace oras::registry
