// Content capabilities in the spirit of oras-go's content package: small interfaces that the
// remote repository, the OCI image layout and the memory store implement, so that push and pull
// are written once.
#pragma once

#include "oras/descriptor.hpp"
#include "oras/io.hpp"
#include "oras/result.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras {

// Streams the content of a descriptor.
class Fetcher
{
  public:
    virtual ~Fetcher() = default;
    // Writes the bytes of `desc` into `sink`. Implementations check what they cheaply can
    // (Content-Length, file size) but callers must verify size and digest: use fetch_verified().
    // Fails with not_found when the content is absent.
    virtual Result<void> fetch(const Descriptor& desc, ByteSink& sink) = 0;
};

// Stores content.
class Pusher
{
  public:
    virtual ~Pusher() = default;
    // Stores `desc` with its bytes read from `content`; fails with digest_mismatch or
    // size_mismatch when the bytes do not match `desc`, and leaves nothing stored then.
    // Manifests (media_type::is_manifest) are stored as manifests, anything else as a blob.
    // Content already stored succeeds without reading `content`; a read-only store fails with
    // unsupported.
    virtual Result<void> push(const Descriptor& desc, ByteSource& content) = 0;
};

// Lists the manifests that refer to a manifest through their `subject` (image-spec v1.1).
class ReferrerLister
{
  public:
    virtual ~ReferrerLister() = default;
    // The referrers of `subject` through the store's referrers API (distribution-spec v1.1,
    // "Listing Referrers"), as descriptors with their artifactType and annotations, filtered by
    // `artifact_type` when it is not empty. nullopt when the store has no such API (a registry
    // answering 404, as distribution 2.8 does): callers then read the tag schema index. Fails
    // with too_large, invalid_format or as any exchange.
    virtual Result<std::optional<std::vector<Descriptor>>>
    referrers_api(const Descriptor& subject, std::string_view artifact_type) = 0;
};

// Tells whether content is stored.
// A store that can take a blob from another repository of the same registry without the bytes
// being sent again (distribution-spec v1.1, "Mounting a blob from another repository").
class BlobMounter
{
  public:
    virtual ~BlobMounter() = default;
    // True when the blob `desc` of `from_repository` is now in this repository; false when the
    // registry would not mount it (the blob or the repository unknown there, or no access), and
    // the caller uploads it instead.
    virtual Result<bool> mount(const Descriptor& desc, std::string_view from_repository) = 0;
};

class ExistenceChecker
{
  public:
    virtual ~ExistenceChecker() = default;
    // True when `desc` (blob or manifest, by digest) is present.
    virtual Result<bool> exists(const Descriptor& desc) = 0;
};

// What a streamed blob must turn out to be, where the caller knows it.
struct StreamExpectation
{
    std::optional<Digest> digest;
    std::optional<std::uint64_t> size;
};

// Stores a blob whose size and digest are learnt while it is read (a pipe): no temporary file.
class StreamPusher
{
  public:
    virtual ~StreamPusher() = default;
    // Reads `content` to its end and stores it as a blob, hashing it on the way; returns its
    // descriptor (media type `media_type`). When the bytes hash to another digest than
    // `expected.digest` (digest_mismatch) or count other than `expected.size` (size_mismatch),
    // fails and nothing is stored. Fails as the store's uploads do; a stream cannot be read
    // again, so a failure after bytes were read is final.
    virtual Result<Descriptor> push_stream(ByteSource& content,
                                           std::string_view media_type,
                                           const StreamExpectation& expected) = 0;
};

// Tells the size of a blob known by digest alone.
class BlobResolver
{
  public:
    virtual ~BlobResolver() = default;
    // The descriptor (media type application/octet-stream) of the blob `digest`; fails with
    // not_found when it is absent.
    virtual Result<Descriptor> resolve_blob(const Digest& digest) = 0;
};

// Turns a tag or digest into a manifest descriptor.
class Resolver
{
  public:
    virtual ~Resolver() = default;
    // Resolves `reference` (a tag, or "sha256:..."); fails with not_found for an unknown tag.
    virtual Result<Descriptor> resolve(std::string_view reference) = 0;
};

// A manifest read by reference: its descriptor and its exact bytes, verified against it.
struct FetchedManifest
{
    Descriptor descriptor; // media type as served or stored, digest and size of `bytes`
    std::string bytes;
};

// Reads a manifest by tag or digest in one step (oras-go's registry.ReferenceFetcher).
class ReferenceFetcher
{
  public:
    virtual ~ReferenceFetcher() = default;
    // Resolves `reference` (a tag, or "sha256:...") and reads the manifest's bytes, at most
    // `max_bytes` of them; the digest is computed over the exact bytes. Fails with not_found for
    // an unknown tag, too_large over `max_bytes`, digest_mismatch when a digest reference gets
    // other content.
    virtual Result<FetchedManifest> fetch_reference(std::string_view reference,
                                                    std::size_t max_bytes) = 0;
};

// Points a tag at a manifest.
class Tagger
{
  public:
    virtual ~Tagger() = default;
    // Makes `tag` point at the manifest `desc`, which must already be stored.
    virtual Result<void> tag(const Descriptor& desc, std::string_view tag) = 0;
};

// Everything a store can do; remote repository, OCI layout and memory store implement it.
class Target : public Fetcher,
               public Pusher,
               public ExistenceChecker,
               public Resolver,
               public ReferenceFetcher,
               public Tagger
{
  public:
    // resolve() then fetch_bytes(); a registry overrides it with a single GET.
    Result<FetchedManifest> fetch_reference(std::string_view reference,
                                            std::size_t max_bytes) override;
    // Pushes the manifest `desc` and tags it `tag` in one step where the store can (a registry
    // PUTs the manifest under the tag); by default push() then tag().
    virtual Result<void>
    push_tagged(const Descriptor& desc, ByteSource& content, std::string_view tag)
    {
        ORAS_TRY(push(desc, content));
        return this->tag(desc, tag);
    }
    // A name for messages: "localhost:5000/demo/wasm", "OCI layout /tmp/x" or "memory store".
    [[nodiscard]] virtual std::string describe() const = 0;
    // True when blobs may be fetched, pushed and checked from several threads at once (a
    // registry); false by default, and commands then move one blob at a time.
    [[nodiscard]] virtual bool concurrent_transfers() const { return false; }
};

// Fetches `desc` from `fetcher` into `sink` through a verifying sink: more than desc.size bytes
// fails with size_mismatch at once, and at the end the size and digest must match
// (digest_mismatch otherwise). The sink may have received bytes before a failure: give it a
// FileSink and commit only on success.
Result<void> fetch_verified(Fetcher& fetcher, const Descriptor& desc, ByteSink& sink);

// Fetches and verifies `desc` into memory; fails with too_large when desc.size > `max_bytes`.
Result<std::string>
fetch_bytes(Fetcher& fetcher, const Descriptor& desc, std::size_t max_bytes = 4 * 1024 * 1024);

} // namespace oras
