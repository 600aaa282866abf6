// coras backup --output DIR|X.tar REGISTRY/REPO[:T1,T2]: flags as oras backup (oras 1.3:
// --include-referrers, --concurrency, --distribution-spec).
#include "command.hpp"
#include "display/backup_view.hpp"
#include "display/json_output.hpp"
#include "display/progress_view.hpp"
#include "options/interrupt.hpp"
#include "options/target_flags.hpp"

#include "oras/ops/backup.hpp"
#include "oras/ops/target.hpp"

#include <fmt/format.h>

#include <memory>

namespace coras {

namespace {

struct BackupFlags
{
    TargetFlags target;
    std::string output;
    bool include_referrers = false;
    std::string distribution_spec;
    int concurrency = 3;
    bool no_tty = false;
    OutputFormat format = OutputFormat::text;
};

oras::Result<void> run_backup(const BackupFlags& flags)
{
    oras::ops::BackupOptions options;
    if (!flags.distribution_spec.empty()) {
        options.referrers_method =
            ORAS_TRY(oras::ops::parse_referrers_method(flags.distribution_spec));
    }
    const auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::read_only));
    auto opened = ORAS_TRY(oras::ops::open_target(spec));
    if (opened.reference.find(':') != std::string::npos) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "backup " + flags.target.reference +
                              ": name tags (REPO:TAG1,TAG2) or none, not a digest");
    }
    options.tags = opened.tags;
    options.output = flags.output;
    options.referrers =
        flags.include_referrers ? oras::ops::Referrers::include : oras::ops::Referrers::exclude;
    options.concurrency = flags.concurrency;
    options.progress = make_progress_display(Direction::backup, flags.no_tty, interrupted);
    const auto result = ORAS_TRY(oras::ops::backup(*opened.target, options));
    if (flags.format == OutputFormat::json) {
        return print_json_result(backup_json(result, opened.name));
    }
    fmt::print("{}", backup_text(result, opened.name));
    return {};
}

} // namespace

void add_backup_command(CLI::App& app, Runner& runner)
{
    auto flags = std::make_shared<BackupFlags>();
    auto* command = app.add_subcommand(
        "backup", "Back up tags of a repository into an OCI image layout directory or tar");
    command->footer("Examples:\n"
                    "  coras backup --output ./backup localhost:5000/filters/header\n"
                    "  coras backup --output header.tar --include-referrers "
                    "localhost:5000/filters/header:v1,v2");
    command
        ->add_option("REF",
                     flags->target.reference,
                     "registry/repository[:tag1,tag2]; without tags, every tag but sha256-<hex>")
        ->required();
    command
        ->add_option("--output",
                     flags->output,
                     "OCI image layout directory to write, or FILE.tar for a tar of one")
        ->required();
    command->add_flag("--include-referrers",
                      flags->include_referrers,
                      "Also back up the referrers (signatures, SBOMs) of each tag, and theirs");
    add_distribution_spec_flag(*command, flags->distribution_spec);
    command->add_option("--concurrency", flags->concurrency, "Blobs pulled at once (default 3)")
        ->check(CLI::Range(1, 64));
    command->add_flag(
        "--no-tty", flags->no_tty, "Print one plain line per finished blob, even on a terminal");
    add_remote_flags(*command, flags->target.remote);
    add_format_flag(*command, flags->format);
    command->callback([flags, &runner] { runner = [flags] { return run_backup(*flags); }; });
}

} // namespace coras
