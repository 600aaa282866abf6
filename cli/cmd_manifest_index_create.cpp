// coras manifest index create|pack REF[:t1,t2] SOURCE...: an OCI image index of manifests of
// the same repository (oras manifest index create).
#include "command.hpp"
#include "options/index_flags.hpp"

#include "oras/ops/index.hpp"

#include <memory>

namespace coras {

namespace {

struct IndexCreateFlags
{
    IndexFlags index;
    std::vector<std::string> sources;
};

oras::Result<void> run_index_create(const IndexCreateFlags& flags)
{
    oras::ops::IndexCreateOptions options;
    options.index = ORAS_TRY(to_index_options(flags.index));
    options.sources = flags.sources;
    const auto opened = ORAS_TRY(open_index_target(flags.index));
    const auto result = ORAS_TRY(oras::ops::create_index(opened, options));
    return report_index(result, flags.index, opened);
}

} // namespace

void add_manifest_index_create_command(CLI::App& group, Runner& runner)
{
    auto flags = std::make_shared<IndexCreateFlags>();
    auto* command = group.add_subcommand(
        "create", "Create an image index of manifests of the same repository and push it");
    command->footer(
        "Examples:\n  coras manifest index create localhost:5000/filters/header:v1 compat cncf\n"
        "  coras manifest index create localhost:5000/filters/header sha256:1234...\n"
        "  coras manifest index create -o index.json localhost:5000/filters/header v1-compat");
    command->alias("pack");
    add_index_flags(*command,
                    flags->index,
                    "Index to push: registry/repository[:tag[,tag...]] (the sources' repository)");
    command->add_option("SOURCE",
                        flags->sources,
                        "Manifests to list, in order: tags or digests of the same repository");
    command->callback([flags, &runner] { runner = [flags] { return run_index_create(*flags); }; });
}

} // namespace coras
