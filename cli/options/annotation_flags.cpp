#include "options/annotation_flags.hpp"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace coras {

oras::Result<oras::Annotations> parse_annotations(const std::vector<std::string>& items)
{
    oras::Annotations annotations;
    for (const auto& item : items) {
        const auto equals = item.find('=');
        if (equals == std::string::npos || equals == 0) {
            return oras::fail(oras::ErrorCode::invalid_argument,
                              "invalid annotation \"" + item + "\": expected key=value");
        }
        if (!annotations.emplace(item.substr(0, equals), item.substr(equals + 1)).second) {
            return oras::fail(oras::ErrorCode::invalid_argument,
                              "annotation key \"" + item.substr(0, equals) + "\" given twice");
        }
    }
    return annotations;
}

oras::Result<std::optional<std::int64_t>> source_date_epoch()
{
    const char* text = std::getenv("SOURCE_DATE_EPOCH");
    if (text == nullptr || *text == '\0') {
        return std::optional<std::int64_t>{};
    }
    std::int64_t value = 0;
    const std::string_view view(text);
    const auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), value);
    if (ec != std::errc{} || end != view.data() + view.size() || value < 0) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "SOURCE_DATE_EPOCH=\"" + std::string(view) +
                              "\" is not a number of seconds");
    }
    return std::optional<std::int64_t>{value};
}

} // namespace coras
