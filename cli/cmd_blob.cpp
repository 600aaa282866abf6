// coras blob SUBCOMMAND: blobs by digest (oras blob).
#include "command.hpp"

namespace coras {

void add_blob_command(CLI::App& app, Runner& runner)
{
    auto* group = app.add_subcommand("blob", "Fetch, push and delete blobs by digest");
    group->footer("Examples:\n  coras blob fetch -o - localhost:5000/data@sha256:... | tar -xz\n"
                  "  tar -cz dir | coras blob push localhost:5000/data -");
    group->require_subcommand(1);
    add_blob_fetch_command(*group, runner);
    add_blob_push_command(*group, runner);
    add_blob_delete_command(*group, runner);
}

} // namespace coras
