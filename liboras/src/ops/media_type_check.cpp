#include "ops/media_type_check.hpp"

#include <algorithm>

namespace oras::ops {

namespace {

bool is_restricted_name(std::string_view name)
{
    if (name.empty() || name.size() > 127) {
        return false;
    }
    auto alnum = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    };
    if (!alnum(name.front())) {
        return false;
    }
    return std::ranges::all_of(name.substr(1), [&alnum](char c) {
        return alnum(c) || std::string_view("!#$&^_.+-").find(c) != std::string_view::npos;
    });
}

} // namespace

Result<void> check_media_type(std::string_view media_type, const std::string& what)
{
    const auto slash = media_type.find('/');
    if (slash == std::string_view::npos || !is_restricted_name(media_type.substr(0, slash)) ||
        !is_restricted_name(media_type.substr(slash + 1))) {
        return fail(
            ErrorCode::invalid_argument,
            what + ": invalid media type \"" + std::string(media_type) + "\"",
            "a media type looks like type/subtype, e.g. application/vnd.oci.image.layer.v1.tar");
    }
    return {};
}

} // namespace oras::ops
