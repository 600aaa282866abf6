// coras tag REF TAG... [--concurrency N]: points more tags at an existing manifest (as oras
// tag; `coras tag list` points at `coras repo tags`).
#include "command.hpp"
#include "options/target_flags.hpp"

#include "oras/ops/manage.hpp"
#include "oras/ops/target.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <vector>

namespace coras {

namespace {

struct TagFlags
{
    TargetFlags target;
    std::vector<std::string> tags;
    int concurrency = 5;
};

oras::Result<void> run_tag(const TagFlags& flags)
{
    if (flags.tags.empty()) {
        if (flags.target.reference == "list") {
            return oras::Error(oras::ErrorCode::invalid_argument,
                               "there is no \"list\" subcommand of coras tag",
                               "to list the tags of a repository, use \"coras repo tags\"");
        }
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "no tag given to point at " + flags.target.reference);
    }
    auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::read_write));
    spec.remote.access = oras::RepositoryAccess::push;
    auto opened = ORAS_TRY(oras::ops::open_target(spec));
    if (opened.reference.empty()) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "\"" + flags.target.reference + "\" names no tag or digest to tag");
    }
    oras::ops::TagOptions options;
    options.concurrency = flags.concurrency;
    options.tagged = [](const std::string& tag) {
        fmt::print("Tagged {}\n", tag);
        std::fflush(stdout);
    };
    ORAS_TRY(oras::ops::tag(*opened.target, opened.reference, flags.tags, options));
    return {};
}

} // namespace

void add_tag_command(CLI::App& app, Runner& runner)
{
    auto flags = std::make_shared<TagFlags>();
    auto* command = app.add_subcommand("tag", "Tag a manifest of a registry or OCI layout");
    command->footer("Examples:\n  coras tag localhost:5000/filters/header:v1 v1.0 stable\n"
                    "  coras tag --oci-layout ./layout:v1 latest");
    add_target_flags(
        *command, flags->target, "The manifest: registry/repository:tag or ...@digest");
    command->add_option("TAG", flags->tags, "The tags to add (one or more)");
    command->add_option("--concurrency", flags->concurrency, "Tags pushed at once (default 5)")
        ->check(CLI::Range(1, 64));
    command->callback([flags, &runner] { runner = [flags] { return run_tag(*flags); }; });
}

} // namespace coras
