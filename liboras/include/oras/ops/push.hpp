// `push`: pack files into a manifest (oras 1.x rules: image-spec v1.1, or v1.0 when a config is
// given without an artifact type) and upload blobs, config and manifest to a Target.
#pragma once

#include "oras/content.hpp"
#include "oras/descriptor.hpp"
#include "oras/progress.hpp"
#include "oras/result.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras::ops {

// A `FILE[:MEDIATYPE]` argument.
struct FileSpec
{
    std::filesystem::path path;
    std::string media_type; // empty: the default for its role
};

// Splits `arg` at its last ':' (a trailing ':' keeps earlier colons in the name, as oras);
// validates the media type against oras's pattern. Fails with invalid_argument.
Result<FileSpec> parse_file_spec(std::string_view arg);

// Whether absolute file paths may be pushed (oras --disable-path-validation).
enum class PathValidation
{
    enabled,
    disabled
};

struct PushOptions
{
    std::vector<FileSpec> files;            // layers, in order; titled by their path
    std::optional<FileSpec> config;         // --config / --manifest-config
    std::string artifact_type;              // --artifact-type
    Annotations annotations;                // -a key=value (manifest)
    std::filesystem::path annotation_file;  // keys "$manifest", "$config" or a file as given
    std::optional<std::int64_t> source_date_epoch; // created time instead of now
    std::vector<std::string> tags;          // empty: the manifest is pushed by digest only
    PathValidation path_validation = PathValidation::enabled;
    ProgressCallback progress;
};

struct PushResult
{
    Descriptor manifest;
    std::string manifest_bytes; // exactly what was pushed
    std::vector<Descriptor> blobs; // config then layers
};

// Packs and pushes to `target`. Every file is hashed once before anything is sent; blobs the
// target already has are not uploaded (reported as TransferState::exists). Fails naming the
// file or blob and the step.
Result<PushResult> push(Target& target, const PushOptions& options);

// Packs the manifest without pushing: the manifest bytes and the blob descriptors, each blob's
// source path alongside (empty path: the empty JSON config).
struct PackedBlob
{
    Descriptor desc;
    std::filesystem::path path;
};
struct PackedManifest
{
    Descriptor desc;
    std::string bytes;
    std::vector<PackedBlob> blobs; // config first
};
Result<PackedManifest> pack(const PushOptions& options);

} // namespace oras::ops
