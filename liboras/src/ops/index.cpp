#include "oras/ops/index.hpp"

#include "ops/index_entries.hpp"
#include "ops/manifest_put.hpp"
#include "oras/media_types.hpp"
#include "oras/reference.hpp"

#include <algorithm>

namespace oras::ops {

namespace {

// What the manifest `source` of `target` is, read whole (4 MiB at most) and verified.
Result<FetchedManifest> fetch_source(Target& target, const std::string& source)
{
    const std::string reference = ORAS_TRY(index_source_reference(source));
    auto fetched = target.fetch_reference(reference, k_max_manifest_bytes);
    if (!fetched) {
        return fetched.error().with_context("manifest " + source + " in " + target.describe());
    }
    if (!media_type::is_manifest(fetched->descriptor.media_type)) {
        // Served as application/json or the like: the bytes say what they are.
        auto detected = detect_manifest_media_type(fetched->bytes);
        if (!detected) {
            return detected.error().with_context("manifest " + source);
        }
        fetched->descriptor.media_type = std::move(*detected);
    }
    return fetched;
}

// The platform the config of the image manifest `source` declares (oras reads it the same way:
// any config of at most 4 MiB, verified; no platform when it declares none).
Result<std::optional<Platform>>
config_platform(Target& target, const Descriptor& config, const std::string& source)
{
    if (config.media_type == media_type::oci_empty) {
        return std::optional<Platform>();
    }
    if (config.size > k_max_manifest_bytes) {
        return fail(ErrorCode::too_large,
                    "config " + config.digest.str() + " of " + source + ": " +
                        std::to_string(config.size) + " bytes, over the " +
                        std::to_string(k_max_manifest_bytes) +
                        "-byte limit read for its platform; nothing pushed");
    }
    auto bytes = fetch_bytes(target, config, k_max_manifest_bytes);
    if (!bytes) {
        return bytes.error().with_context("config of " + source);
    }
    return platform_of_config(*bytes);
}

// The index entry of the manifest `source`: its media type, digest, size and artifactType,
// and the platform its config declares.
Result<Descriptor> entry_of(Target& target, const std::string& source)
{
    const FetchedManifest fetched = ORAS_TRY(fetch_source(target, source));
    Descriptor entry;
    entry.media_type = fetched.descriptor.media_type;
    entry.digest = fetched.descriptor.digest;
    entry.size = fetched.descriptor.size;
    if (media_type::is_index(entry.media_type)) {
        auto index = parse_index(fetched.bytes, entry.media_type);
        if (!index) {
            return index.error().with_context(source);
        }
        entry.artifact_type = index->artifact_type;
        return entry;
    }
    auto manifest = parse_manifest(fetched.bytes, entry.media_type);
    if (!manifest) {
        return manifest.error().with_context(source);
    }
    entry.artifact_type = manifest->artifact_type;
    entry.platform = ORAS_TRY(config_platform(target, manifest->config, source));
    return entry;
}

Result<std::vector<Descriptor>> entries_of(Target& target, const std::vector<std::string>& sources)
{
    std::vector<Descriptor> entries;
    for (const auto& source : sources) {
        append_unique(entries, {ORAS_TRY(entry_of(target, source))});
    }
    return entries;
}

// The index `reference` names, read whole and parsed; invalid_format when it is no index.
Result<Index> fetch_index(Target& target, const std::string& reference, const char* role)
{
    auto fetched = target.fetch_reference(reference, k_max_manifest_bytes);
    if (!fetched) {
        return fetched.error().with_context(std::string(role) + " " + reference + " in " +
                                            target.describe());
    }
    const std::string& type = fetched->descriptor.media_type;
    if (!media_type::is_index(type)) {
        return fail(ErrorCode::invalid_format,
                    std::string(role) + " " + reference + " in " + target.describe() + " is a " +
                        type + ", not an index; nothing pushed",
                    "name an index (coras manifest index create makes one)");
    }
    auto index = parse_index(fetched->bytes, type);
    if (!index) {
        return index.error().with_context(std::string(role) + " " + reference);
    }
    if (index->media_type.empty()) {
        index->media_type = type;
    }
    return index;
}

// Appends to `tags` those of `more` it does not hold yet.
void append_unique_tags(std::vector<std::string>& tags, const std::vector<std::string>& more)
{
    for (const auto& tag : more) {
        if (std::find(tags.begin(), tags.end(), tag) == tags.end()) {
            tags.push_back(tag);
        }
    }
}

Result<void> check_tags(const std::vector<std::string>& tags)
{
    for (const auto& tag : tags) {
        if (!is_valid_tag(tag)) {
            return fail(ErrorCode::invalid_argument, "invalid tag \"" + tag + "\"");
        }
    }
    return {};
}

// Seals `index` and, unless only local, pushes it under `tags` (by digest when none).
Result<IndexResult>
deliver(Target& target, Index index, std::vector<std::string> tags, const IndexOptions& options)
{
    IndexResult result;
    auto [desc, bytes] = ORAS_TRY(seal_index(index));
    result.desc = std::move(desc);
    result.bytes = std::move(bytes);
    result.index = std::move(index);
    if (options.delivery == IndexDelivery::local_only) {
        return result;
    }
    auto pushed = put_manifest(target, result.desc, result.bytes, tags);
    if (!pushed) {
        return pushed.error().with_context("push index " + result.desc.digest.str() + " to " +
                                           target.describe());
    }
    result.pushed = true;
    result.tags = std::move(tags);
    return result;
}

} // namespace

Result<IndexResult> create_index(const OpenedTarget& opened, const IndexCreateOptions& options)
{
    if (opened.tags.empty() && !opened.reference.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "an index to create is named by tags, not by the digest " + opened.reference,
                    "give REGISTRY/REPOSITORY[:TAG[,TAG...]]");
    }
    ORAS_TRY(check_tags(options.index.extra_tags));
    Index index;
    index.media_type = std::string(media_type::oci_index);
    index.artifact_type = options.index.artifact_type;
    index.annotations = with_created(options.index.annotations, options.index.source_date_epoch);
    index.manifests = ORAS_TRY(entries_of(*opened.target, options.sources));
    std::vector<std::string> tags = opened.tags;
    append_unique_tags(tags, options.index.extra_tags);
    return deliver(*opened.target, std::move(index), std::move(tags), options.index);
}

