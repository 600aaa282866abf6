// The metadata files of an OCI image layout (image-spec image-layout.md): `oci-layout` and
// `index.json`, and the tag bookkeeping done on the index, kept apart from the blob store in
// oci_layout.cpp.
#pragma once

#include "oras/descriptor.hpp"
#include "oras/manifest.hpp"
#include "oras/result.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras::oci_layout {

// image-spec image-layout.md, "oci-layout file".
inline constexpr std::string_view k_layout_file = "oci-layout";
inline constexpr std::string_view k_layout_version = "1.0.0";
// image-spec image-layout.md, "index.json file".
inline constexpr std::string_view k_index_file = "index.json";

// Reads the whole file at `path`; fails with not_found when it is absent, too_large when it
// holds more than `max_bytes`, or io.
Result<std::string> read_small_file(const std::filesystem::path& path, std::size_t max_bytes);

// Writes `data` to `path` through a temporary file renamed into place; fails with io.
Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view data);

// Checks `dir`/oci-layout: fails with not_found when it is absent and invalid_format (naming
// the file) when it is not a JSON object whose imageLayoutVersion is "1.0.0".
Result<void> check_layout_file(const std::filesystem::path& dir);

// Writes `dir`/oci-layout as {"imageLayoutVersion":"1.0.0"}; fails with io.
Result<void> write_layout_file(const std::filesystem::path& dir);

// An index with schemaVersion 2, the OCI index media type and no manifests.
Index empty_index();

// Reads `dir`/index.json; an absent file reads as empty_index() (as oras-go's oci.Store does).
// Fails with invalid_format naming the file when it cannot be parsed, or io.
Result<Index> read_index_file(const std::filesystem::path& dir);

// Writes `index` to `dir`/index.json atomically, in serialize_index's deterministic form.
Result<void> write_index_file(const std::filesystem::path& dir, const Index& index);

// Reads `dir`/index.json, lets `change` edit it, and writes it back when `change` returns true,
// all under an exclusive flock(2) on the directory `dir` itself (no lock file is added to the
// layout), so that processes updating one layout at once lose none of each other's entries.
// Returns the index as it now stands.
Result<Index> update_index_file(const std::filesystem::path& dir,
                                const std::function<bool(Index&)>& change);

// The org.opencontainers.image.ref.name annotation of `desc`, or empty.
std::string ref_name(const Descriptor& desc);

// `desc` without its org.opencontainers.image.ref.name annotation.
Descriptor without_ref_name(Descriptor desc);

// The last entry of `index` tagged `tag` (as a later entry shadows an earlier one), without its
// ref.name annotation; nullopt when no entry carries the tag.
std::optional<Descriptor> find_tag(const Index& index, std::string_view tag);

// An entry of `index` for `digest` (the first untagged one if any, else the first), without its
// ref.name annotation; nullopt when there is none.
std::optional<Descriptor> find_digest(const Index& index, const Digest& digest);

// Adds an untagged entry for `desc` unless `index` already has an entry for its digest; returns
// whether `index` changed. oras-go records every pushed manifest in index.json this way.
bool add_untagged(Index& index, const Descriptor& desc);

// Points `tag` at `desc`: the tag is removed from every entry that has it, `desc` with the tag
// as its ref.name goes after the last of them (at the end when the tag is new, so re-tagging
// keeps the order of index.json), and untagged entries whose digest another entry already
// lists are dropped.
void set_tag(Index& index, const Descriptor& desc, std::string_view tag);

// The tags of `index` (its entries' ref.name annotations), sorted and without repeats.
std::vector<std::string> tag_names(const Index& index);

// Removes every entry of `index` for `digest`, tagged or not; returns whether there was one.
bool remove_digest(Index& index, const Digest& digest);

} // namespace oras::oci_layout
