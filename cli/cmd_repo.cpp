// coras repo ls|tags: the repositories of a registry and the tags of a repository (oras repo).
#include "command.hpp"

namespace coras {

void add_repo_command(CLI::App& app, Runner& runner)
{
    auto* group = app.add_subcommand("repo",
                                     "List the repositories of a registry or the tags "
                                     "of a repository");
    group->footer("Examples:\n  coras repo ls localhost:5000\n"
                  "  coras repo tags localhost:5000/filters/header");
    group->require_subcommand(1);
    add_repo_ls_command(*group, runner);
    add_repo_tags_command(*group, runner);
}

} // namespace coras
