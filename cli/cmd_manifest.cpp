// coras manifest SUBCOMMAND: manifests by hand (oras manifest).
#include "command.hpp"

namespace coras {

void add_manifest_command(CLI::App& app, Runner& runner)
{
    auto* group = app.add_subcommand("manifest", "Fetch and push manifests by hand");
    group->require_subcommand(1);
    add_manifest_fetch_command(*group, runner);
    add_manifest_fetch_config_command(*group, runner);
    add_manifest_push_command(*group, runner);
}

} // namespace coras
