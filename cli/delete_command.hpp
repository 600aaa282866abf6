// What `manifest delete` and `blob delete` share: flags (the target, -f/--force,
// --descriptor) and the run step, the confirmation and the output (as oras's delete commands).
#pragma once

#include "command.hpp"
#include "options/target_flags.hpp"

#include "oras/ops/manage.hpp"

#include <CLI/CLI.hpp>

namespace coras {

struct DeleteFlags
{
    TargetFlags target;
    bool force = false;
    bool descriptor = false;
    oras::ops::DeleteKind kind = oras::ops::DeleteKind::manifest;
};

// Adds the subcommand "delete" (aliases rm, remove) described by `description` to `group`,
// deleting what `kind` says, with `ref_help` describing REF.
void add_delete_command(CLI::App& group,
                        Runner& runner,
                        oras::ops::DeleteKind kind,
                        const std::string& description,
                        const std::string& ref_help);

} // namespace coras
