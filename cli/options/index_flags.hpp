// The flags `manifest index create` and `manifest index update` share (oras's Annotation and
// --output, --artifact-type, Format), and how their result is written and reported.
#pragma once

#include "options/target_flags.hpp"
#include "oras/ops/index.hpp"
#include "oras/ops/target.hpp"
#include "oras/result.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace coras {

struct IndexFlags
{
    TargetFlags target;
    std::string artifact_type;
    std::vector<std::string> annotations; // -a key=value
    std::string output;                   // --output FILE|-; empty: push
    OutputFormat format = OutputFormat::text;
};

// Registers REF (described by `ref_help`), the target flags, --artifact-type, -a/--annotation,
// -o/--output and --format.
void add_index_flags(CLI::App& command, IndexFlags& flags, const std::string& ref_help);

// The library's options from `flags`: annotations parsed, SOURCE_DATE_EPOCH read, local only
// with --output. Fails with invalid_argument for a malformed annotation or SOURCE_DATE_EPOCH,
// or --format json with --output - (standard output takes one of them).
oras::Result<oras::ops::IndexOptions> to_index_options(const IndexFlags& flags);

// The target the index is read from and pushed to: pull access and a read-only layout with
// --output, push access and a layout that must exist otherwise.
oras::Result<oras::ops::OpenedTarget> open_index_target(const IndexFlags& flags);

// Writes `result` to --output (a file through a temporary file and a rename, or stdout) and
// prints the summary (index_text) or, with --format json, pushed_json for the index.
oras::Result<void> report_index(const oras::ops::IndexResult& result,
                                const IndexFlags& flags,
                                const oras::ops::OpenedTarget& opened);

} // namespace coras
