// `repo tags` and `repo ls`: the tags of a repository and the repositories of a registry.
#pragma once

#include "oras/content.hpp"
#include "oras/listing.hpp"
#include "oras/remote.hpp"
#include "oras/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace oras::ops {

// Whether tags shaped like a digest ("sha256-<hex>", the referrers tag schema) are listed.
enum class DigestTags
{
    include,
    exclude
};

struct ListTagsOptions
{
    ListOptions list;
    DigestTags digest_tags = DigestTags::include;
};

struct TagListing
{
    std::vector<std::string> tags;
    // The digest the tags were filtered on (when a tag or digest was given), else empty.
    std::string digest;
};

// True for a tag that reads as a digest once its first '-' becomes ':' ("sha256-<64 hex>").
bool is_digest_tag(std::string_view tag);

// The tags of `target` (which must list tags: a registry repository or an OCI layout, else
// unsupported), paged as `options.list` says, in lexical order and only those after
// `options.list.last` whatever order and filter the registry applied. With a `reference` (a tag or
// digest), only the tags that resolve to the digest it names, each resolved in turn (as oras does).
// Fails as TagLister::tags() and Resolver::resolve() do.
Result<TagListing>
list_tags(Target& target, std::string_view reference, const ListTagsOptions& options);

struct RepositoryListing
{
    std::string registry;                  // "localhost:5000"
    std::string namespace_prefix;          // "team/" for "localhost:5000/team"; may be empty
    std::vector<std::string> repositories; // under the namespace, without its prefix
};

// Lists the repositories of `path` ("registry[/namespace]"): the registry's catalog in lexical
// order, after `list.last`, keeping those under the namespace, the prefix cut off (as oras repo
// ls does). Fails with
// invalid_argument for a malformed path, else as oras::list_repositories() does.
Result<RepositoryListing>
list_repositories(std::string_view path, const RemoteOptions& remote, const ListOptions& list);

} // namespace oras::ops
