#include "options/paging.hpp"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace coras {

oras::Result<std::optional<std::size_t>> page_size_from_environment()
{
    const char* value = std::getenv("CORAS_LIST_PAGE_SIZE");
    if (value == nullptr || *value == '\0') {
        return std::optional<std::size_t>();
    }
    const std::string_view text(value);
    std::size_t size = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), size);
    if (error != std::errc() || end != text.data() + text.size() || size == 0 || size > 100000) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "CORAS_LIST_PAGE_SIZE=\"" + std::string(text) +
                              "\": expected a number of entries from 1 to 100000");
    }
    return std::optional<std::size_t>(size);
}

} // namespace coras
