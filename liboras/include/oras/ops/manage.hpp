// `tag`, `resolve`, `manifest delete` and `blob delete`: naming, finding and removing what a
// registry repository or an OCI layout holds.
#pragma once

#include "oras/content.hpp"
#include "oras/descriptor.hpp"
#include "oras/platform.hpp"
#include "oras/result.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras::ops {

struct TagOptions
{
    // Tags pushed at once (--concurrency) when the target allows it.
    int concurrency = 5;
    // Called once per tag done, one call at a time, in no particular order. May be empty.
    std::function<void(const std::string& tag)> tagged;
};

// Reads the manifest `reference` (a tag or digest) of `target` once and points each of `tags`
// at it. Fails with invalid_argument for an invalid tag (before anything is sent), not_found
// for an unknown reference, or as the store fails for the first tag that failed.
Result<Descriptor> tag(Target& target,
                       std::string_view reference,
                       const std::vector<std::string>& tags,
                       const TagOptions& options = {});

// Resolves `reference` (a tag or digest) of `target` to its manifest descriptor; with a
// `platform`, an index is read and the entry for that platform chosen (not_found when none
// matches; invalid_argument when `reference` is no index).
Result<Descriptor> resolve(Target& target,
                           std::string_view reference,
                           const std::optional<Platform>& platform = std::nullopt);

enum class DeleteKind
{
    manifest,
    blob
};

enum class DeleteOutcome
{
    deleted,
    declined // the confirmation said no; nothing was deleted
};

struct DeleteOptions
{
    DeleteKind kind = DeleteKind::manifest;
    // Asked with the descriptor about to be deleted, after it was found and before anything is
    // deleted; false stops there. Empty: no confirmation.
    std::function<Result<bool>(const Descriptor&)> confirm;
};

struct DeleteResult
{
    Descriptor descriptor;
    DeleteOutcome outcome = DeleteOutcome::deleted;
};

// Finds `reference` in `target` (a manifest: a tag or digest; a blob: a digest, which must be
// stored) and deletes it (a manifest with every tag pointing at it; a manifest with a subject
// also leaves the subject's tag schema referrers index, where the store has no referrers
// API). Fails with not_found
// naming the reference when it is absent, unsupported when the store cannot delete or
// refuses to, invalid_argument for a blob named by a tag, or as the store fails.
Result<DeleteResult>
delete_content(Target& target, std::string_view reference, const DeleteOptions& options);

} // namespace oras::ops
