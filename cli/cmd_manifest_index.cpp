// coras manifest index SUBCOMMAND: OCI image indexes built from manifests of one repository
// (oras manifest index).
#include "command.hpp"

namespace coras {

void add_manifest_index_command(CLI::App& group, Runner& runner)
{
    auto* index = group.add_subcommand("index", "Create and update image indexes");
    index->footer(
        "Examples:\n  coras manifest index create localhost:5000/filters/header:v1 compat cncf\n"
        "  coras manifest index update localhost:5000/filters/header:v1 --add wasm-to-oci");
    index->require_subcommand(1);
    add_manifest_index_create_command(*index, runner);
    add_manifest_index_update_command(*index, runner);
}

} // namespace coras
