// coras manifest index update REF --add/--merge/--remove ... [--tag T]: an index edited and
// pushed again (oras manifest index update).
#include "command.hpp"
#include "options/index_flags.hpp"

#include "oras/ops/index.hpp"

#include <memory>

namespace coras {

namespace {

struct IndexUpdateFlags
{
    IndexFlags index;
    std::vector<std::string> add;
    std::vector<std::string> merge;
    std::vector<std::string> remove;
    std::vector<std::string> tags;
};

oras::Result<void> check_update_flags(const IndexUpdateFlags& flags)
{
    if (flags.add.empty() && flags.merge.empty() && flags.remove.empty() &&
        flags.index.artifact_type.empty() && flags.index.annotations.empty()) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "nothing to update: no change requested",
                          "give --add, --merge, --remove, --artifact-type or -a");
    }
    if (!flags.tags.empty() && !flags.index.output.empty()) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "--tag cannot be used with --output: the index is not pushed");
    }
    return {};
}

oras::Result<void> run_index_update(const IndexUpdateFlags& flags)
{
    ORAS_TRY(check_update_flags(flags));
    oras::ops::IndexUpdateOptions options;
    options.index = ORAS_TRY(to_index_options(flags.index));
    options.index.extra_tags = flags.tags;
    options.add = flags.add;
    options.merge = flags.merge;
    options.remove = flags.remove;
    const auto opened = ORAS_TRY(open_index_target(flags.index));
    const auto result = ORAS_TRY(oras::ops::update_index(opened, options));
    return report_index(result, flags.index, opened);
}

} // namespace

void add_manifest_index_update_command(CLI::App& group, Runner& runner)
{
    auto flags = std::make_shared<IndexUpdateFlags>();
    auto* command = group.add_subcommand("update", "Add, merge and remove entries of an index");
    command->footer(
        "Examples:\n  coras manifest index update localhost:5000/filters/header:v1 --add solo\n"
        "  coras manifest index update localhost:5000/filters/header:v1 --remove sha256:1234...\n"
        "  coras manifest index update localhost:5000/filters/header:v1 --merge v1-extra "
        "--tag v1.1");
    add_index_flags(*command, flags->index, "Index to update: registry/repository:tag or @digest");
    command->add_option("--add", flags->add, "Manifest to add, by tag or digest (repeatable)")
        ->allow_extra_args(false);
    command
        ->add_option(
            "--merge", flags->merge, "Index whose entries to add, by tag or digest (repeatable)")
        ->allow_extra_args(false);
    command->add_option("--remove", flags->remove, "Digest of an entry to remove (repeatable)")
        ->allow_extra_args(false);
    command->add_option("--tag", flags->tags, "Also push the updated index under TAG (repeatable)")
        ->allow_extra_args(false);
    command->callback([flags, &runner] { runner = [flags] { return run_index_update(*flags); }; });
}

} // namespace coras
