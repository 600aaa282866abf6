// How a subcommand plugs into main: it registers its flags on a CLI11 subcommand and, when
// chosen, leaves a runner that main calls after parsing.
#pragma once

#include "oras/result.hpp"

#include <CLI/CLI.hpp>

#include <functional>

namespace coras {

// Set by the chosen subcommand's callback; returns the command's outcome.
using Runner = std::function<oras::Result<void>()>;

void add_version_command(CLI::App& app, Runner& runner);
void add_push_command(CLI::App& app, Runner& runner);
void add_pull_command(CLI::App& app, Runner& runner);
void add_inspect_command(CLI::App& app, Runner& runner);
void add_login_command(CLI::App& app, Runner& runner);
void add_logout_command(CLI::App& app, Runner& runner);
void add_attach_command(CLI::App& app, Runner& runner);
void add_discover_command(CLI::App& app, Runner& runner);

} // namespace coras
