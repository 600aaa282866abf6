// A repository on a remote registry as an oras::Target, composed of a blob store and a
// manifest store over one shared HTTP client (oras-go's remote.Repository, split up).
#pragma once

#include "http/http_client.hpp"
#include "oras/content.hpp"
#include "oras/deleter.hpp"
#include "oras/listing.hpp"
#include "oras/reference.hpp"
#include "oras/remote.hpp"
#include "registry/blob_store.hpp"
#include "registry/manifest_store.hpp"
#include "registry/repository_context.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras::registry {

class RemoteRepository final : public Target,
                               public BlobMounter,
                               public StreamPusher,
                               public TagLister,
                               public Deleter,
                               public BlobResolver,
                               public ReferrerLister
{
  public:
    // The repository of `ref` reached through `client` with the scheme chosen by `plain_http`.
    RemoteRepository(const Reference& ref,
                     PlainHttp plain_http,
                     std::shared_ptr<http::Client> client,
                     RetryOptions retry = {},
                     DebugLog debug = {},
                     std::optional<std::uint64_t> chunk_size = {});
    RemoteRepository(const RemoteRepository&) = delete;
    RemoteRepository& operator=(const RemoteRepository&) = delete;

    // Manifests (media_type::is_manifest) go to /manifests/, anything else to /blobs/.
    Result<void> fetch(const Descriptor& desc, ByteSink& sink) override;
    Result<void> push(const Descriptor& desc, ByteSource& content) override;
    Result<bool> exists(const Descriptor& desc) override;
    Result<Descriptor> resolve(std::string_view reference) override;
    // One GET by tag or digest (no HEAD first).
    Result<FetchedManifest> fetch_reference(std::string_view reference,
                                            std::size_t max_bytes) override;
    // GETs the manifest `desc` by digest and PUTs the same bytes under `tag` (a registry has
    // no tag API).
    Result<void> tag(const Descriptor& desc, std::string_view tag) override;
    // PUTs the manifest `desc` directly under `tag`: one request.
    Result<void>
    push_tagged(const Descriptor& desc, ByteSource& content, std::string_view tag) override;
    // "host/repository" as written in the reference, e.g. "localhost:5000/demo/wasm".
    [[nodiscard]] std::string describe() const override { return m_context.name; }
    Result<bool> mount(const Descriptor& desc, std::string_view from_repository) override;
    // Streams `content` up in chunks, hashing it on the way (registry/stream_upload.hpp).
    Result<Descriptor> push_stream(ByteSource& content,
                                   std::string_view media_type,
                                   const StreamExpectation& expected) override;
    // HEAD /blobs/<digest>.
    Result<Descriptor> resolve_blob(const Digest& digest) override;
    // The Accept header of manifest reads by tag (RemoteOptions::manifest_media_types); empty
    // keeps every type coras knows.
    void set_manifest_media_types(const std::vector<std::string>& media_types);
    Result<std::optional<std::vector<Descriptor>>>
    referrers_api(const Descriptor& subject, std::string_view artifact_type) override;
    // The client keeps a connection per thread and one token cache for all.
    [[nodiscard]] bool concurrent_transfers() const override { return true; }

    // GET /tags/list, page by page (registry/paged_list.hpp).
    Result<std::vector<std::string>> tags(const ListOptions& options) override;
    // DELETE /manifests/<digest> or /blobs/<digest> (registry/deletion.hpp).
    Result<void> remove(const Descriptor& desc) override;

  private:
    RepositoryContext m_context;
    BlobStore m_blobs;
    ManifestStore m_manifests;
};

} // namespace oras::registry
