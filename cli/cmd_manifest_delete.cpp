// coras manifest delete|rm|remove REF [-f] [--descriptor]: deletes a manifest and every tag on
// it, after a [y/N] confirmation (as oras manifest delete).
#include "command.hpp"
#include "delete_command.hpp"

namespace coras {

void add_manifest_delete_command(CLI::App& group, Runner& runner)
{
    add_delete_command(group,
                       runner,
                       oras::ops::DeleteKind::manifest,
                       "Delete a manifest and every tag that points at it",
                       "registry/repository:tag or registry/repository@digest");
}

} // namespace coras
