// coras blob delete|rm|remove REPO@DIGEST [-f] [--descriptor]: deletes a blob, after a [y/N]
// confirmation (as oras blob delete).
#include "command.hpp"
#include "delete_command.hpp"

namespace coras {

void add_blob_delete_command(CLI::App& group, Runner& runner)
{
    add_delete_command(
        group, runner, oras::ops::DeleteKind::blob, "Delete a blob", "registry/repository@digest");
}

} // namespace coras
