// The parts of `manifest index create|update` that need no store: what a source names, the
// platform an image config declares, and the edits of an index's entry list (oras manifest
// index create.go and update.go).
#pragma once

#include "oras/descriptor.hpp"
#include "oras/digest.hpp"
#include "oras/manifest.hpp"
#include "oras/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras::ops {

// The reference a source of an index entry names: a tag as given, or a digest given as
// "sha256:<hex>" or "@sha256:<hex>" (without the '@'). Fails with invalid_argument naming
// `source` when it is neither a valid tag nor a valid digest.
Result<std::string> index_source_reference(std::string_view source);

// The digest a --remove names ("sha256:<hex>" or "@sha256:<hex>"); fails with invalid_argument
// otherwise (a tag is refused, as oras does).
Result<Digest> removal_digest(std::string_view text);

// The platform an image config's JSON `bytes` declares (image-spec config.md: os,
// architecture, variant, os.version, os.features), or nullopt when `bytes` are no JSON object,
// those members are not all strings (os.features: an array of strings), or neither os nor
// architecture is set: such a config says nothing of a platform (oras reads it the same way).
std::optional<Platform> platform_of_config(std::string_view bytes);

// Appends to `entries` those of `more` whose digest `entries` does not hold yet, in order.
void append_unique(std::vector<Descriptor>& entries, const std::vector<Descriptor>& more);

// `entries` without those whose digest is among `digests`, in order. Fails with not_found
// naming the first of `digests` that no entry has and `index_name`.
Result<std::vector<Descriptor>> remove_entries(const std::vector<Descriptor>& entries,
                                               const std::vector<Digest>& digests,
                                               std::string_view index_name);

// `annotations` with org.opencontainers.image.created set to `source_date_epoch` (RFC 3339,
// UTC) when that is given and `annotations` lacks the key.
Annotations with_created(Annotations annotations, std::optional<std::int64_t> source_date_epoch);

// The index's bytes (serialize_index) and descriptor; fails with too_large over 4 MiB.
Result<std::pair<Descriptor, std::string>> seal_index(const Index& index);

} // namespace oras::ops
