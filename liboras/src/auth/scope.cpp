#include "auth/scope.hpp"

#include <map>
#include <set>
#include <utility>

namespace oras::auth {

namespace {

// Resource type and name: the key actions are merged under.
using Resource = std::pair<std::string, std::string>;

// Splits `text` on `separator`, dropping empty pieces.
std::vector<std::string_view> split_nonempty(std::string_view text, char separator)
{
    std::vector<std::string_view> pieces;
    while (!text.empty()) {
        const std::size_t end = text.find(separator);
        const std::string_view piece = text.substr(0, end);
        if (!piece.empty()) {
            pieces.push_back(piece);
        }
        if (end == std::string_view::npos) {
            break;
        }
        text.remove_prefix(end + 1);
    }
    return pieces;
}

// "a,b": the actions of a merged entry, or "*" alone when it is among them.
std::string join_actions(const std::set<std::string>& actions)
{
    if (actions.contains("*")) {
        return "*";
    }
    std::string joined;
    for (const std::string& action : actions) {
        if (!joined.empty()) {
            joined += ',';
        }
        joined += action;
    }
    return joined;
}

} // namespace

std::vector<std::string> split_scopes(std::string_view scope_param)
{
    std::vector<std::string> scopes;
    for (const std::string_view scope : split_nonempty(scope_param, ' ')) {
        scopes.emplace_back(scope);
    }
    return scopes;
}

// distribution token auth spec, "Scope": resourcetype ":" resourcename ":" action *("," action).
// The type ends at the first ':' and the actions begin after the last, so a name may hold ':'.
std::vector<std::string> merge_scopes(const std::vector<std::string>& scopes)
{
    std::map<Resource, std::set<std::string>> merged;
    std::set<std::string> malformed;
    for (const std::string& scope : scopes) {
        if (scope.empty()) {
            continue;
        }
        const std::size_t first = scope.find(':');
        const std::size_t last = scope.rfind(':');
        if (first == std::string::npos || first == last || first == 0 || last == first + 1) {
            malformed.insert(scope);
            continue;
        }
        auto& actions =
            merged[Resource(scope.substr(0, first), scope.substr(first + 1, last - first - 1))];
        for (const std::string_view action :
             split_nonempty(std::string_view(scope).substr(last + 1), ',')) {
            actions.emplace(action);
        }
    }
    std::vector<std::string> result;
    for (const auto& [resource, actions] : merged) {
        if (!actions.empty()) {
            result.push_back(resource.first + ':' + resource.second + ':' + join_actions(actions));
        }
    }
    result.insert(result.end(), malformed.begin(), malformed.end());
    return result;
}

std::string repository_scope(std::string_view name, std::string_view actions)
{
    std::string scope = "repository:";
    scope += name;
    scope += ':';
    scope += actions;
    return scope;
}

std::string scope_key(const std::vector<std::string>& merged_scopes)
{
    std::string key;
    for (std::size_t i = 0; i < merged_scopes.size(); ++i) {
        if (i != 0) {
            key += ' ';
        }
        key += merged_scopes[i];
    }
    return key;
}

} // namespace oras::auth
