// coras inspect REF [--raw] [--format json] [--max-module-size SIZE]: what a reference points
// at.
#include "command.hpp"
#include "display/inspect_view.hpp"
#include "display/json_output.hpp"
#include "display/wasm_view.hpp"
#include "options/target_flags.hpp"

#include "oras/ops/inspect.hpp"
#include "oras/ops/target.hpp"

#include <fmt/format.h>

#include <filesystem>

#include <cstdint>
#include <cstdio>
#include <limits>
#include <memory>

namespace coras {

namespace {

struct InspectFlags
{
    TargetFlags target;
    bool raw = false;
    OutputFormat format = OutputFormat::text;
    oras::ops::InspectOptions options;
};

// `coras inspect FILE.wasm`: a local module rather than a reference.
bool names_local_module(const InspectFlags& flags)
{
    std::error_code ec;
    return !flags.target.oci_layout && flags.target.reference.ends_with(".wasm") &&
           std::filesystem::is_regular_file(flags.target.reference, ec);
}

oras::Result<void> run_inspect_module(const InspectFlags& flags)
{
    const auto report =
        ORAS_TRY(oras::ops::inspect_wasm_file(flags.target.reference, flags.options));
    if (flags.format == OutputFormat::json) {
        return print_json_result(wasm_module_json(report));
    }
    fmt::print("{}", wasm_module_text(report));
    return {};
}

oras::Result<void> run_inspect(const InspectFlags& flags)
{
    if (names_local_module(flags)) {
        return run_inspect_module(flags);
    }
    const auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::read_only));
    auto opened = ORAS_TRY(oras::ops::open_target(spec));
    const auto result =
        ORAS_TRY(oras::ops::inspect(*opened.target, opened.reference, flags.options));
    if (flags.raw) {
        std::fwrite(result.raw.data(), 1, result.raw.size(), stdout);
        return {};
    }
    if (flags.format == OutputFormat::json) {
        return print_json_result(inspect_json(result, flags.target.reference));
    }
    fmt::print("{}", inspect_text(result, flags.target.reference));
    return {};
}

} // namespace

void add_inspect_command(CLI::App& app, Runner& runner)
{
    auto flags = std::make_shared<InspectFlags>();
    auto* command = app.add_subcommand("inspect",
                                       "Show a manifest (media types, digests, sizes, annotations, "
                                       "config) and the Wasm module it holds, or a local module");
    command->footer(
        "Examples:\n  coras inspect localhost:5000/filters/header:v1\n  coras inspect --format "
        "json localhost:5000/filters/header:v1\n  coras inspect example-filter.wasm");
    add_target_flags(*command,
                     flags->target,
                     "registry/repository:tag or registry/repository@digest, or a local FILE.wasm");
    auto* raw = command->add_flag("--raw", flags->raw, "Print the exact manifest bytes");
    command
        ->add_option("--max-module-size",
                     flags->options.max_module_size,
                     "Refuse a Wasm module (or compat layer) larger than SIZE before downloading "
                     "it (e.g. 512M; default 256M, Istio's limit)")
        ->transform(CLI::AsSizeValue(false))
        ->check(CLI::Range(std::uint64_t{1}, std::numeric_limits<std::uint64_t>::max()));
    add_format_flag(*command, flags->format);
    raw->excludes(command->get_option("--format"));
    command->callback([flags, &runner] { runner = [flags] { return run_inspect(*flags); }; });
}

} // namespace coras
