#include "oras/ops/manage.hpp"

#include "ops/parallel.hpp"
#include "ops/referrer_index.hpp"
#include "oras/deleter.hpp"
#include "oras/io.hpp"
#include "oras/manifest.hpp"
#include "oras/media_types.hpp"
#include "oras/reference.hpp"

#include <mutex>
#include <optional>

namespace oras::ops {

Result<Descriptor> tag(Target& target,
                       std::string_view reference,
                       const std::vector<std::string>& tags,
                       const TagOptions& options)
{
    for (const std::string& name : tags) {
        if (!is_valid_tag(name)) {
            return fail(ErrorCode::invalid_argument, "invalid tag \"" + name + "\"");
        }
    }
    const FetchedManifest manifest =
        ORAS_TRY(target.fetch_reference(reference, k_max_manifest_bytes));
    std::mutex report;
    const int workers = target.concurrent_transfers() ? options.concurrency : 1;
    ORAS_TRY(for_each_parallel(tags.size(), workers, [&](std::size_t i) -> Result<void> {
        MemorySource content(manifest.bytes);
        auto pushed = target.push_tagged(manifest.descriptor, content, tags[i]);
        if (!pushed) {
            return pushed.error().with_context("tag " + tags[i] + " in " + target.describe());
        }
        if (options.tagged) {
            const std::lock_guard lock(report);
            options.tagged(tags[i]);
        }
        return {};
    }));
    return manifest.descriptor;
}

Result<Descriptor>
resolve(Target& target, std::string_view reference, const std::optional<Platform>& platform)
{
    if (!platform) {
        return target.resolve(reference);
    }
    const FetchedManifest fetched =
        ORAS_TRY(target.fetch_reference(reference, k_max_manifest_bytes));
    if (!media_type::is_index(fetched.descriptor.media_type)) {
        return fail(ErrorCode::invalid_argument,
                    std::string(reference) + " in " + target.describe() + " is a " +
                        fetched.descriptor.media_type + ", not an index: --platform " +
                        platform_string(*platform) + " cannot select from it");
    }
    const Index index = ORAS_TRY(parse_index(fetched.bytes, fetched.descriptor.media_type));
    auto chosen = select_platform(index, *platform);
    if (!chosen) {
        return chosen.error().with_context("resolve " + std::string(reference) + " in " +
                                           target.describe());
    }
    return chosen;
}

namespace {

Result<Descriptor> find_for_delete(Target& target, std::string_view reference, DeleteKind kind)
{
    if (reference.empty()) {
        return fail(ErrorCode::invalid_argument, "no tag or digest to delete");
    }
    if (kind == DeleteKind::manifest) {
        return target.resolve(reference);
    }
    auto digest = Digest::parse(reference);
    if (!digest) {
        return fail(ErrorCode::invalid_argument,
                    "a blob is deleted by digest: \"" + std::string(reference) + "\" is no digest");
    }
    auto* resolver = dynamic_cast<BlobResolver*>(&target);
    if (resolver == nullptr) {
        return fail(ErrorCode::unsupported, target.describe() + " cannot look up blobs");
    }
    return resolver->resolve_blob(*digest);
}

// The subject of the manifest `desc` names in `target`, read before it is deleted; nullopt for
// a manifest without one, of another media type, or that cannot be parsed (which must still be
// deletable). Fails as the fetch fails.
Result<std::optional<Descriptor>> subject_of(Target& target, const Descriptor& desc)
{
    const bool manifest = media_type::is_manifest(desc.media_type);
    if (!manifest && !media_type::is_index(desc.media_type)) {
        return std::optional<Descriptor>();
    }
    auto bytes = fetch_bytes(target, desc, k_max_manifest_bytes);
    if (!bytes) {
        return bytes.error().with_context("read manifest " + desc.digest.str() +
                                          " for its subject before deleting it");
    }
    if (manifest) {
        auto parsed = parse_manifest(*bytes, desc.media_type);
        return parsed ? parsed->subject : std::nullopt;
    }
    auto parsed = parse_index(*bytes, desc.media_type);
    return parsed ? parsed->subject : std::nullopt;
}

} // namespace

Result<DeleteResult>
delete_content(Target& target, std::string_view reference, const DeleteOptions& options)
{
    auto* deleter = dynamic_cast<Deleter*>(&target);
    if (deleter == nullptr) {
        return fail(ErrorCode::unsupported, target.describe() + " cannot delete content");
    }
    const char* what = options.kind == DeleteKind::manifest ? "manifest " : "blob ";
    auto found = find_for_delete(target, reference, options.kind);
    if (!found) {
        if (found.error().code == ErrorCode::not_found) {
            Error error = found.error();
            error.message = "delete " + std::string(what) + std::string(reference) + " from " +
                            target.describe() + ": it does not exist (" + error.message + ")";
            return error;
        }
        return found.error();
    }
    DeleteResult result;
    result.descriptor = std::move(found).value();
    if (options.confirm && !ORAS_TRY(options.confirm(result.descriptor))) {
        result.outcome = DeleteOutcome::declined;
        return result;
    }
    if (options.kind == DeleteKind::blob) {
        // Deleted as a blob whatever bytes it holds.
        result.descriptor.media_type = "application/octet-stream";
    }
    std::optional<Descriptor> subject;
    if (options.kind == DeleteKind::manifest) {
        subject = ORAS_TRY(subject_of(target, result.descriptor));
    }
    ORAS_TRY(deleter->remove(result.descriptor));
    if (subject) {
        // A referrer: the subject's tag schema index must stop listing it.
        auto removed = remove_from_tag_index(target, *subject, result.descriptor.digest);
        if (!removed) {
            return removed.error().with_context(
                "deleted manifest " + result.descriptor.digest.str() +
                ", but not from the referrers index of its subject " + subject->digest.str());
        }
    }
    return result;
}

} // namespace oras::ops
