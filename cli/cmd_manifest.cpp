// coras manifest SUBCOMMAND: manifests by hand (oras manifest).
#include "command.hpp"

namespace coras {

void add_manifest_command(CLI::App& app, Runner& runner)
{
    auto* group = app.add_subcommand("manifest", "Fetch, push and delete manifests");
    group->footer("Examples:\n  coras manifest fetch --pretty localhost:5000/filters/header:v1\n"
                  "  coras manifest push localhost:5000/filters/header:v2 manifest.json\n"
                  "  coras manifest delete -f localhost:5000/filters/header:old");
    group->require_subcommand(1);
    add_manifest_fetch_command(*group, runner);
    add_manifest_fetch_config_command(*group, runner);
    add_manifest_push_command(*group, runner);
    add_manifest_delete_command(*group, runner);
    add_manifest_index_command(*group, runner);
}

} // namespace coras
