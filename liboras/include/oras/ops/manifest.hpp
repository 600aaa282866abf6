// `manifest fetch`, `manifest fetch-config` and `manifest push` (oras manifest ...): a
// manifest's exact bytes by hand, verified against their digest both ways.
#pragma once

#include "oras/content.hpp"
#include "oras/descriptor.hpp"
#include "oras/ops/target.hpp"
#include "oras/platform.hpp"
#include "oras/progress.hpp"
#include "oras/result.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace oras::ops {

// The manifest `reference` (a tag or a digest) of `target`, its bytes exactly as served (at
// most 4 MiB) and checked against the digest. Fails with invalid_argument when `reference` is
// empty, not_found for an unknown tag or digest, digest_mismatch, too_large.
// With a `platform` (--platform), the manifest for that platform instead: the first entry of
// an index whose platform matches, fetched by digest, or an image manifest whose config (an
// OCI or Docker image config) declares a matching platform (oras-go's Resolve with a target
// platform); fails with not_found naming the platform when nothing matches.
Result<FetchedManifest> fetch_manifest(Target& target,
                                       std::string_view reference,
                                       const std::optional<Platform>& platform = std::nullopt);

// The config descriptor of the image manifest `reference` (with a `platform`, of the manifest
// fetch_manifest picks for it); fails as fetch_manifest, or with invalid_format when the
// manifest is an index or no image manifest.
Result<Descriptor> config_of(Target& target,
                             std::string_view reference,
                             const std::optional<Platform>& platform = std::nullopt);

// Reads the manifest to push from the file `path` ("-": standard input): at most 4 MiB
// (too_large past that, before anything is sent), and one JSON object (invalid_format
// otherwise). Fails with not_found or io naming the file.
Result<std::string> read_manifest_input(const std::filesystem::path& path);

struct ManifestPushOptions
{
    // --media-type; empty: the manifest's "mediaType" member, which must then be present.
    std::string media_type;
    ProgressCallback progress; // started / done, or exists when skipped
};

struct ManifestPushResult
{
    Descriptor desc;      // of the bytes pushed
    bool existed = false; // every reference already named these bytes: nothing was sent
};

// PUTs `bytes` unchanged to `opened.target`, under each of `opened.tags` (or by digest when
// none; a digest given in the reference must be the bytes' digest: digest_mismatch). A
// reference that already resolves to the same digest is not pushed again. Fails with
// invalid_argument when no media type is known or it is no manifest type, or as the target's
// push fails (the registry's error for a manifest it refuses).
Result<ManifestPushResult> push_manifest(const OpenedTarget& opened,
                                         const std::string& bytes,
                                         const ManifestPushOptions& options);

} // namespace oras::ops
