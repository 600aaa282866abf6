// coras version: versions of coras and of the libraries it runs with.
#include "command.hpp"

#include "oras/version.hpp"

#include <fmt/format.h>

namespace coras {

void add_version_command(CLI::App& app, Runner& runner)
{
    auto* command = app.add_subcommand("version", "Show the version of coras and its libraries");
    command->footer("Examples:\n  coras version");
    command->callback([&runner] {
        runner = []() -> oras::Result<void> {
            const auto info = oras::version_info();
            fmt::print("Version:    {}\n", info.version);
            fmt::print("Git commit: {}\n", info.git_commit);
            fmt::print("libcurl:    {}\n", info.curl);
            fmt::print("TLS:        {}\n", info.tls);
            return {};
        };
    });
}

} // namespace coras
