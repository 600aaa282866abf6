// `pull`: fetch a manifest and write each titled layer under an output directory, verified,
// with nothing left behind on failure.
#pragma once

#include "oras/content.hpp"
#include "oras/io.hpp"
#include "oras/progress.hpp"
#include "oras/result.hpp"
#include "oras/wasm_artifact.hpp"

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
    // The output directory; for a Wasm artifact a path ending in ".wasm" names the module's
    // file instead (its runtime-config.json, if any, goes beside it).
    std::filesystem::path output_dir = ".";
    Overwrite overwrite = Overwrite::yes; // -k/--keep-old-files sets no
    PathTraversal path_traversal = PathTraversal::refused;
    // Layers downloaded at once (--concurrency) when the source allows it.
    int concurrency = 3;
    // Called from one thread at a time, whatever the concurrency.
    ProgressCallback progress;
    // `-o -`: the artifact's one file is streamed here (verified as it goes; see
    // pick_stream_layer) and nothing is written under output_dir. Null: files are written.
    ByteSink* stream = nullptr;
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
    std::vector<Descriptor> skipped;          // untitled layers
    wasm::Layout layout = wasm::Layout::none; // the Wasm layout found, if any
    std::vector<std::string> warnings;        // e.g. a layout Istio will not load
};

// Resolves `reference` on `source`, fetches the manifest (following an index to its children)
// and writes every titled layer. A Wasm artifact (any layout of wasm-formats.md §10.1) that
// holds nothing but its module (and runtime config) is written as its module instead: under its
// title's file name ("plugin.wasm" for compat), plus runtime-config.json when it has one, the
// module checked to be Wasm. All files are downloaded to temporary files and only renamed into
// place once every one is verified; on failure nothing is written. Fails with not_found for an
// unknown tag, invalid_format for a title escaping the output directory, already_exists with
// Overwrite::no. With PullOptions::stream the one layer is streamed there instead: the bytes
// are checked as they pass, but those already written stay written when the digest turns out
// wrong at the end (the error says so).
Result<PullResult> pull(Target& source, std::string_view reference, const PullOptions& options);

// The one layer `pull -o -` streams out of `layers` (in artifact order): the only titled one;
// with no titled layer, the only layer that is not the empty descriptor. Fails with
// invalid_argument naming the titles when several are titled (or counting the layers when
// several are untitled), not_found when there is none.
Result<Descriptor> pick_stream_layer(const std::vector<Descriptor>& layers);

} // namespace oras::ops
