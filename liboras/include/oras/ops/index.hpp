// `manifest index create` and `manifest index update` (oras manifest index, image-spec
// image-index.md): an OCI image index listing manifests of one registry repository or OCI
// layout, so that one reference can hold several layouts of an artifact side by side (a Wasm
// filter packed for Istio and for CNCF tools, told apart by their platforms).
#pragma once

#include "oras/descriptor.hpp"
#include "oras/manifest.hpp"
#include "oras/ops/target.hpp"
#include "oras/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace oras::ops {

enum class IndexDelivery
{
    push,      // pushed under the tags, or by digest when there are none
    local_only // built and returned, not pushed (--output)
};

// What create and update share.
struct IndexOptions
{
    // The index's artifactType; empty: none (create) or the index's own (update).
    std::string artifact_type;
    // -a key=value: set on the index, over the annotations update's index had.
    Annotations annotations;
    // SOURCE_DATE_EPOCH: org.opencontainers.image.created is set to this time unless
    // `annotations` holds it; nullopt: no created annotation is added (as oras).
    std::optional<std::int64_t> source_date_epoch;
    IndexDelivery delivery = IndexDelivery::push;
    // update --tag: more tags the new index is pushed under.
    std::vector<std::string> extra_tags;
};

struct IndexCreateOptions
{
    // The manifests listed, in order: tags or digests ("sha256:...", "@sha256:..."). Each entry
    // gets the manifest's mediaType, digest, size and artifactType, and, for an image manifest
    // whose config declares an os or architecture, that platform.
    std::vector<std::string> sources;
    IndexOptions index;
};

struct IndexUpdateOptions
{
    std::vector<std::string> add;    // manifests appended, as IndexCreateOptions::sources
    std::vector<std::string> merge;  // indexes whose entries are appended, tags or digests
    std::vector<std::string> remove; // digests of entries taken out of the index first
    IndexOptions index;
};

struct IndexResult
{
    Descriptor desc;   // of `bytes`
    std::string bytes; // the index exactly as pushed (or to be written)
    Index index;       // what it lists
    // The tags it was pushed under; empty when pushed by digest or not pushed.
    std::vector<std::string> tags;
    bool pushed = false;
};

// Builds an OCI image index (schemaVersion 2) of `options.sources`, read from
// `opened.target`, and pushes it under each of `opened.tags`, or by digest when there are
// none. An entry whose digest is already listed is dropped. Nothing is pushed unless every
// source was found. Fails with invalid_argument for a digest in the reference or a source that
// is no tag or digest, not_found for a missing source, too_large for a config over 4 MiB or an
// index over 4 MiB, invalid_format for a source that is no manifest, or as the push fails.
Result<IndexResult> create_index(const OpenedTarget& opened, const IndexCreateOptions& options);

// Reads the index `opened.reference` (a tag or digest), removes the entries whose digests
// `options.remove` names, appends the manifests of `options.add` and the entries of the indexes
// of `options.merge` (in that order, dropping any whose digest is already listed), and pushes
// the result under `opened.tags` and `options.index.extra_tags` (by digest when there are
// none). Nothing is pushed on any failure. Fails with invalid_argument for no reference, an
// invalid tag or a removal that is no digest; invalid_format when the reference or a merged
// reference is no index, or an added one no manifest; not_found for a missing reference or a
// removed digest the index does not list; or as create_index.
Result<IndexResult> update_index(const OpenedTarget& opened, const IndexUpdateOptions& options);

} // namespace oras::ops
