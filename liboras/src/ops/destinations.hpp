// Where a pull writes, and when it may: the one place for the rules on output paths (confined
// to the output directory unless allowed, no title twice) and on files already there
// (-k/--keep-old-files), with one wording for each refusal.
#pragma once

#include "ops/artifact_plan.hpp"
#include "oras/ops/pull.hpp"

#include <filesystem>
#include <vector>

namespace oras::ops {

struct PlannedFile
{
    Descriptor desc;
    std::filesystem::path destination; // the output directory joined with the title
    // The title's path below the output directory, normalised; empty for a title outside it
    // (only with PathTraversal::allowed), which is then written through its own directory.
    std::filesystem::path relative;
};

// The files of a generic pull.
struct PullPlan
{
    std::vector<PlannedFile> files;
    std::vector<Descriptor> skipped; // untitled layers
};

// Places each titled layer of `layers` under the output directory. Fails with invalid_format
// for a title that escapes the directory (unless PathTraversal::allowed) or names two
// different blobs, already_exists (see refuse_existing) with Overwrite::no. A symbolic link on
// the way below the output directory is refused later, when the file is created
// (output_dir.hpp), and also here when it leads outside.
Result<PullPlan> plan_layer_files(const std::vector<Descriptor>& layers,
                                  const PullOptions& options);

// The files of a Wasm pull.
struct WasmDestinations
{
    std::filesystem::path module;
    std::filesystem::path runtime_config;
};

// The module goes to -o FILE.wasm, else to the output directory under
// wasm::module_file_name(); the runtime config beside it. Fails with already_exists (see
// refuse_existing) with Overwrite::no, for the runtime config too when the artifact may have
// one.
Result<WasmDestinations> plan_wasm_files(const WasmArtifact& artifact, const PullOptions& options);

// Fails with already_exists, "file PATH already exists", when `overwrite` is no and `path`
// exists.
Result<void> refuse_existing(const std::filesystem::path& path, Overwrite overwrite);

} // namespace oras::ops
