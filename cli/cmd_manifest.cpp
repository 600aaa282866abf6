// coras manifest SUBCOMMAND: manifests by reference (oras manifest).
#include "command.hpp"

namespace coras {

void add_manifest_command(CLI::App& app, Runner& runner)
{
    auto* group = app.add_subcommand("manifest", "Manage manifests in a registry or OCI layout");
    group->require_subcommand(1);
    add_manifest_delete_command(*group, runner);
}

} // namespace coras
