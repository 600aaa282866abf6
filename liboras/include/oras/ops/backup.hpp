// `backup` and `restore` (oras 1.3): tags of a repository, with their manifest graphs and
// optionally their referrers, copied into an OCI image layout (a directory or a tar of one) and
// from one back into a repository.
#pragma once

#include "oras/content.hpp"
#include "oras/descriptor.hpp"
#include "oras/ops/copy.hpp"
#include "oras/ops/referrers.hpp"
#include "oras/progress.hpp"
#include "oras/result.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace oras::ops {

// What a backup writes: a layout directory, or a tar of one (the output's name ends in .tar).
enum class LayoutOutput
{
    directory,
    tar,
};

// The layout kind `path` names: tar when it ends in ".tar", else directory.
LayoutOutput layout_output_of(const std::filesystem::path& path);

// One tag moved by a backup or restore, and the manifest or index it points at.
struct TaggedRoot
{
    std::string tag;
    Descriptor root;
};

struct BackupOptions
{
    // Tags to back up, in order; none: every tag of the repository but the referrers tag
    // schema's sha256-<hex> tags.
    std::vector<std::string> tags;
    std::filesystem::path output;                                    // DIR or FILE.tar
    Referrers referrers = Referrers::exclude;                        // --include-referrers
    ReferrersMethod referrers_method = ReferrersMethod::auto_detect; // --distribution-spec
    int concurrency = 3;
    ProgressCallback progress; // as CopyOptions::progress
};

struct BackupResult
{
    std::vector<TaggedRoot> tags;
    std::vector<Descriptor> referrers; // copied with Referrers::include
    std::filesystem::path output;
    LayoutOutput kind = LayoutOutput::directory;
    std::size_t copied = 0;  // blobs and manifests written
    std::size_t existed = 0; // already in an existing layout directory
};

// Copies the tags of `source` (a registry repository; the tag list comes from its TagLister) into
// the OCI layout at `options.output`, each tag's graph with ops::copy, tagged in index.json as
// the tag. Nothing partial is left behind: a new directory is written as a temporary sibling
// renamed into place at the end, a tar is written from a private temporary layout to a temporary
// file renamed at the end (an existing directory is added to in place). Fails with not_found for
// a repository without tags or a missing tag, else as listing and copying fail.
Result<BackupResult> backup(Target& source, const BackupOptions& options);

// Whether a restore only says what it would push.
enum class DryRun
{
    no,
    yes,
};

struct RestoreOptions
{
    // Tags to restore, in order; none: every tag of the layout but sha256-<hex> tags.
    std::vector<std::string> tags;
    std::filesystem::path input;                                     // DIR or FILE.tar
    Referrers referrers = Referrers::include;                        // --exclude-referrers
    ReferrersMethod referrers_method = ReferrersMethod::auto_detect; // --distribution-spec
    DryRun dry_run = DryRun::no;
    int concurrency = 5;
    ProgressCallback progress; // as CopyOptions::progress
};

struct RestoreResult
{
    std::vector<TaggedRoot> tags;
    // The referrers copied; with DryRun::yes those the layout lists for the tags' manifests.
    std::vector<Descriptor> referrers;
    std::size_t copied = 0;  // blobs and manifests sent
    std::size_t existed = 0; // already at the destination, not sent
    DryRun dry_run = DryRun::no;
};

// Copies the tags of the OCI layout at `options.input` (a directory or a tar of one, read-only)
// into `destination` with ops::copy: every tag's graph and referrers are stored first, and the
// tags are set only once all are there, so a failure leaves no tag of this restore set. With
// DryRun::yes only resolves the tags and lists the referrers, sending nothing. Fails with
// not_found for a missing layout or tag, else as reading and copying fail.
Result<RestoreResult> restore(Target& destination, const RestoreOptions& options);

} // namespace oras::ops
