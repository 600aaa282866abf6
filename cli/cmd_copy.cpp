// coras copy|cp SRC[:TAG|@DIGEST] DST[:T1,T2]: flags as oras cp (--from-*/--to-* remote
// flags, --from-oci-layout, --to-oci-layout, --platform, --concurrency, -r/--recursive).
#include "command.hpp"
#include "display/copy_view.hpp"
#include "display/json_output.hpp"
#include "display/progress_view.hpp"
#include "options/interrupt.hpp"
#include "options/target_flags.hpp"

#include "oras/ops/copy.hpp"
#include "oras/ops/target.hpp"
#include "oras/platform.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <system_error>

namespace coras {

namespace {

struct CopyFlags
{
    TargetFlags from;
    TargetFlags to;
    std::vector<std::string> resolve; // --resolve: both sides
    std::string platform;
    bool recursive = false;
    std::string distribution_spec;
    int concurrency = 3;
    bool no_tty = false;
    OutputFormat format = OutputFormat::text;
};

bool same_credentials(const CredentialFlags& a, const CredentialFlags& b)
{
    return a.username == b.username && a.password == b.password &&
           a.identity_token == b.identity_token && a.password_stdin == b.password_stdin &&
           a.identity_token_stdin == b.identity_token_stdin &&
           a.registry_configs == b.registry_configs;
}

// The source repository when blobs may be mounted from it: both sides are repositories of one
// registry reached with the same credentials (oras cp's rule); else empty.
std::string mount_source(const CopyFlags& flags,
                         const oras::ops::OpenedTarget& from,
                         const oras::ops::OpenedTarget& to)
{
    if (flags.from.oci_layout || flags.to.oci_layout || from.registry != to.registry ||
        from.repository == to.repository ||
        !same_credentials(flags.from.remote.credentials, flags.to.remote.credentials)) {
        return {};
    }
    return from.repository;
}

// The destination's tags: those given, else the source's tag (none for a digest).
oras::Result<std::vector<std::string>> destination_tags(const oras::ops::OpenedTarget& from,
                                                        const oras::ops::OpenedTarget& to,
                                                        const CopyFlags& flags)
{
    if (from.tags.size() > 1) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "copy from " + flags.from.reference +
                              ": name one tag or a digest of the source, not a list");
    }
    if (to.reference.find(':') != std::string::npos) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "copy to " + flags.to.reference +
                              ": name tags for the destination, not a digest");
    }
    if (!to.tags.empty()) {
        return to.tags;
    }
    return from.tags;
}

oras::Result<void> run_copy(CopyFlags flags)
{
    share_transport_flags(flags.from.remote, flags.to.remote);
    for (auto* side : {&flags.from.remote, &flags.to.remote}) {
        side->resolve.insert(side->resolve.begin(), flags.resolve.begin(), flags.resolve.end());
    }
    oras::ops::CopyOptions options;
    if (!flags.platform.empty()) {
        options.platform = ORAS_TRY(oras::parse_platform(flags.platform));
    }
    const auto from_spec = ORAS_TRY(to_target_spec(flags.from, oras::LayoutMode::read_only));
    const auto to_spec = ORAS_TRY(to_target_spec(flags.to, oras::LayoutMode::create));
    auto from = ORAS_TRY(oras::ops::open_target(from_spec));
    auto to = ORAS_TRY(oras::ops::open_target(to_spec));
    NewLayoutGuard new_layout(to); // a layout directory this copy created is not left half filled
    options.tags = ORAS_TRY(destination_tags(from, to, flags));
    options.concurrency = flags.concurrency;
    if (flags.recursive) {
        options.referrers = oras::ops::Referrers::include;
    }
    if (!flags.distribution_spec.empty()) {
        options.referrers_method =
            ORAS_TRY(oras::ops::parse_referrers_method(flags.distribution_spec));
    }
    options.mount_from = mount_source(flags, from, to);
    options.progress = make_progress_display(Direction::copy, flags.no_tty, interrupted);
    const auto result =
        ORAS_TRY(oras::ops::copy(*from.target, from.reference, *to.target, options));
    new_layout.keep();
    if (flags.format == OutputFormat::json) {
        return print_json_result(copy_json(result, to.name));
    }
    fmt::print("{}",
               copy_text(result,
                         CopyEnd{from_spec.kind, flags.from.reference},
                         CopyEnd{to_spec.kind, flags.to.reference}));
    return {};
}

} // namespace

void add_copy_command(CLI::App& app, Runner& runner)
{
    auto flags = std::make_shared<CopyFlags>();
    auto* command = app.add_subcommand(
        "copy", "Copy an artifact and everything it references between registries or OCI layouts");
    command->alias("cp");
    command->footer(
        "Examples:\n"
        "  coras copy localhost:5000/filters/header:v1 registry.example.com/filters/header:v1\n"
        "  coras cp --to-oci-layout localhost:5000/filters/header:v1 ./layout:v1\n"
        "  coras cp -r localhost:5000/filters/header:v1 registry.example.com/filters/header:v1\n"
        "  coras cp --from-oci-layout filters.tar:v1 localhost:5000/filters/header:v1,latest");
    command
        ->add_option("SRC",
                     flags->from.reference,
                     "Source: registry/repository:tag or @digest (a layout DIR[:TAG] or x.tar with "
                     "--from-oci-layout)")
        ->required();
    command
        ->add_option("DST",
                     flags->to.reference,
                     "Destination: registry/repository[:tag1,tag2] (a layout DIR[:TAGS] with "
                     "--to-oci-layout); without tags, the source's tag")
        ->required();
    command->add_flag(
        "--from-oci-layout", flags->from.oci_layout, "SRC is an OCI layout directory or tar");
    command->add_flag(
        "--to-oci-layout", flags->to.oci_layout, "DST is an OCI layout directory (created)");
    add_endpoint_flags(*command, flags->from.remote, FlagPrefix{"from-", "Source: "});
    add_endpoint_flags(*command, flags->to.remote, FlagPrefix{"to-", "Destination: "});
    command->get_option("--from-password-stdin")
        ->excludes("--to-password-stdin")
        ->excludes("--to-identity-token-stdin");
    command->get_option("--from-identity-token-stdin")
        ->excludes("--to-password-stdin")
        ->excludes("--to-identity-token-stdin");
    command->add_option("--resolve",
                        flags->resolve,
                        "Connect to host:port at address[:address_port] for both registries "
                        "(repeatable)");
    add_transport_flags(*command, flags->from.remote);
    command->add_option("--platform",
                        flags->platform,
                        "Copy only the manifest of this platform of an index: "
                        "os[/arch][/variant][:os_version]");
    command->add_flag("-r,--recursive",
                      flags->recursive,
                      "Also copy the referrers (signatures, SBOMs) of the artifact, of an index's "
                      "manifests, and theirs");
    add_distribution_spec_flag(*command, flags->distribution_spec);
    command->add_option("--concurrency", flags->concurrency, "Blobs copied at once (default 3)")
        ->check(CLI::Range(1, 64));
    command->add_flag(
        "--no-tty", flags->no_tty, "Print one plain line per finished blob, even on a terminal");
    add_format_flag(*command, flags->format);
    command->callback([flags, &runner] { runner = [flags] { return run_copy(*flags); }; });
}

} // namespace coras
