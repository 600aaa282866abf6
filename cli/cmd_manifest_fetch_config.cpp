// coras manifest fetch-config|get-config REF: the config blob of an image manifest (oras
// manifest fetch-config).
#include "command.hpp"
#include "display/content_view.hpp"
#include "options/output_flags.hpp"
#include "options/target_flags.hpp"

#include "oras/io.hpp"
#include "oras/ops/blob.hpp"
#include "oras/ops/manifest.hpp"
#include "oras/ops/target.hpp"
#include "oras/platform.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <optional>

namespace coras {

namespace {

struct FetchConfigFlags
{
    TargetFlags target;
    ContentFlags content;
    std::string platform;
};

// The config on stdout: streamed as it comes, or read whole (4 MiB at most) to indent it.
oras::Result<void>
print_config(oras::Target& target, const oras::Descriptor& config, JsonStyle style)
{
    if (style == JsonStyle::pretty) {
        const auto bytes = ORAS_TRY(oras::fetch_bytes(target, config));
        fmt::print("{}", content_text(bytes, style));
        return {};
    }
    std::fflush(stdout);
    return oras::ops::fetch_blob(target, config, *oras::standard_output());
}

oras::Result<void> run_fetch_config(const FetchConfigFlags& flags)
{
    ORAS_TRY(check_content_flags(flags.content));
    std::optional<oras::Platform> platform;
    if (!flags.platform.empty()) {
        platform = ORAS_TRY(oras::parse_platform(flags.platform));
    }
    const auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::read_only));
    const auto opened = ORAS_TRY(oras::ops::open_target(spec));
    const auto config = ORAS_TRY(oras::ops::config_of(*opened.target, opened.reference, platform));
    if (flags.content.to_file()) {
        ORAS_TRY(oras::ops::fetch_blob_to_file(*opened.target, config, flags.content.output));
    } else if (!flags.content.descriptor) {
        return print_config(*opened.target, config, flags.content.style());
    }
    if (flags.content.descriptor) {
        fmt::print("{}", descriptor_text(config, flags.content.style()));
    }
    return {};
}

} // namespace

void add_manifest_fetch_config_command(CLI::App& group, Runner& runner)
{
    auto flags = std::make_shared<FetchConfigFlags>();
    auto* command =
        group.add_subcommand("fetch-config", "Fetch the config blob of an image manifest");
    command->footer(
        "Examples:\n  coras manifest fetch-config localhost:5000/filters/header:v1\n"
        "  coras manifest fetch-config -o runtime-config.json localhost:5000/filters/header:v1\n"
        "  coras manifest fetch-config --platform linux/amd64 localhost:5000/filters/header:all");
    command->alias("get-config");
    add_target_flags(*command, flags->target, "Manifest: registry/repository:tag or @digest");
    add_content_flags(*command, flags->content, "Write the config to FILE (- for stdout)");
    add_platform_flag(*command, flags->platform);
    command->callback([flags, &runner] { runner = [flags] { return run_fetch_config(*flags); }; });
}

} // namespace coras
