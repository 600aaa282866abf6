#include "oras/ops/repo.hpp"

#include "oras/digest.hpp"
#include "oras/reference.hpp"

#include <algorithm>

namespace oras::ops {

namespace {

// `names` in lexical order, only those after `last`: distribution 2.8 sends its tags in no
// order and ignores `last=` (registry-facts.md §2d), which the spec wants honoured.
std::vector<std::string> sorted_after(std::vector<std::string> names, const std::string& last)
{
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    if (!last.empty()) {
        std::erase_if(names, [&last](const std::string& name) { return name <= last; });
    }
    return names;
}

} // namespace

bool is_digest_tag(std::string_view tag)
{
    const auto dash = tag.find('-');
    if (dash == std::string_view::npos) {
        return false;
    }
    std::string text(tag);
    text[dash] = ':';
    return Digest::parse(text).has_value();
}

Result<TagListing>
list_tags(Target& target, std::string_view reference, const ListTagsOptions& options)
{
    auto* lister = dynamic_cast<TagLister*>(&target);
    if (lister == nullptr) {
        return fail(ErrorCode::unsupported, target.describe() + " cannot list tags");
    }
    TagListing listing;
    if (!reference.empty()) {
        listing.digest = Digest::parse(reference)
                             ? std::string(reference)
                             : ORAS_TRY(target.resolve(reference)).digest.str();
    }
    const std::vector<std::string> tags =
        sorted_after(ORAS_TRY(lister->tags(options.list)), options.list.last);
    for (const std::string& tag : tags) {
        if (options.digest_tags == DigestTags::exclude && is_digest_tag(tag)) {
            continue;
        }
        if (!listing.digest.empty() && tag != reference) {
            const Descriptor desc = ORAS_TRY(target.resolve(tag));
            if (desc.digest.str() != listing.digest) {
                continue;
            }
        }
        listing.tags.push_back(tag);
    }
    return listing;
}

Result<RepositoryListing>
list_repositories(std::string_view path, const RemoteOptions& remote, const ListOptions& list)
{
    RepositoryListing listing;
    const auto slash = path.find('/');
    listing.registry = std::string(path.substr(0, slash));
    if (slash != std::string_view::npos) {
        const std::string name(path.substr(slash + 1));
        const auto parsed = Reference::parse(listing.registry + "/" + name);
        if (!parsed || parsed->repository != name) {
            return fail(ErrorCode::invalid_argument,
                        "invalid registry path \"" + std::string(path) +
                            "\": expected registry[/namespace]");
        }
        listing.namespace_prefix = name + "/";
    }
    const std::vector<std::string> all =
        sorted_after(ORAS_TRY(oras::list_repositories(listing.registry, remote, list)), list.last);
    for (const std::string& repository : all) {
        if (repository.starts_with(listing.namespace_prefix)) {
            listing.repositories.push_back(repository.substr(listing.namespace_prefix.size()));
        }
    }
    return listing;
}

} // namespace oras::ops
