// User input shared by push and attach: -a key=value annotations and SOURCE_DATE_EPOCH.
#pragma once

#include "oras/descriptor.hpp"
#include "oras/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace coras {

// Parses -a/--annotation `items` ("key=value"); fails with invalid_argument on an item without
// '=' or a key given twice.
oras::Result<oras::Annotations> parse_annotations(const std::vector<std::string>& items);

// SOURCE_DATE_EPOCH (reproducible-builds.org): the manifest's created time when set; fails with
// invalid_argument when it is not a non-negative number of seconds.
oras::Result<std::optional<std::int64_t>> source_date_epoch();

} // namespace coras
