// The manifests of one remote repository (distribution-spec v1.1, "Pulling manifests",
// "Pushing manifests"), as oras-go's manifestStore. Manifest bodies are capped at
// k_max_manifest_bytes (4 MiB) and their digest is computed over the exact bytes.
#pragma once

#include "oras/content.hpp"
#include "oras/descriptor.hpp"
#include "oras/io.hpp"
#include "oras/result.hpp"
#include "registry/repository_context.hpp"

#include <string>
#include <string_view>

namespace oras::registry {

class ManifestStore
{
  public:
    // Works on the repository of `context`, which must outlive the store.
    explicit ManifestStore(const RepositoryContext& context) : m_context(context) {}

    // HEAD /manifests/<reference> (a tag or a digest) and builds the descriptor from
    // Content-Type, Docker-Content-Digest and Content-Length; when the HEAD lacks the digest
    // or length, GETs the manifest and hashes its bytes. Fails with invalid_argument for a bad
    // reference, not_found (with a hint) for an unknown tag, digest_mismatch when the registry
    // answers a digest reference with another digest.
    Result<Descriptor> resolve(std::string_view reference) const;

    // GET /manifests/<reference> once: the descriptor and the exact bytes (at most
    // `max_bytes`, never over 4 MiB), verified as resolve() by GET does. Fails as resolve().
    Result<FetchedManifest> fetch_reference(std::string_view reference,
                                            std::size_t max_bytes) const;

    // True when the manifest `desc` is stored (HEAD by digest: 200 true, 404 false).
    Result<bool> exists(const Descriptor& desc) const;

    // GETs the manifest `desc` by digest and writes its bytes to `sink` after checking size
    // and digest; fails with too_large when over 4 MiB (before reading when the registry
    // declares it), size_mismatch, digest_mismatch or not_found.
    Result<void> fetch(const Descriptor& desc, ByteSink& sink) const;

    // Fetches the manifest `desc` into memory, verified as fetch() does.
    Result<std::string> fetch_bytes(const Descriptor& desc) const;

    // Reads `content` whole (at most 4 MiB), checks it against `desc` (size_mismatch,
    // digest_mismatch) and PUTs it under `reference` (desc.digest when empty, else a tag)
    // with Content-Type desc.media_type; the registry's Docker-Content-Digest must equal
    // desc.digest.
    Result<void>
    push(const Descriptor& desc, ByteSource& content, std::string_view reference) const;

    // PUTs `bytes`, already checked against `desc`, under `reference` (see push()).
    Result<void>
    put(const Descriptor& desc, std::string_view bytes, std::string_view reference) const;

  private:
    Result<Descriptor> resolve_by_get(std::string_view reference, const Operation& head) const;
    Result<FetchedManifest> get_by_reference(std::string_view reference,
                                             const std::string& object,
                                             std::size_t max_bytes) const;

    const RepositoryContext& m_context;
};

} // namespace oras::registry
