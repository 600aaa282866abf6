// Listing and keeping the referrers of a manifest (image-spec v1.1 `subject`): through the
// store's referrers API where it has one, else through the referrers tag schema, an OCI index
// tagged `<alg>-<hex>` of the subject's digest (distribution-spec v1.1, "Referrers Tag Schema").
// Shared by attach, discover and copy --recursive.
#pragma once

#include "oras/content.hpp"
#include "oras/manifest.hpp"
#include "oras/ops/referrers.hpp"
#include "oras/result.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace oras::ops {

// The referrers index of `subject` under the tag schema; nullopt when the tag is absent. The tag
// is read as a tag, never as a digest (oras#2148), and only an OCI index counts: anything else
// under it fails with invalid_format naming the tag.
Result<std::optional<Index>> read_tag_index(Target& target, const Digest& subject);

// The referrers of `subject` in `target` by `method`, those of `artifact_type` only when it is
// not empty; `used_api` tells whether the referrers API answered. Fails with unsupported for
// ReferrersMethod::api on a store without the API, else as the listing fails.
Result<std::vector<Descriptor>> list_referrers(Target& target,
                                               const Descriptor& subject,
                                               std::string_view artifact_type,
                                               ReferrersMethod method,
                                               bool& used_api);

// Adds `referrer` to the tag schema index of `subject` in `target` (read, add unless listed,
// push under the tag); the old index is left for the registry's garbage collection, as oras
// does. Fails naming the tag.
Result<void> add_to_tag_index(Target& target, const Digest& subject, const Descriptor& referrer);

// Takes `referrer` out of the tag schema index of `subject` in `target` after the referrer's
// manifest was deleted, as oras-go does: nothing when `target` has the referrers API (the
// registry keeps its own list) or the index does not list it; else the index without it is
// pushed under the tag, empty when it was the last (the old index is left for garbage
// collection, so an empty one must replace it). Fails naming the tag.
Result<void>
remove_from_tag_index(Target& target, const Descriptor& subject, const Digest& referrer);

} // namespace oras::ops
