#include "ops/referrer_index.hpp"

#include "oras/io.hpp"
#include "oras/media_types.hpp"

#include <algorithm>
#include <utility>

namespace oras::ops {

Result<std::optional<Index>> read_tag_index(Target& target, const Digest& subject)
{
    const std::string tag = referrers_tag(subject);
    auto fetched = target.fetch_reference(tag, k_max_manifest_bytes);
    if (!fetched) {
        if (fetched.error().code == ErrorCode::not_found) {
            return std::optional<Index>{};
        }
        return fetched.error().with_context("read the referrers index " + tag);
    }
    // A registry may resolve "sha256-<hex>" as something else (oras#2148): only an index counts.
    if (!media_type::is_index(fetched->descriptor.media_type)) {
        return fail(ErrorCode::invalid_format,
                    "read the referrers index " + tag + " of " + target.describe() + ": it is a " +
                        fetched->descriptor.media_type + ", not an OCI index");
    }
    auto index = parse_index(fetched->bytes, fetched->descriptor.media_type);
    if (!index) {
        return index.error().with_context("read the referrers index " + tag);
    }
    return std::optional<Index>(std::move(*index));
}

Result<std::vector<Descriptor>> list_referrers(Target& target,
                                               const Descriptor& subject,
                                               std::string_view artifact_type,
                                               ReferrersMethod method,
                                               bool& used_api)
{
    used_api = false;
    if (method != ReferrersMethod::tag_schema) {
        if (auto* lister = dynamic_cast<ReferrerLister*>(&target)) {
            auto listed = ORAS_TRY(lister->referrers_api(subject, artifact_type));
            if (listed) {
                used_api = true;
                return std::move(*listed);
            }
        }
        if (method == ReferrersMethod::api) {
            return fail(ErrorCode::unsupported,
                        "list referrers of " + subject.digest.str() + ": " + target.describe() +
                            " has no referrers API",
                        "use --distribution-spec v1.1-referrers-tag");
        }
    }
    const auto index = ORAS_TRY(read_tag_index(target, subject.digest));
    std::vector<Descriptor> referrers;
    if (index) {
        for (const auto& desc : index->manifests) {
            if (artifact_type.empty() || desc.artifact_type == artifact_type) {
                referrers.push_back(desc);
            }
        }
    }
    return referrers;
}

namespace {

// Pushes `index` under the tag schema tag of `subject`.
Result<void> push_tag_index(Target& target, const Digest& subject, const Index& index)
{
    const std::string bytes = serialize_index(index);
    const Descriptor desc = descriptor_of(media_type::oci_index, bytes);
    MemorySource source(bytes);
    const std::string tag = referrers_tag(subject);
    auto pushed = target.push_tagged(desc, source, tag);
    if (!pushed) {
        return pushed.error().with_context("update the referrers index " + tag);
    }
    return {};
}

} // namespace

Result<void> add_to_tag_index(Target& target, const Digest& subject, const Descriptor& referrer)
{
    auto index = ORAS_TRY(read_tag_index(target, subject));
    if (!index) {
        index.emplace();
        index->media_type = std::string(media_type::oci_index);
    }
    const bool present =
        std::any_of(index->manifests.begin(), index->manifests.end(), [&](const Descriptor& d) {
            return d.digest == referrer.digest;
        });
    if (present) {
        return {};
    }
    index->manifests.push_back(referrer);
    return push_tag_index(target, subject, *index);
}

Result<void>
remove_from_tag_index(Target& target, const Descriptor& subject, const Digest& referrer)
{
    if (auto* lister = dynamic_cast<ReferrerLister*>(&target)) {
        if (ORAS_TRY(lister->referrers_api(subject, ""))) {
            return {};
        }
    }
    auto index = ORAS_TRY(read_tag_index(target, subject.digest));
    if (!index) {
        return {};
    }
    const auto listed =
        std::erase_if(index->manifests, [&](const Descriptor& d) { return d.digest == referrer; });
    if (listed == 0) {
        return {};
    }
    return push_tag_index(target, subject.digest, *index);
}

} // namespace oras::ops
