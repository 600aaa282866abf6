// coras restore --input DIR|X.tar REGISTRY/REPO[:T1,T2]: flags as oras restore (oras 1.3:
// --exclude-referrers, --dry-run, --concurrency, --distribution-spec).
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

struct RestoreFlags
{
    TargetFlags target;
    std::string input;
    bool exclude_referrers = false;
    bool dry_run = false;
    std::string distribution_spec;
    int concurrency = 5;
    bool no_tty = false;
    OutputFormat format = OutputFormat::text;
};

oras::Result<void> run_restore(const RestoreFlags& flags)
{
    oras::ops::RestoreOptions options;
    if (!flags.distribution_spec.empty()) {
        options.referrers_method =
            ORAS_TRY(oras::ops::parse_referrers_method(flags.distribution_spec));
    }
    const auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::create));
    auto opened = ORAS_TRY(oras::ops::open_target(spec));
    NewLayoutGuard new_layout(opened);
    if (opened.reference.find(':') != std::string::npos) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "restore to " + flags.target.reference +
                              ": name tags (REPO:TAG1,TAG2) or none, not a digest");
    }
    options.tags = opened.tags;
    options.input = flags.input;
    options.referrers =
        flags.exclude_referrers ? oras::ops::Referrers::exclude : oras::ops::Referrers::include;
    options.dry_run = flags.dry_run ? oras::ops::DryRun::yes : oras::ops::DryRun::no;
    options.concurrency = flags.concurrency;
    options.progress = make_progress_display(Direction::restore, flags.no_tty, interrupted);
    const auto result = ORAS_TRY(oras::ops::restore(*opened.target, options));
    new_layout.keep();
    if (flags.format == OutputFormat::json) {
        return print_json_result(restore_json(result, flags.input, opened.name));
    }
    fmt::print("{}", restore_text(result, flags.input, opened.name));
    return {};
}

} // namespace

void add_restore_command(CLI::App& app, Runner& runner)
{
    auto flags = std::make_shared<RestoreFlags>();
    auto* command = app.add_subcommand(
        "restore", "Restore tags from an OCI image layout directory or tar into a repository");
    command->footer(
        "Examples:\n"
        "  coras restore --input ./backup localhost:5000/filters/header\n"
        "  coras restore --input header.tar --dry-run localhost:5000/filters/header:v1\n"
        "  coras restore --input header.tar --exclude-referrers "
        "registry.example.com/filters/header:v1,v2");
    command
        ->add_option("REF",
                     flags->target.reference,
                     "registry/repository[:tag1,tag2]; without tags, every tag of the layout "
                     "but sha256-<hex>")
        ->required();
    command->add_option("--input", flags->input, "OCI image layout directory, or a tar of one")
        ->required();
    command->add_flag("--exclude-referrers",
                      flags->exclude_referrers,
                      "Leave out the referrers the layout holds (restored by default)");
    command->add_flag("--dry-run",
                      flags->dry_run,
                      "Print what would be pushed (tags, digests, referrers); push nothing");
    add_distribution_spec_flag(*command, flags->distribution_spec);
    command->add_option("--concurrency", flags->concurrency, "Blobs pushed at once (default 5)")
        ->check(CLI::Range(1, 64));
    command->add_flag(
        "--no-tty", flags->no_tty, "Print one plain line per finished blob, even on a terminal");
    add_remote_flags(*command, flags->target.remote);
    add_format_flag(*command, flags->format);
    command->callback([flags, &runner] { runner = [flags] { return run_restore(*flags); }; });
}

} // namespace coras
