// coras blob SUBCOMMAND: blobs by digest (oras blob).
#include "command.hpp"

namespace coras {

void add_blob_command(CLI::App& app, Runner& runner)
{
    auto* group = app.add_subcommand("blob", "Fetch and push blobs by digest");
    group->require_subcommand(1);
    add_blob_fetch_command(*group, runner);
    add_blob_push_command(*group, runner);
}

} // namespace coras
