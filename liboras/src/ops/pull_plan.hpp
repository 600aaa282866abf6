// What a pull will write: the titled layers of a manifest (or of an index's manifests), each
// with a destination confined to the output directory.
#pragma once

#include "oras/content.hpp"
#include "oras/ops/pull.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace oras::ops {

struct PlannedFile
{
    Descriptor desc;
    std::filesystem::path destination;
};

struct PullPlan
{
    std::vector<PlannedFile> files;
    std::vector<Descriptor> skipped;
};

// Plans from `manifest`, whose verified `bytes` the caller has fetched (and, for an index,
// from its child manifests, fetched from `source`) where
// each titled layer goes. Fails with invalid_format for a title that escapes the output
// directory (unless allowed) or appears twice, already_exists when a destination exists and
// overwriting is refused.
Result<PullPlan> plan_pull(Target& source, const Descriptor& manifest, const std::string& bytes,
                           const PullOptions& options);

} // namespace oras::ops
