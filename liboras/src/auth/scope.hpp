// Token scopes of the distribution token auth spec ("repository:demo/wasm:pull,push",
// "registry:catalog:*"), merged and de-duplicated whatever the order of their actions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace oras::auth {

// Splits a challenge's scope parameter (several scopes separated by spaces) into scopes; runs of
// spaces and leading or trailing spaces yield no empty scopes.
std::vector<std::string> split_scopes(std::string_view scope_param);

// Merges `scopes`: one entry per resource type and name, actions united, sorted and
// de-duplicated ("*" absorbs the others); entries sorted; malformed ones kept verbatim once.
// e.g. {"repository:a:push", "repository:a:pull", "repository:b:pull"} ->
// {"repository:a:pull,push", "repository:b:pull"}.
// The type ends at the first ':' and the actions start after the last one. Empty actions are
// dropped, and so is an entry left with none. A scope with fewer than two ':' or an empty type
// or name is malformed: such scopes follow the merged entries, sorted; empty strings are dropped.
std::vector<std::string> merge_scopes(const std::vector<std::string>& scopes);

// The scope asking for `actions` (e.g. "pull,push") on repository `name`.
std::string repository_scope(std::string_view name, std::string_view actions);

// The merged scopes joined by spaces: the key of the token cache.
std::string scope_key(const std::vector<std::string>& merged_scopes);

} // namespace oras::auth
