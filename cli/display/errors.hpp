// One-line error messages on stderr.
#pragma once

#include "oras/result.hpp"

#include <string>

namespace coras {

// Prints "Error: <message>" and, when there is one, " (hint: <hint>)" on the same line.
void print_error(const oras::Error& error);

// Prints a command-line usage error and where to get help: "Error: <message> (see coras
// --help)", or, with a `usage` line ("Usage: coras push [OPTIONS] REF"), the error and then that
// line followed by "(see 'coras help')".
void print_usage_error(const std::string& message, const std::string& usage = {});

// 2 for errors in what the user typed (invalid_argument), 1 otherwise.
int exit_code(const oras::Error& error);

} // namespace coras
