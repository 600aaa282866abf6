// What the oras packer and the Wasm packer share: manifest annotations and timestamps.
#pragma once

#include "ops/annotation_file.hpp"
#include "oras/ops/push.hpp"

#include <cstdint>
#include <string>

namespace oras::ops {

// RFC 3339 UTC time ("2026-01-02T03:04:05Z") of `seconds` since the epoch.
std::string rfc3339(std::int64_t seconds);

// Seconds since the epoch now.
std::int64_t now_seconds();

// The annotations of -a and --annotation-file (not both: invalid_argument), with
// org.opencontainers.image.created added from SOURCE_DATE_EPOCH or now unless given.
Result<AnnotationFile> collect_annotations(const PushOptions& options);

} // namespace oras::ops
