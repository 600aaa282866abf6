// coras pull REF [-o DIR] [-k]: flags as oras pull.
#include "command.hpp"
#include "display/json_output.hpp"
#include "display/progress_view.hpp"
#include "display/pull_view.hpp"
#include "options/interrupt.hpp"
#include "options/target_flags.hpp"

#include "oras/io.hpp"
#include "oras/ops/pull.hpp"
#include "oras/ops/target.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

namespace coras {

namespace {

struct PullFlags
{
    TargetFlags target;
    std::string output = ".";
    bool keep_old_files = false;
    bool allow_path_traversal = false;
    int concurrency = 3;
    bool no_tty = false;
    OutputFormat format = OutputFormat::text;
};

oras::Result<void> run_pull(const PullFlags& flags)
{
    const bool to_stdout = flags.output == "-";
    if (to_stdout && flags.format == OutputFormat::json) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "--format json cannot be used with -o -: standard output takes the file");
    }
    const auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::read_only));
    auto opened = ORAS_TRY(oras::ops::open_target(spec));
    oras::ops::PullOptions options;
    const auto stdout_sink = oras::standard_output();
    if (to_stdout) {
        std::fflush(stdout);
        options.stream = stdout_sink.get();
    }
    options.output_dir = flags.output;
    options.overwrite = flags.keep_old_files ? oras::Overwrite::no : oras::Overwrite::yes;
    options.path_traversal = flags.allow_path_traversal ? oras::ops::PathTraversal::allowed
                                                        : oras::ops::PathTraversal::refused;
    options.concurrency = flags.concurrency;
    options.progress = make_progress_display(Direction::pull, flags.no_tty, interrupted);
    const auto result = ORAS_TRY(oras::ops::pull(*opened.target, opened.reference, options));
    for (const auto& warning : result.warnings) {
        fmt::print(stderr, "Warning: {}\n", warning);
    }
    if (flags.format == OutputFormat::json) {
        return print_json_result(pull_json(result, flags.target.reference));
    }
    if (to_stdout) {
        fmt::print(stderr, "{}", pull_text(result, spec.kind, flags.target.reference));
        return {};
    }
    if (result.files.empty()) {
        fmt::print(stderr, "Warning: no titled layer to write: nothing pulled\n");
    }
    fmt::print("{}", pull_text(result, spec.kind, flags.target.reference));
    return {};
}

} // namespace

void add_pull_command(CLI::App& app, Runner& runner)
{
    auto flags = std::make_shared<PullFlags>();
    auto* command =
        app.add_subcommand("pull", "Pull an artifact's files from a registry or an OCI layout");
    command->footer("Examples:\n  coras pull localhost:5000/filters/header:v1 -o filters/\n  coras "
                    "pull localhost:5000/filters/header:v1 -o header.wasm\n  coras pull "
                    "--oci-layout ./layout:v1 -o out/");
    add_target_flags(
        *command, flags->target, "Source: registry/repository:tag or registry/repository@digest");
    command
        ->add_option("-o,--output",
                     flags->output,
                     "Directory to write the files in (for a Wasm artifact, FILE.wasm names the "
                     "module's file); - writes the one file to stdout")
        ->default_str(".");
    command->add_flag(
        "-k,--keep-old-files", flags->keep_old_files, "Fail instead of overwriting existing files");
    command->add_flag("-T,--allow-path-traversal",
                      flags->allow_path_traversal,
                      "Allow titles that point outside the output directory");
    command
        ->add_option("--concurrency", flags->concurrency, "Layers downloaded at once (default 3)")
        ->check(CLI::Range(1, 64));
    command->add_flag(
        "--no-tty", flags->no_tty, "Print one plain line per finished layer, even on a terminal");
    add_format_flag(*command, flags->format);
    command->callback([flags, &runner] { runner = [flags] { return run_pull(*flags); }; });
}

} // namespace coras
