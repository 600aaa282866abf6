// coras repo tags|show-tags REF [--last TAG] [--exclude-digest-tags] [--format text|json]: the
// tags of a repository or OCI layout; with REF:tag or REF@digest only those on that manifest.
#include "command.hpp"
#include "display/json_output.hpp"
#include "display/manage_view.hpp"
#include "options/paging.hpp"
#include "options/target_flags.hpp"

#include "oras/ops/repo.hpp"
#include "oras/ops/target.hpp"

#include <fmt/format.h>

#include <memory>

namespace coras {

namespace {

struct RepoTagsFlags
{
    TargetFlags target;
    std::string last;
    bool exclude_digest_tags = false;
    OutputFormat format = OutputFormat::text;
};

oras::Result<void> run_repo_tags(const RepoTagsFlags& flags)
{
    const auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::read_only));
    auto opened = ORAS_TRY(oras::ops::open_target(spec));
    oras::ops::ListTagsOptions options;
    options.list.last = flags.last;
    options.list.page_size = ORAS_TRY(page_size_from_environment());
    options.digest_tags =
        flags.exclude_digest_tags ? oras::ops::DigestTags::exclude : oras::ops::DigestTags::include;
    if (!opened.reference.empty()) {
        fmt::print(stderr,
                   "Listing the tags that point at {}: each tag is resolved, which may take a "
                   "while\n",
                   opened.reference);
    }
    const auto listing = ORAS_TRY(oras::ops::list_tags(*opened.target, opened.reference, options));
    if (flags.format == OutputFormat::json) {
        return print_json_result(tags_json(listing.tags));
    }
    fmt::print("{}", lines_text(listing.tags));
    return {};
}

} // namespace

void add_repo_tags_command(CLI::App& group, Runner& runner)
{
    auto flags = std::make_shared<RepoTagsFlags>();
    auto* command = group.add_subcommand("tags", "List the tags of a repository");
    command->footer(
        "Examples:\n  coras repo tags localhost:5000/filters/header\n"
        "  coras repo tags --exclude-digest-tags localhost:5000/filters/header@sha256:...");
    command->alias("show-tags");
    add_target_flags(*command,
                     flags->target,
                     "registry/repository, or with :tag or @digest the tags of that manifest");
    command->add_option("--last", flags->last, "Start after the tag LAST");
    command->add_flag("--exclude-digest-tags",
                      flags->exclude_digest_tags,
                      "Hide tags shaped like a digest (sha256-<hex>, the referrers tag schema)");
    add_format_flag(*command, flags->format);
    command->callback([flags, &runner] { runner = [flags] { return run_repo_tags(*flags); }; });
}

} // namespace coras
