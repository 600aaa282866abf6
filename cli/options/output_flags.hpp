// The flags of commands that print content (oras's Descriptor, Pretty and --output), and where
// that content goes.
#pragma once

#include "display/content_view.hpp"
#include "oras/result.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

namespace coras {

struct ContentFlags
{
    std::string output; // --output FILE|-; empty: not given
    bool descriptor = false;
    bool pretty = false;

    [[nodiscard]] JsonStyle style() const
    {
        return pretty ? JsonStyle::pretty : JsonStyle::compact;
    }
    [[nodiscard]] bool to_stdout() const { return output == "-"; }
    [[nodiscard]] bool to_file() const { return !output.empty() && output != "-"; }
};

// Registers --output (described by `output_help`), --descriptor and --pretty.
void add_content_flags(CLI::App& command, ContentFlags& flags, const std::string& output_help);

// Fails with invalid_argument when --descriptor and --output - are both given: stdout takes
// one of them.
oras::Result<void> check_content_flags(const ContentFlags& flags);

// Writes `bytes` to the file `path` through a temporary file renamed into place (nothing is
// left on failure).
oras::Result<void> write_output_file(const std::string& path, std::string_view bytes);

} // namespace coras
