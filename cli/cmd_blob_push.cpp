// coras blob push REPO[@DIGEST] FILE|-: one blob, checked for first (oras blob push); from
// stdin streamed in chunks with its digest computed on the way.
#include "command.hpp"
#include "display/content_view.hpp"
#include "display/json_output.hpp"
#include "display/progress_view.hpp"
#include "options/blob_reference.hpp"
#include "options/interrupt.hpp"
#include "options/target_flags.hpp"

#include "oras/ops/blob.hpp"
#include "oras/ops/target.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <memory>

namespace coras {

namespace {

struct BlobPushFlags
{
    TargetFlags target;
    std::string file;
    std::int64_t size = -1;
    std::string media_type;
    bool descriptor = false;
    bool pretty = false;
    bool no_tty = false;
    OutputFormat format = OutputFormat::text;
};

oras::Result<void> run_blob_push(const BlobPushFlags& flags)
{
    const auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::create));
    auto opened = ORAS_TRY(oras::ops::open_target(spec));
    NewLayoutGuard new_layout(opened);
    oras::ops::BlobPushOptions options;
    options.path = flags.file;
    options.digest = ORAS_TRY(blob_digest(opened));
    if (flags.size >= 0) {
        options.size = static_cast<std::uint64_t>(flags.size);
    }
    options.media_type = flags.media_type;
    options.progress = make_progress_display(Direction::push, flags.no_tty, interrupted);
    const auto result = ORAS_TRY(oras::ops::push_blob(*opened.target, options));
    new_layout.keep();
    if (flags.descriptor) {
        fmt::print(
            "{}",
            descriptor_text(result.desc, flags.pretty ? JsonStyle::pretty : JsonStyle::compact));
        return {};
    }
    const std::string reference = opened.name + "@" + result.desc.digest.str();
    if (flags.format == OutputFormat::json) {
        return print_json_result(pushed_json(result.desc, reference));
    }
    fmt::print("{}", pushed_text(result.desc, spec.kind, reference));
    return {};
}

} // namespace

void add_blob_push_command(CLI::App& group, Runner& runner)
{
    auto flags = std::make_shared<BlobPushFlags>();
    auto* command = group.add_subcommand("push", "Push a blob from a file or stdin");
    command->footer("Examples:\n  coras blob push localhost:5000/data layer.tar.gz\n"
                    "  tar -cz dir | coras blob push localhost:5000/data -");
    add_target_flags(*command, flags->target, "Destination: registry/repository[@sha256:...]");
    command->add_option("FILE", flags->file, "Blob file, or - for stdin (streamed in chunks)")
        ->required();
    command
        ->add_option("--size", flags->size, "The blob's size in bytes, checked (default: counted)")
        ->check(CLI::NonNegativeNumber);
    command->add_option("--media-type",
                        flags->media_type,
                        "Media type shown in the descriptor (default application/octet-stream)");
    command->add_flag("--descriptor", flags->descriptor, "Print the descriptor instead");
    command->add_flag("--pretty", flags->pretty, "Indent the JSON printed");
    command->add_flag("--no-tty", flags->no_tty, "Print plain progress lines, even on a terminal");
    add_format_flag(*command, flags->format);
    command->callback([flags, &runner] { runner = [flags] { return run_blob_push(*flags); }; });
}

} // namespace coras
