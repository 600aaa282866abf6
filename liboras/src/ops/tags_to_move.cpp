#include "ops/tags_to_move.hpp"

#include "oras/ops/repo.hpp"

#include <utility>

namespace oras::ops {

Result<std::vector<std::string>> tags_to_move(Target& target, const std::vector<std::string>& given)
{
    if (!given.empty()) {
        return given;
    }
    ListTagsOptions options;
    options.digest_tags = DigestTags::exclude;
    auto listing = ORAS_TRY(list_tags(target, {}, options));
    if (listing.tags.empty()) {
        return fail(ErrorCode::not_found, target.describe() + " has no tags");
    }
    return std::move(listing.tags);
}

} // namespace oras::ops
