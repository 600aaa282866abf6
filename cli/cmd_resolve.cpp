// coras resolve REF [-l] [--platform os/arch[/variant]]: prints the digest a reference names (as
// oras resolve).
#include "command.hpp"
#include "options/target_flags.hpp"

#include "oras/ops/manage.hpp"
#include "oras/ops/target.hpp"
#include "oras/platform.hpp"

#include <fmt/format.h>

#include <memory>
#include <optional>

namespace coras {

namespace {

struct ResolveFlags
{
    TargetFlags target;
    bool full_reference = false;
    std::string platform;
};

oras::Result<void> run_resolve(const ResolveFlags& flags)
{
    std::optional<oras::Platform> platform;
    if (!flags.platform.empty()) {
        platform = ORAS_TRY(oras::parse_platform(flags.platform));
    }
    const auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::read_only));
    auto opened = ORAS_TRY(oras::ops::open_target(spec));
    if (opened.reference.empty()) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "\"" + flags.target.reference + "\" names no tag or digest to resolve");
    }
    const auto desc = ORAS_TRY(oras::ops::resolve(*opened.target, opened.reference, platform));
    if (flags.full_reference) {
        fmt::print("{}@{}\n", opened.name, desc.digest.str());
    } else {
        fmt::print("{}\n", desc.digest.str());
    }
    return {};
}

} // namespace

void add_resolve_command(CLI::App& app, Runner& runner)
{
    auto flags = std::make_shared<ResolveFlags>();
    auto* command = app.add_subcommand("resolve", "Print the digest a tag or digest resolves to");
    command->footer("Examples:\n  coras resolve localhost:5000/filters/header:v1\n"
                    "  coras resolve -l localhost:5000/filters/header:v1\n"
                    "  coras resolve --platform linux/amd64 localhost:5000/base:multi");
    add_target_flags(
        *command, flags->target, "registry/repository:tag or registry/repository@digest");
    command->add_flag("-l,--full-reference",
                      flags->full_reference,
                      "Print the full reference, registry/repository@digest");
    command->add_option("--platform",
                        flags->platform,
                        "Pick the manifest for this platform from an index: "
                        "os/arch[/variant][:os_version]");
    command->callback([flags, &runner] { runner = [flags] { return run_resolve(*flags); }; });
}

} // namespace coras
