// WWW-Authenticate challenges (auth/challenge.hpp, RFC 7235 section 4.1): each line of the
// input is one header value. Malformed parts are skipped, never fatal; parameter names come
// back lower-cased.
#include "fuzz_support.hpp"

#include "auth/challenge.hpp"

#include <vector>

using coras_fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view text = coras_fuzz::as_text(data, size);
    std::vector<std::string> values;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        values.emplace_back(text.substr(0, newline));
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    }
    for (const auto& challenge : oras::auth::parse_challenges(values)) {
        for (const auto& [name, value] : challenge.params) {
            for (const char c : name) {
                require(c < 'A' || c > 'Z', "a parameter name is not lower-cased");
            }
        }
        static_cast<void>(challenge.param("realm"));
        static_cast<void>(challenge.param("scope"));
    }
    return 0;
}
