#include "oras/ops/target.hpp"

#include "oras/reference.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace oras::ops {

namespace {

// Splits "a,b,a" into {"a","b"}; each must be a valid tag.
Result<std::vector<std::string>> split_tags(std::string_view list, std::string_view whole)
{
    std::vector<std::string> tags;
    while (true) {
        const auto comma = list.find(',');
        const std::string tag(list.substr(0, comma));
        if (!is_valid_tag(tag)) {
            return fail(ErrorCode::invalid_argument,
                        "invalid reference \"" + std::string(whole) + "\": invalid tag \"" + tag +
                            "\"");
        }
        if (std::find(tags.begin(), tags.end(), tag) == tags.end()) {
            tags.push_back(tag);
        }
        if (comma == std::string_view::npos) {
            return tags;
        }
        list.remove_prefix(comma + 1);
    }
}

Result<OpenedTarget> open_layout(const TargetSpec& spec)
{
    std::string_view text = spec.text;
    std::vector<std::string> tags;
    // A comma list of tags only makes sense after the last ':' that follows the last '/'.
    const auto slash = text.rfind('/');
    const auto colon = text.rfind(':');
    const bool has_tag_list = colon != std::string_view::npos &&
                              (slash == std::string_view::npos || colon > slash) &&
                              text.find('@') == std::string_view::npos &&
                              text.substr(colon).find(',') != std::string_view::npos;
    if (has_tag_list) {
        tags = ORAS_TRY(split_tags(text.substr(colon + 1), spec.text));
        text = text.substr(0, colon);
    }
    auto parsed = ORAS_TRY(parse_layout_reference(text));
    if (!has_tag_list && !parsed.reference.empty() &&
        parsed.reference.find(':') == std::string::npos) {
        tags.push_back(parsed.reference);
    }
    std::error_code error;
    const bool existed = std::filesystem::exists(parsed.path, error);
    auto target = ORAS_TRY(open_oci_layout(parsed.path, spec.layout_mode));
    OpenedTarget opened;
    opened.created = !existed && spec.layout_mode == LayoutMode::create;
    opened.target = std::move(target);
    opened.reference = has_tag_list ? tags.front() : parsed.reference;
    opened.tags = std::move(tags);
    opened.name = parsed.path.string();
    return opened;
}

Result<OpenedTarget> open_remote(const TargetSpec& spec)
{
    auto parsed = ORAS_TRY(parse_multi_tag_reference(spec.text));
    auto target = ORAS_TRY(open_remote_repository(parsed.reference, spec.remote));
    OpenedTarget opened;
    opened.target = std::move(target);
    opened.reference = parsed.reference.reference();
    opened.tags = std::move(parsed.tags);
    opened.name = parsed.reference.repository_str();
    opened.registry = parsed.reference.registry;
    opened.repository = parsed.reference.repository;
    return opened;
}

} // namespace

Result<OpenedTarget> open_target(const TargetSpec& spec)
{
    if (spec.text.empty()) {
        return fail(ErrorCode::invalid_argument, "missing reference");
    }
    return spec.kind == TargetKind::oci_layout ? open_layout(spec) : open_remote(spec);
}

} // namespace oras::ops
