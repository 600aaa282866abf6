// coras manifest push REF[:t1,t2|@digest] FILE|-: a manifest's exact bytes (oras manifest push).
#include "command.hpp"
#include "display/content_view.hpp"
#include "display/json_output.hpp"
#include "display/progress_view.hpp"
#include "options/interrupt.hpp"
#include "options/target_flags.hpp"

#include "oras/ops/manifest.hpp"
#include "oras/ops/target.hpp"

#include <fmt/format.h>

#include <memory>

namespace coras {

namespace {

struct ManifestPushFlags
{
    TargetFlags target;
    std::string file;
    std::string media_type;
    bool descriptor = false;
    bool pretty = false;
    OutputFormat format = OutputFormat::text;
};

oras::Result<void> run_manifest_push(const ManifestPushFlags& flags)
{
    const std::string bytes = ORAS_TRY(oras::ops::read_manifest_input(flags.file));
    const auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::create));
    auto opened = ORAS_TRY(oras::ops::open_target(spec));
    NewLayoutGuard new_layout(opened);
    oras::ops::ManifestPushOptions options;
    options.media_type = flags.media_type;
    options.progress = make_progress_display(Direction::push, false, interrupted);
    const auto result = ORAS_TRY(oras::ops::push_manifest(opened, bytes, options));
    new_layout.keep();
    if (flags.descriptor) {
        fmt::print(
            "{}",
            descriptor_text(result.desc, flags.pretty ? JsonStyle::pretty : JsonStyle::compact));
        return {};
    }
    if (flags.format == OutputFormat::json) {
        return print_json_result(pushed_json(result.desc, flags.target.reference));
    }
    fmt::print("{}", pushed_text(result.desc, spec.kind, flags.target.reference));
    return {};
}

} // namespace

void add_manifest_push_command(CLI::App& group, Runner& runner)
{
    auto flags = std::make_shared<ManifestPushFlags>();
    auto* command = group.add_subcommand("push", "Push a manifest from a file or stdin");
    command->footer(
        "Examples:\n  coras manifest push localhost:5000/filters/header:v2 manifest.json\n"
        "  coras manifest fetch localhost:5000/a:v1 | coras manifest push localhost:5000/b:v1 -");
    add_target_flags(
        *command, flags->target, "Destination: registry/repository[:tag[,tag...]|@digest]");
    command->add_option("FILE", flags->file, "Manifest file, or - for stdin (4 MiB at most)")
        ->required();
    command->add_option("--media-type",
                        flags->media_type,
                        "Media type of the manifest (default: its mediaType member)");
    command->add_flag("--descriptor", flags->descriptor, "Print the descriptor instead");
    command->add_flag("--pretty", flags->pretty, "Indent the JSON printed");
    add_format_flag(*command, flags->format);
    command->callback([flags, &runner] { runner = [flags] { return run_manifest_push(*flags); }; });
}

} // namespace coras
