// WWW-Authenticate challenges (RFC 7235 section 4.1) as registries send them: Basic and Bearer
// with realm, service, scope and error parameters (distribution token auth spec).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oras::auth {

enum class Scheme
{
    basic,
    bearer,
    other
};

// One challenge: its scheme and its auth-params, names lower-cased, values unquoted and
// unescaped, in the order given.
struct Challenge
{
    Scheme scheme = Scheme::other;
    std::string scheme_name; // as sent, e.g. "Bearer"
    std::vector<std::pair<std::string, std::string>> params;

    // The value of the first parameter called `name` (compared ignoring case), or nullopt.
    [[nodiscard]] std::optional<std::string> param(std::string_view name) const;
};

// Parses every challenge in the WWW-Authenticate header values `values` (several headers, or
// several comma-separated challenges in one), in order. Malformed parts are skipped: the result
// holds the challenges that parsed, without the parameters that did not (an unterminated quote
// loses the rest of its header value; a parameter before any scheme is dropped); a token68
// challenge has no params.
std::vector<Challenge> parse_challenges(const std::vector<std::string>& values);

} // namespace oras::auth
