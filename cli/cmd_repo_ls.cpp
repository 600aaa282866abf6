// coras repo ls|list REGISTRY[/NAMESPACE] [--last NAME] [--format text|json]: the registry's
// catalog, those under NAMESPACE with the prefix cut off (as oras repo ls).
#include "command.hpp"
#include "display/json_output.hpp"
#include "display/manage_view.hpp"
#include "options/paging.hpp"
#include "options/target_flags.hpp"

#include "oras/ops/repo.hpp"

#include <fmt/format.h>

#include <memory>

namespace coras {

namespace {

struct RepoLsFlags
{
    std::string path;
    std::string last;
    RemoteFlags remote;
    OutputFormat format = OutputFormat::text;
};

oras::Result<void> run_repo_ls(const RepoLsFlags& flags)
{
    const auto remote = ORAS_TRY(to_remote_options(flags.remote));
    oras::ListOptions list;
    list.last = flags.last;
    list.page_size = ORAS_TRY(page_size_from_environment());
    const auto listing = ORAS_TRY(oras::ops::list_repositories(flags.path, remote, list));
    if (flags.format == OutputFormat::json) {
        return print_json_result(repositories_json(listing.repositories));
    }
    fmt::print("{}", lines_text(listing.repositories));
    return {};
}

} // namespace

void add_repo_ls_command(CLI::App& group, Runner& runner)
{
    auto flags = std::make_shared<RepoLsFlags>();
    auto* command = group.add_subcommand("ls", "List the repositories of a registry");
    command->footer("Examples:\n  coras repo ls localhost:5000\n"
                    "  coras repo ls localhost:5000/filters --format json");
    command->alias("list");
    command
        ->add_option("REGISTRY",
                     flags->path,
                     "The registry, optionally with a namespace: "
                     "host[:port][/namespace]")
        ->required();
    command->add_option("--last", flags->last, "Start after the repository named LAST");
    add_remote_flags(*command, flags->remote);
    add_format_flag(*command, flags->format);
    command->callback([flags, &runner] { runner = [flags] { return run_repo_ls(*flags); }; });
}

} // namespace coras
