// The one way a command prints its --format json (or go-template) result on stdout.
#pragma once

#include "oras/result.hpp"

#include <string_view>

namespace coras {

// Prints `json_document` (one JSON document, as rendered by display/) on stdout followed by a
// newline. Every command's JSON result goes through here, so that output templates apply to
// all of them alike.
oras::Result<void> print_json_result(std::string_view json_document);

} // namespace coras
