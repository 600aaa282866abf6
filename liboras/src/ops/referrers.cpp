#include "oras/ops/referrers.hpp"

#include "oras/content.hpp"
#include "oras/io.hpp"
#include "oras/manifest.hpp"
#include "oras/media_types.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

namespace oras::ops {

namespace {

// The referrers index of `subject` under the tag schema; nullopt when the tag is absent.
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

// The referrers of `subject` by `method`; `used_api` tells which way they were found.
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

// Adds `referrer` to the tag schema index of `subject` and pushes the index under its tag.
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
    const std::string bytes = serialize_index(*index);
    const Descriptor desc = descriptor_of(media_type::oci_index, bytes);
    MemorySource source(bytes);
    const std::string tag = referrers_tag(subject);
    auto pushed = target.push_tagged(desc, source, tag);
    if (!pushed) {
        return pushed.error().with_context("update the referrers index " + tag);
    }
    return {};
}

// Walks the referrers of `desc` into `nodes`, `depth` levels more (negative: no limit).
Result<void> walk(Target& target,
                  const Descriptor& desc,
                  const DiscoverOptions& options,
                  int depth,
                  std::set<Digest>& seen,
                  std::vector<ReferrerNode>& nodes)
{
    bool used_api = false;
    const auto referrers =
        ORAS_TRY(list_referrers(target, desc, options.artifact_type, options.method, used_api));
    for (const auto& referrer : referrers) {
        ReferrerNode node{referrer, {}};
        if (seen.insert(referrer.digest).second && depth != 1) {
            ORAS_TRY(walk(target, referrer, options, depth - 1, seen, node.referrers));
        }
        nodes.push_back(std::move(node));
    }
    return {};
}

Descriptor bare(const Descriptor& desc)
{
    Descriptor subject;
    subject.media_type = desc.media_type;
    subject.digest = desc.digest;
    subject.size = desc.size;
    return subject;
}

// The manifest `opened.reference` names; it must name one (a tag or a digest).
Result<Descriptor> resolve_subject(const OpenedTarget& opened)
{
    if (opened.reference.empty()) {
        return fail(ErrorCode::invalid_argument,
                    opened.name + ": give the subject's tag or digest (REF:TAG or REF@DIGEST)");
    }
    auto subject = opened.target->resolve(opened.reference);
    if (!subject) {
        return subject.error().with_context("resolve the subject " + opened.reference);
    }
    return subject;
}

} // namespace

Result<ReferrersMethod> parse_referrers_method(std::string_view text)
{
    if (text == "v1.1-referrers-api") {
        return ReferrersMethod::api;
    }
    if (text == "v1.1-referrers-tag") {
        return ReferrersMethod::tag_schema;
    }
    return fail(ErrorCode::invalid_argument,
                "--distribution-spec: expected v1.1-referrers-api or v1.1-referrers-tag, not '" +
                    std::string(text) + "'");
}

std::string referrers_tag(const Digest& subject)
{
    return subject.algorithm() + "-" + subject.hex();
}

Result<AttachResult> attach(const OpenedTarget& opened, const AttachOptions& options)
{
    if (options.push.artifact_type.empty()) {
        return fail(ErrorCode::invalid_argument, "attach needs --artifact-type");
    }
    if (options.push.files.empty() && options.push.annotations.empty() &&
        options.push.annotation_file.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "attach needs at least one file or one annotation");
    }
    Target& target = *opened.target;
    const auto subject = ORAS_TRY(resolve_subject(opened));
    AttachResult result;
    result.subject = subject;
    bool used_api = false;
    if (options.method != ReferrersMethod::tag_schema) {
        ORAS_TRY(list_referrers(target, subject, {}, options.method, used_api));
    }
    PushOptions push_options = options.push;
    push_options.subject = bare(subject);
    result.pushed = ORAS_TRY(push(target, {}, push_options));
    if (!used_api) {
        ORAS_TRY(add_to_tag_index(target, subject.digest, result.pushed.manifest));
        result.index_updated = true;
    }
    return result;
}

Result<DiscoverResult> discover(const OpenedTarget& opened, const DiscoverOptions& options)
{
    DiscoverResult result;
    result.subject = ORAS_TRY(resolve_subject(opened));
    std::set<Digest> seen{result.subject.digest};
    const int depth = options.depth > 0 ? options.depth : -1;
    ORAS_TRY(walk(*opened.target, result.subject, options, depth, seen, result.referrers));
    return result;
}

} // namespace oras::ops
