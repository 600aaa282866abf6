// coras attach --artifact-type TYPE REF [FILE[:MEDIATYPE]...]: flags as oras attach.
#include "command.hpp"
#include "display/json_output.hpp"
#include "display/progress_view.hpp"
#include "display/referrers_view.hpp"
#include "options/annotation_flags.hpp"
#include "options/interrupt.hpp"
#include "options/target_flags.hpp"

#include "oras/io.hpp"
#include "oras/ops/referrers.hpp"
#include "oras/ops/target.hpp"

#include <fmt/format.h>

#include <memory>

namespace coras {

namespace {

struct AttachFlags
{
    TargetFlags target;
    std::vector<std::string> files;
    std::string config;
    std::string artifact_type;
    std::vector<std::string> annotations;
    std::string annotation_file;
    std::string export_manifest;
    bool disable_path_validation = false;
    std::string distribution_spec;
    int concurrency = 5;
    bool no_tty = false;
    OutputFormat format = OutputFormat::text;
};

oras::Result<oras::ops::AttachOptions> to_options(const AttachFlags& flags)
{
    oras::ops::AttachOptions options;
    auto& push = options.push;
    for (const auto& file : flags.files) {
        push.files.push_back(ORAS_TRY(oras::ops::parse_file_spec(file)));
    }
    if (!flags.config.empty()) {
        push.config = ORAS_TRY(oras::ops::parse_file_spec(flags.config));
    }
    push.artifact_type = flags.artifact_type;
    push.annotations = ORAS_TRY(parse_annotations(flags.annotations));
    push.annotation_file = flags.annotation_file;
    push.source_date_epoch = ORAS_TRY(source_date_epoch());
    push.path_validation = flags.disable_path_validation ? oras::ops::PathValidation::disabled
                                                         : oras::ops::PathValidation::enabled;
    push.concurrency = flags.concurrency;
    push.progress = make_progress_display(Direction::push, flags.no_tty, interrupted);
    if (!flags.distribution_spec.empty()) {
        options.method = ORAS_TRY(oras::ops::parse_referrers_method(flags.distribution_spec));
    }
    return options;
}

oras::Result<void> run_attach(const AttachFlags& flags)
{
    const auto options = ORAS_TRY(to_options(flags));
    const auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::create));
    auto opened = ORAS_TRY(oras::ops::open_target(spec));
    NewLayoutGuard new_layout(opened);
    const auto result = ORAS_TRY(oras::ops::attach(opened, options));
    new_layout.keep();
    if (!flags.export_manifest.empty()) {
        auto sink = ORAS_TRY(oras::FileSink::create(flags.export_manifest));
        ORAS_TRY(sink->write(result.pushed.manifest_bytes));
        ORAS_TRY(sink->commit(oras::Overwrite::yes));
    }
    if (flags.format == OutputFormat::json) {
        return print_json_result(attach_json(result, opened.name));
    }
    fmt::print("{}", attach_text(result, spec.kind, opened.name));
    return {};
}

} // namespace

void add_attach_command(CLI::App& app, Runner& runner)
{
    auto flags = std::make_shared<AttachFlags>();
    auto* command = app.add_subcommand(
        "attach", "Attach files to an existing artifact as a referrer (its subject)");
    command->footer(
        "Examples:\n"
        "  coras attach --artifact-type application/vnd.example.sbom+json "
        "localhost:5000/filters/header:v1 sbom.json\n"
        "  coras attach --artifact-type application/vnd.example.review -a reviewed-by=alice "
        "localhost:5000/filters/header@sha256:...");
    add_target_flags(
        *command, flags->target, "Subject: registry/repository:tag or registry/repository@digest");
    command->add_option("FILE", flags->files, "Files to attach, as FILE[:MEDIATYPE]");
    command->add_option("--artifact-type", flags->artifact_type, "Artifact type (required)")
        ->required();
    command->add_option("--config", flags->config, "Config file, as FILE[:MEDIATYPE]");
    command
        ->add_option(
            "-a,--annotation", flags->annotations, "Manifest annotation key=value (repeatable)")
        ->allow_extra_args(false);
    command
        ->add_option("--annotation-file",
                     flags->annotation_file,
                     "JSON file of annotations ($manifest, $config, FILE keys)")
        ->check(CLI::ExistingFile);
    command->add_option(
        "--export-manifest", flags->export_manifest, "Also write the pushed manifest to this file");
    command->add_flag(
        "--disable-path-validation", flags->disable_path_validation, "Allow absolute file paths");
    add_distribution_spec_flag(*command, flags->distribution_spec);
    command
        ->add_option(
            "--concurrency", flags->concurrency, "Blobs checked and uploaded at once (default 5)")
        ->check(CLI::Range(1, 64));
    command->add_flag(
        "--no-tty", flags->no_tty, "Print one plain line per finished blob, even on a terminal");
    add_format_flag(*command, flags->format);
    command->callback([flags, &runner] { runner = [flags] { return run_attach(*flags); }; });
}

} // namespace coras
