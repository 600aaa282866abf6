// coras discover REF: the artifacts that refer to REF (its referrers), as oras discover.
#include "command.hpp"
#include "display/json_output.hpp"
#include "display/referrers_view.hpp"
#include "options/target_flags.hpp"

#include "oras/ops/referrers.hpp"
#include "oras/ops/target.hpp"

#include <fmt/format.h>

#include <memory>

namespace coras {

namespace {

struct DiscoverFlags
{
    TargetFlags target;
    std::string artifact_type;
    int depth = 0;
    std::string distribution_spec;
    OutputFormat format = OutputFormat::text;
};

oras::Result<void> run_discover(const DiscoverFlags& flags)
{
    oras::ops::DiscoverOptions options;
    options.artifact_type = flags.artifact_type;
    options.depth = flags.depth;
    if (!flags.distribution_spec.empty()) {
        options.method = ORAS_TRY(oras::ops::parse_referrers_method(flags.distribution_spec));
    }
    const auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::read_only));
    const auto opened = ORAS_TRY(oras::ops::open_target(spec));
    const auto result = ORAS_TRY(oras::ops::discover(opened, options));
    if (flags.format == OutputFormat::json) {
        return print_json_result(discover_json(result, opened.name));
    }
    fmt::print("{}", discover_tree(result, opened.name));
    return {};
}

} // namespace

void add_discover_command(CLI::App& app, Runner& runner)
{
    auto flags = std::make_shared<DiscoverFlags>();
    auto* command =
        app.add_subcommand("discover", "List the artifacts that refer to an artifact, as a tree");
    command->footer("Examples:\n"
                    "  coras discover localhost:5000/filters/header:v1\n"
                    "  coras discover --artifact-type application/vnd.example.sbom+json "
                    "--format json localhost:5000/filters/header:v1\n"
                    "  coras discover --depth 1 localhost:5000/filters/header@sha256:...");
    add_target_flags(
        *command, flags->target, "Subject: registry/repository:tag or registry/repository@digest");
    command->add_option(
        "--artifact-type", flags->artifact_type, "Only referrers of this artifact type");
    command
        ->add_option(
            "--depth", flags->depth, "Levels of referrers of referrers to list (default: all)")
        ->check(CLI::Range(1, 1000));
    add_distribution_spec_flag(*command, flags->distribution_spec);
    add_format_flag(*command, flags->format, {"tree"});
    command->callback([flags, &runner] { runner = [flags] { return run_discover(*flags); }; });
}

} // namespace coras
