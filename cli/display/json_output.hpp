// The one way a command prints its --format json (or go-template) result on stdout.
#pragma once

#include "oras/result.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace coras {

// Prints `json_document` (one JSON document, as rendered by display/) on stdout followed by a
// newline or, after select_go_template(), the template rendered over it without a newline (as
// oras). Every command's JSON result goes through here, so that templates apply to all alike.
oras::Result<void> print_json_result(std::string_view json_document);

// `--format go-template=TEXT` (`text` set) or `--format go-template` (the text comes from
// --template).
void select_go_template(std::optional<std::string> text);

// `--template TEXT`.
void set_template_text(std::string text);

// Called once after the command line is parsed and before the command runs: fails with
// invalid_argument when --format go-template lacks a template, --template comes without it,
// or the template does not parse.
oras::Result<void> check_output_format();

} // namespace coras
