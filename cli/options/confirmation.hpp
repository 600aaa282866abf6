// The [y/N] confirmation of destructive commands (oras's Confirmation option: -f/--force).
#pragma once

#include "oras/result.hpp"

#include <string>

namespace coras {

enum class Force
{
    no,
    yes
};

// True at once with Force::yes. Otherwise asks "`question` [y/N] " on the terminal and is true
// for "y" or "yes" (any case) only. Fails with invalid_argument, asking for --force, when
// standard input is no terminal; with cancelled on SIGINT.
oras::Result<bool> confirm(const std::string& question, Force force);

} // namespace coras
