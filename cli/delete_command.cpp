#include "delete_command.hpp"

#include "display/json_output.hpp"
#include "display/manage_view.hpp"
#include "options/confirmation.hpp"

#include "oras/ops/target.hpp"

#include <fmt/format.h>

#include <memory>

namespace coras {

namespace {

std::string question(oras::ops::DeleteKind kind, const oras::Descriptor& desc)
{
    if (kind == oras::ops::DeleteKind::manifest) {
        return fmt::format("Are you sure you want to delete the manifest \"{}\" and all tags "
                           "associated with it?",
                           desc.digest.str());
    }
    return fmt::format("Are you sure you want to delete the blob \"{}\"?", desc.digest.str());
}

oras::Result<void> run_delete(const DeleteFlags& flags)
{
    const auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::read_write));
    auto opened = ORAS_TRY(oras::ops::open_target(spec));
    if (opened.reference.empty()) {
        return oras::fail(
            oras::ErrorCode::invalid_argument,
            "\"" + flags.target.reference + "\" names no " +
                (flags.kind == oras::ops::DeleteKind::manifest ? "tag or digest" : "digest") +
                " to delete");
    }
    const Force force = flags.force ? Force::yes : Force::no;
    oras::ops::DeleteOptions options;
    options.kind = flags.kind;
    options.confirm = [&flags, force](const oras::Descriptor& desc) {
        return confirm(question(flags.kind, desc), force);
    };
    const auto result =
        ORAS_TRY(oras::ops::delete_content(*opened.target, opened.reference, options));
    if (result.outcome == oras::ops::DeleteOutcome::declined) {
        fmt::print(stderr, "Not deleted\n");
        return {};
    }
    if (flags.descriptor) {
        return print_json_result(descriptor_line(result.descriptor));
    }
    fmt::print("Deleted {}\n",
               annotated_reference(spec.kind, opened.name, result.descriptor.digest));
    return {};
}

} // namespace

void add_delete_command(CLI::App& group,
                        Runner& runner,
                        oras::ops::DeleteKind kind,
                        const std::string& description,
                        const std::string& ref_help)
{
    auto flags = std::make_shared<DeleteFlags>();
    flags->kind = kind;
    auto* command = group.add_subcommand("delete", description);
    command->alias("rm");
    command->alias("remove");
    add_target_flags(*command, flags->target, ref_help);
    command->add_flag("-f,--force", flags->force, "Delete without asking for confirmation");
    command->add_flag(
        "--descriptor", flags->descriptor, "Print the descriptor of what was deleted (JSON)");
    command->callback([flags, &runner] { runner = [flags] { return run_delete(*flags); }; });
}

} // namespace coras
