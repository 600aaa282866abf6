// coras sync --list FILE --dir DIR [--prune] [--interval SECONDS]: keeps a directory of Wasm
// modules in step with a list of references (the node-side half of issue 11).
#include "command.hpp"
#include "display/errors.hpp"
#include "display/json_output.hpp"
#include "display/sync_view.hpp"
#include "options/interrupt.hpp"
#include "options/remote_flags.hpp"
#include "options/target_flags.hpp"

#include "oras/ops/sync.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <memory>

namespace coras {

namespace {

struct SyncFlags
{
    std::string list;
    std::string dir;
    bool prune = false;
    int interval = 0; // seconds; 0: one round
    RemoteFlags remote;
    OutputFormat format = OutputFormat::text;
};

// One round, reported; fails when a reference (or the round) failed.
oras::Result<void> run_round(const oras::ops::SyncOptions& options, OutputFormat format)
{
    const auto report = ORAS_TRY(oras::ops::sync(options));
    if (format == OutputFormat::json) {
        ORAS_TRY(print_json_result(sync_json(report)));
    } else {
        fmt::print("{}", sync_text(report));
    }
    std::fflush(stdout);
    fmt::print(stderr, "{}", sync_errors(report));
    if (report.failures() > 0) {
        return oras::fail(oras::ErrorCode::not_found,
                          fmt::format("{} of {} references failed to sync",
                                      report.failures(),
                                      report.entries.size()));
    }
    return {};
}

oras::Result<void> run_sync(const SyncFlags& flags)
{
    oras::ops::SyncOptions options;
    options.list_file = flags.list;
    options.dir = flags.dir;
    options.prune = flags.prune ? oras::ops::Prune::yes : oras::ops::Prune::no;
    options.remote = ORAS_TRY(to_remote_options(flags.remote));
    if (flags.interval == 0) {
        return run_round(options, flags.format);
    }
    // A signal ends the loop between rounds: the round under way is finished, not cancelled
    // (a second signal still ends the process at once).
    options.remote.cancelled = nullptr;
    while (true) {
        if (const auto round = run_round(options, flags.format); !round) {
            print_error(round.error());
        }
        std::fflush(stderr);
        interruptible_sleep(std::chrono::seconds(flags.interval));
        if (interrupted()) {
            return {};
        }
    }
}

} // namespace

void add_sync_command(CLI::App& app, Runner& runner)
{
    auto flags = std::make_shared<SyncFlags>();
    auto* command = app.add_subcommand(
        "sync", "Keep a directory of Wasm modules in step with a list of references");
    command->footer(
        "Examples:\n  coras sync --list filters.txt --dir /var/local/lib/wasm-filters\n"
        "  coras sync --list /etc/coras/filters.yaml --dir /var/local/lib/wasm-filters --prune "
        "--interval 60 --registry-config /etc/coras/pull-secret/.dockerconfigjson");
    command
        ->add_option("--list",
                     flags->list,
                     "References, one a line, or a Kubernetes ConfigMap (YAML or JSON) whose data "
                     "lists them")
        ->required();
    command
        ->add_option("--dir",
                     flags->dir,
                     "Directory the modules (<manifest-digest-hex>.wasm) and their links go in")
        ->required();
    command->add_flag("--prune",
                      flags->prune,
                      "Remove the modules and links sync made that no listed reference needs");
    command
        ->add_option("--interval",
                     flags->interval,
                     "Sync again every SECONDS until SIGTERM or SIGINT (between rounds)")
        ->check(CLI::Range(1, 86400));
    add_remote_flags(*command, flags->remote);
    add_format_flag(*command, flags->format);
    command->callback([flags, &runner] { runner = [flags] { return run_sync(*flags); }; });
}

} // namespace coras
