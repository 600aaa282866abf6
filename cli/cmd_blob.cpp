// coras blob SUBCOMMAND: blobs by digest (oras blob).
#include "command.hpp"

namespace coras {

void add_blob_command(CLI::App& app, Runner& runner)
{
    auto* group = app.add_subcommand("blob", "Manage blobs in a registry or OCI layout");
    group->require_subcommand(1);
    add_blob_delete_command(*group, runner);
}

} // namespace coras
