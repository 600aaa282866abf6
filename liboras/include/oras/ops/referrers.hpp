// `attach` and `discover`: artifacts that refer to a manifest through their `subject`
// (image-spec v1.1), found through the registry's referrers API or, where the registry lacks it
// (distribution 2.8 answers 404), through the referrers tag schema: an OCI index tagged
// `<alg>-<hex>` of the subject's digest (distribution-spec v1.1, "Referrers Tag Schema").
#pragma once

#include "oras/descriptor.hpp"
#include "oras/ops/push.hpp"
#include "oras/ops/target.hpp"
#include "oras/result.hpp"

#include <string>
#include <vector>

namespace oras::ops {

// --distribution-spec: how referrers are listed and kept.
enum class ReferrersMethod
{
    auto_detect, // the API where the registry has it, else the tag schema
    api,         // v1.1-referrers-api: the API only; a registry without it is an error
    tag_schema,  // v1.1-referrers-tag: the tag schema only
};

// Parses "v1.1-referrers-api" or "v1.1-referrers-tag"; fails with invalid_argument.
Result<ReferrersMethod> parse_referrers_method(std::string_view text);

// The tag of the referrers index of `subject` under the tag schema: "sha256-<hex>".
std::string referrers_tag(const Digest& subject);

struct AttachOptions
{
    PushOptions push; // files, --artifact-type (required), annotations, config, progress
    ReferrersMethod method = ReferrersMethod::auto_detect;
};

struct AttachResult
{
    Descriptor subject;
    PushResult pushed;
    // True when the referrers index tag was written (tag schema), false when the registry's
    // API lists the new referrer by itself.
    bool index_updated = false;
};

// Resolves `opened.reference` (the subject), pushes a manifest whose `subject` is it, untagged,
// and, under the tag schema, adds it to the subject's referrers index (read, add, push under the
// tag; the old index is left for the registry's garbage collection, as oras does). Fails with
// invalid_argument without an artifact type or without a file and an annotation.
Result<AttachResult> attach(const OpenedTarget& opened, const AttachOptions& options);

struct DiscoverOptions
{
    std::string artifact_type; // only referrers of this type; empty: all
    int depth = 0;             // levels of referrers of referrers; 0: no limit
    ReferrersMethod method = ReferrersMethod::auto_detect;
};

// One referrer and, recursively, its own referrers.
struct ReferrerNode
{
    Descriptor desc;
    std::vector<ReferrerNode> referrers;
};

struct DiscoverResult
{
    Descriptor subject;
    std::vector<ReferrerNode> referrers;
};

// Lists the referrers of `opened.reference`, and theirs, to `options.depth` levels. A manifest
// met twice (a cycle, or a referrer of two subjects) is listed once, with no children the second
// time. Fails as resolve, or on an unreadable referrers index.
Result<DiscoverResult> discover(const OpenedTarget& opened, const DiscoverOptions& options);

} // namespace oras::ops
