// What coras says when CLI11 refuses a command line: for an unknown command or flag, the closest
// known one ("did you mean 'pull'?"); for those and for a missing argument, the usage line of the
// command being parsed.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace coras {

struct UsageAdvice
{
    std::string message; // the error, reworded where CLI11's words mislead
    std::string usage;   // "Usage: coras push [OPTIONS] REF [FILE...]", or empty
};

// Advice for `error` (CLI11's message for `args`, argv without the program name) given the
// command tree `app`.
UsageAdvice
advise(const CLI::App& app, const std::vector<std::string>& args, const CLI::ParseError& error);

// The closest of `candidates` to `typed` within a small edit distance, or empty.
std::string closest_name(std::string_view typed, const std::vector<std::string>& candidates);

// `coras help [COMMAND...]` as `coras [COMMAND...] --help`: returns `args` rewritten, or
// unchanged when they do not start with "help".
std::vector<std::string> rewrite_help_command(std::vector<std::string> args);

} // namespace coras
