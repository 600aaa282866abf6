// coras manifest fetch|get|show REF: the manifest's bytes as served (oras manifest fetch).
#include "command.hpp"
#include "display/content_view.hpp"
#include "display/json_output.hpp"
#include "options/output_flags.hpp"
#include "options/target_flags.hpp"

#include "oras/ops/manifest.hpp"
#include "oras/ops/target.hpp"
#include "oras/platform.hpp"

#include <fmt/format.h>

#include <memory>
#include <optional>

namespace coras {

namespace {

struct ManifestFetchFlags
{
    TargetFlags target;
    ContentFlags content;
    std::vector<std::string> media_types;
    std::string platform;
    OutputFormat format = OutputFormat::text;
};

oras::Result<void> run_manifest_fetch(const ManifestFetchFlags& flags)
{
    ORAS_TRY(check_content_flags(flags.content));
    std::optional<oras::Platform> platform;
    if (!flags.platform.empty()) {
        platform = ORAS_TRY(oras::parse_platform(flags.platform));
    }
    auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::read_only));
    spec.remote.manifest_media_types = flags.media_types;
    const auto opened = ORAS_TRY(oras::ops::open_target(spec));
    const auto fetched =
        ORAS_TRY(oras::ops::fetch_manifest(*opened.target, opened.reference, platform));
    if (flags.content.to_file()) {
        ORAS_TRY(write_output_file(flags.content.output, fetched.bytes));
    }
    if (flags.format == OutputFormat::json) {
        return print_json_result(manifest_fetch_json(fetched));
    }
    if (flags.content.descriptor) {
        fmt::print("{}", descriptor_text(fetched.descriptor, flags.content.style()));
    } else if (!flags.content.to_file()) {
        fmt::print("{}", content_text(fetched.bytes, flags.content.style()));
    }
    return {};
}

} // namespace

void add_manifest_fetch_command(CLI::App& group, Runner& runner)
{
    auto flags = std::make_shared<ManifestFetchFlags>();
    auto* command =
        group.add_subcommand("fetch", "Fetch a manifest's bytes as the registry serves them");
    command->footer(
        "Examples:\n  coras manifest fetch localhost:5000/filters/header:v1\n"
        "  coras manifest fetch --descriptor localhost:5000/filters/header:v1\n"
        "  coras manifest fetch -o manifest.json localhost:5000/filters/header:v1\n"
        "  coras manifest fetch --platform wasip1/wasm localhost:5000/filters/header:all");
    command->alias("get");
    command->alias("show");
    add_target_flags(*command, flags->target, "Manifest: registry/repository:tag or @digest");
    add_content_flags(*command, flags->content, "Write the manifest to FILE (- for stdout)");
    command
        ->add_option("--media-type",
                     flags->media_types,
                     "Accepted manifest media types (repeatable or comma list)")
        ->delimiter(',')
        ->allow_extra_args(false);
    add_platform_flag(*command, flags->platform);
    add_format_flag(*command, flags->format);
    command->callback(
        [flags, &runner] { runner = [flags] { return run_manifest_fetch(*flags); }; });
}

} // namespace coras
