// `copy`: the manifest graph of a reference copied from one Target to another (oras-go's
// oras.Copy): registry to registry, registry to and from an OCI layout, children before
// parents, the root last and tagged only once everything under it is stored.
#pragma once

#include "oras/content.hpp"
#include "oras/descriptor.hpp"
#include "oras/ops/referrers.hpp"
#include "oras/progress.hpp"
#include "oras/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras::ops {

// Whether a copy takes the referrers of what it copies along (oras cp -r/--recursive).
enum class Referrers
{
    exclude,
    include,
};

struct CopyOptions
{
    // Tags the root gets at the destination, in order; none: it is stored by digest only.
    std::vector<std::string> tags;
    // Picks the one manifest of an index (the root) that matches (--platform); that manifest
    // is then the root copied and tagged.
    std::optional<Platform> platform;
    // Blobs copied at once (--concurrency) when both stores allow it.
    int concurrency = 3;
    // A repository on the destination's registry that holds the source's blobs (the source
    // repository, when both are on one registry with the same credentials): blobs are first
    // mounted from it; a refused mount (false, 401, 403) falls back to an upload. Empty: no
    // mount; ignored by destinations that cannot mount.
    std::string mount_from;
    // Called from one thread at a time, whatever the concurrency: started / in_progress / done
    // for what is copied, exists for what the destination had, mounted for mounted blobs.
    ProgressCallback progress;
    // include (--recursive): the referrers of the root, of every manifest below an index root,
    // and theirs, each copied after its subject; only manifests whose `subject` is that
    // manifest count (oras#1907).
    Referrers referrers = Referrers::exclude;
    // How referrers are listed at the source and kept at the destination (--distribution-spec):
    // where the destination has no referrers API (distribution 2.8, an OCI layout), each
    // subject's `sha256-<hex>` referrers index tag is written there, as attach does.
    ReferrersMethod referrers_method = ReferrersMethod::auto_detect;
};

struct CopyResult
{
    Descriptor root;        // the manifest or index copied (the platform's pick with a platform)
    std::size_t copied = 0; // blobs and manifests sent
    std::size_t mounted = 0;
    std::size_t existed = 0; // found at the destination (a manifest's whole graph counts once)
    // The referrers copied with Referrers::include, each after its subject, each digest once.
    std::vector<Descriptor> referrers;
};

// Reads `reference` (tag or digest) from `source` once, verified, and copies what the
// destination lacks: blobs are streamed from `source` into `destination` (large ones without
// being held whole), several at once; a manifest the destination has is not walked further.
// Index children go before the index, the root last: pushed under the first tag (push_tagged),
// then tagged with the others. With Referrers::include the root is stored by digest, its
// referrers copied, and only then tagged. Fails naming the object and the step ("copy blob
// sha256:... from A to B: ..."); when it fails before the root is tagged, no tag is set at the
// destination (a referrers index tag may have been updated).
Result<CopyResult>
copy(Target& source, std::string_view reference, Target& destination, const CopyOptions& options);

} // namespace oras::ops