Result<IndexResult> update_index(const OpenedTarget& opened, const IndexUpdateOptions& options)
{
    if (opened.reference.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "no index to update: " + opened.name + " names no tag or digest",
                    "give REGISTRY/REPOSITORY:TAG or REGISTRY/REPOSITORY@DIGEST");
    }
    ORAS_TRY(check_tags(options.index.extra_tags));
    std::vector<Digest> removed;
    for (const auto& text : options.remove) {
        removed.push_back(ORAS_TRY(removal_digest(text)));
    }
    Target& target = *opened.target;
    Index index = ORAS_TRY(fetch_index(target, opened.reference, "index"));
    index.manifests = ORAS_TRY(remove_entries(index.manifests, removed, opened.reference));
    append_unique(index.manifests, ORAS_TRY(entries_of(target, options.add)));
    for (const auto& source : options.merge) {
        const std::string reference = ORAS_TRY(index_source_reference(source));
        const Index merged = ORAS_TRY(fetch_index(target, reference, "merged index"));
        append_unique(index.manifests, merged.manifests);
    }
    if (!options.index.artifact_type.empty()) {
        index.artifact_type = options.index.artifact_type;
    }
    for (const auto& [key, value] : options.index.annotations) {
        index.annotations[key] = value;
    }
    index.annotations = with_created(std::move(index.annotations), options.index.source_date_epoch);
    std::vector<std::string> tags = opened.tags;
    append_unique_tags(tags, options.index.extra_tags);
    return deliver(target, std::move(index), std::move(tags), options.index);
}

} // namespace oras::ops
