// coras push REF [FILE[:MEDIATYPE]...]: flags as oras push.
#include "command.hpp"
#include "display/json_output.hpp"
#include "display/progress_view.hpp"
#include "display/push_view.hpp"
#include "options/annotation_flags.hpp"
#include "options/interrupt.hpp"
#include "options/target_flags.hpp"

#include "oras/io.hpp"
#include "oras/ops/push.hpp"
#include "oras/ops/target.hpp"

#include <fmt/format.h>

#include <limits>
#include <memory>

namespace coras {

namespace {

struct PushFlags
{
    TargetFlags target;
    std::vector<std::string> files;
    // What CLI11 took for unknown options: "-:MEDIATYPE" (stdin with a media type) is a file.
    std::vector<std::string> extras;
    std::string stdin_name;
    std::string config;
    std::string artifact_type;
    std::vector<std::string> annotations;
    std::string annotation_file;
    std::string export_manifest;
    bool disable_path_validation = false;
    std::string wasm_format = "solo";
    bool wasm_format_given = false;
    std::vector<std::string> root_ids;
    bool no_verify = false;
    int concurrency = 5;
    bool no_tty = false;
    std::string mount_from;
    std::uint64_t chunk_size = 0; // 0: one PUT per blob
    OutputFormat format = OutputFormat::text;
};

oras::Result<oras::ops::PushOptions> to_options(const PushFlags& flags)
{
    oras::ops::PushOptions options;
    for (const auto& file : flags.files) {
        options.files.push_back(ORAS_TRY(oras::ops::parse_file_spec(file)));
    }
    for (const auto& extra : flags.extras) { // "-:MEDIATYPE" only (checked at parse time)
        options.files.push_back(ORAS_TRY(oras::ops::parse_file_spec(extra)));
    }
    options.stdin_name = flags.stdin_name;
    if (!flags.config.empty()) {
        options.config = ORAS_TRY(oras::ops::parse_file_spec(flags.config));
    }
    options.artifact_type = flags.artifact_type;
    options.annotations = ORAS_TRY(parse_annotations(flags.annotations));
    options.annotation_file = flags.annotation_file;
    options.source_date_epoch = ORAS_TRY(source_date_epoch());
    options.path_validation = flags.disable_path_validation ? oras::ops::PathValidation::disabled
                                                            : oras::ops::PathValidation::enabled;
    options.wasm.format = ORAS_TRY(oras::wasm::parse_push_format(flags.wasm_format));
    options.wasm.packing = flags.wasm_format_given ? oras::ops::WasmPacking::required
                                                   : oras::ops::WasmPacking::when_module;
    options.wasm.root_ids = flags.root_ids;
    options.wasm.check =
        flags.no_verify ? oras::ops::ModuleCheck::none : oras::ops::ModuleCheck::proxy_wasm;
    options.concurrency = flags.concurrency;
    options.mount_from = flags.mount_from;
    options.progress = make_progress_display(Direction::push, flags.no_tty, interrupted);
    return options;
}

oras::Result<void> write_file(const std::string& path, const std::string& bytes)
{
    auto sink = ORAS_TRY(oras::FileSink::create(path));
    ORAS_TRY(sink->write(bytes));
    return sink->commit(oras::Overwrite::yes);
}

oras::Result<void> run_push(const PushFlags& flags)
{
    auto options = ORAS_TRY(to_options(flags));
    auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::create));
    if (flags.chunk_size > 0) {
        spec.remote.chunk_size = flags.chunk_size;
    }
    auto opened = ORAS_TRY(oras::ops::open_target(spec));
    NewLayoutGuard new_layout(opened);
    const auto result = ORAS_TRY(oras::ops::push(opened, options));
    new_layout.keep();
    for (const auto& warning : result.warnings) {
        fmt::print(stderr, "Warning: {}\n", warning);
    }
    if (!flags.export_manifest.empty()) {
        ORAS_TRY(write_file(flags.export_manifest, result.manifest_bytes));
    }
    if (flags.format == OutputFormat::json) {
        return print_json_result(push_json(result, flags.target.reference));
    }
    fmt::print("{}", push_text(result, spec.kind, flags.target.reference));
    return {};
}

} // namespace

void add_push_command(CLI::App& app, Runner& runner)
{
    auto flags = std::make_shared<PushFlags>();
    auto* command =
        app.add_subcommand("push", "Push files to a registry or an OCI layout as one artifact");
    command->footer("Examples:\n  coras push localhost:5000/filters/header:v1 "
                    "example-filter.wasm\n  coras push localhost:5000/filters/header:v1,latest "
                    "example-filter.wasm --config runtime-config.json\n  coras push --oci-layout "
                    "./layout:v1 notes.txt:text/plain --format go-template='{{.digest}}'");
    add_target_flags(*command, flags->target, "Destination: registry/repository[:tag[,tag...]]");
    command->add_option(
        "FILE", flags->files, "Files to push, as FILE[:MEDIATYPE]; - reads one from stdin");
    command->add_option("--stdin-name",
                        flags->stdin_name,
                        "Title of the layer read from stdin (-); without it the layer is untitled");
    command->add_option(
        "--config,--manifest-config", flags->config, "Config file, as FILE[:MEDIATYPE]");
    command->add_option("--artifact-type", flags->artifact_type, "Artifact type of the manifest");
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
    command
        ->add_option_function<std::string>(
            "--wasm-format",
            [flags](const std::string& value) {
                flags->wasm_format = value;
                flags->wasm_format_given = true;
            },
            "How a Wasm module given without a media type is packed: solo (default; Istio, ASM, "
            "wasme), compat (OCI image with plugin.wasm), cncf or wasm-to-oci")
        ->check(CLI::IsMember({"solo", "compat", "cncf", "wasm-to-oci"}));
    command
        ->add_option("--root-id",
                     flags->root_ids,
                     "Root context id for the generated runtime-config.json (repeatable)")
        ->allow_extra_args(false);
    command->add_flag("--no-verify",
                      flags->no_verify,
                      "Push a Wasm module without the proxy-wasm (Envoy) checks");
    command
        ->add_option(
            "--concurrency", flags->concurrency, "Blobs checked and uploaded at once (default 5)")
        ->check(CLI::Range(1, 64));
    command->add_flag(
        "--no-tty", flags->no_tty, "Print one plain line per finished blob, even on a terminal");
    command->add_option("--from",
                        flags->mount_from,
                        "Repository of the same registry to mount blobs from instead of "
                        "uploading them");
    command
        ->add_option("--chunk-size",
                     flags->chunk_size,
                     "Upload blobs larger than SIZE in chunks of SIZE (e.g. 16M; at least 1K); "
                     "without it, chunks of 16M only when the registry refuses one request")
        ->transform(CLI::AsSizeValue(false))
        ->check(CLI::Range(std::uint64_t{1024}, std::numeric_limits<std::uint64_t>::max()));
    add_format_flag(*command, flags->format);
    // CLI11 reads "-:MEDIATYPE" as an option: kept as an extra and taken as a file (after the
    // other files) in to_options().
    command->allow_extras();
    command->callback([flags, command, &runner] {
        flags->extras = command->remaining();
        for (const auto& extra : flags->extras) {
            if (!extra.starts_with("-:")) {
                // An unknown flag: reported by main with a suggestion, as elsewhere.
                throw CLI::ExtrasError(std::vector<std::string>{extra});
            }
        }
        runner = [flags] { return run_push(*flags); };
    });
}

} // namespace coras
