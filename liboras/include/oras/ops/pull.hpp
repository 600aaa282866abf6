// `pull`: fetch a manifest and write each titled layer under an output directory, verified,
// with nothing left behind on failure.
#pragma once

#include "oras/content.hpp"
#include "oras/io.hpp"
#include "oras/progress.hpp"
#include "oras/result.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace oras::ops {

// Whether layer titles may point outside the output directory (oras --allow-path-traversal).
enum class PathTraversal
{
    refused,
    allowed
};

struct PullOptions
{
    std::filesystem::path output_dir = ".";
    Overwrite overwrite = Overwrite::yes; // -k/--keep-old-files sets no
    PathTraversal path_traversal = PathTraversal::refused;
    ProgressCallback progress;
};

struct PulledFile
{
    std::filesystem::path path; // where it was written
    Descriptor desc;
};

struct PullResult
{
    Descriptor manifest;
    std::vector<PulledFile> files;
    std::vector<Descriptor> skipped; // untitled layers
};

// Resolves `reference` on `source`, fetches the manifest (following an index to its children)
// and writes every titled layer. All files are downloaded to temporary files and only renamed
// into place once every one is verified; on failure nothing is written. Fails with not_found
// for an unknown tag, invalid_format for a title escaping the output directory,
// already_exists with Overwrite::no.
Result<PullResult> pull(Target& source, std::string_view reference, const PullOptions& options);

} // namespace oras::ops
