#include "oras/ops/referrers.hpp"

#include "ops/referrer_index.hpp"
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
