// coras blob fetch|get REPO@DIGEST: one blob, streamed and verified (oras blob fetch).
#include "command.hpp"
#include "display/content_view.hpp"
#include "display/progress_view.hpp"
#include "options/blob_reference.hpp"
#include "options/interrupt.hpp"
#include "options/output_flags.hpp"
#include "options/target_flags.hpp"

#include "oras/io.hpp"
#include "oras/ops/blob.hpp"
#include "oras/ops/target.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

namespace coras {

namespace {

struct BlobFetchFlags
{
    TargetFlags target;
    std::string output;
    bool descriptor = false;
    bool pretty = false;
    bool no_tty = false;
};

oras::Result<void> run_blob_fetch(const BlobFetchFlags& flags)
{
    if (flags.output.empty() && !flags.descriptor) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "blob fetch: either --output or --descriptor must be given",
                          "write the blob with --output FILE, or to stdout with --output -");
    }
    ORAS_TRY(check_content_flags(ContentFlags{flags.output, flags.descriptor, flags.pretty}));
    const auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::read_only));
    const auto opened = ORAS_TRY(oras::ops::open_target(spec));
    const auto digest = ORAS_TRY(blob_digest(opened));
    if (!digest) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "blob fetch: no digest in \"" + flags.target.reference + "\"",
                          "name the blob as registry/repository@sha256:...");
    }
    const auto desc = ORAS_TRY(oras::ops::resolve_blob(*opened.target, *digest));
    const auto progress = make_progress_display(Direction::pull, flags.no_tty, interrupted);
    if (flags.output == "-") {
        std::fflush(stdout);
        return oras::ops::fetch_blob(*opened.target, desc, *oras::standard_output(), progress);
    }
    if (!flags.output.empty()) {
        ORAS_TRY(oras::ops::fetch_blob_to_file(*opened.target, desc, flags.output, progress));
    }
    if (flags.descriptor) {
        fmt::print("{}",
                   descriptor_text(desc, flags.pretty ? JsonStyle::pretty : JsonStyle::compact));
    }
    return {};
}

} // namespace

void add_blob_fetch_command(CLI::App& group, Runner& runner)
{
    auto flags = std::make_shared<BlobFetchFlags>();
    auto* command = group.add_subcommand("fetch", "Fetch a blob by digest, verified");
    command->footer("Examples:\n  coras blob fetch -o layer.tar.gz localhost:5000/data@sha256:...\n"
                    "  coras blob fetch -o - localhost:5000/data@sha256:... | tar -xz");
    command->alias("get");
    add_target_flags(*command, flags->target, "Blob: registry/repository@sha256:...");
    command->add_option(
        "-o,--output", flags->output, "Write the blob to FILE (- for stdout, streamed)");
    command->add_flag("--descriptor", flags->descriptor, "Print the blob's descriptor");
    command->add_flag("--pretty", flags->pretty, "Indent the JSON printed");
    command->add_flag("--no-tty", flags->no_tty, "Print plain progress lines, even on a terminal");
    command->callback([flags, &runner] { runner = [flags] { return run_blob_fetch(*flags); }; });
}

} // namespace coras
