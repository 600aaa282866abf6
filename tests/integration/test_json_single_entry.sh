#!/usr/bin/env bash
# test_json_single_entry.sh: liboras parses JSON only through liboras/src/json/ (parse_json,
# parse_ordered_json, check_json), which holds every document to a size and a nesting limit. No
# other file under liboras/src may call nlohmann's parse, accept, sax_parse or from_* (through
# `json`, `ordered_json`, `basic_json` or a local alias of them), read JSON with `>>`, or use the
# `_json` literal. Prints each offending line.
#
# Needs only the sources (CORAS_SOURCE_DIR) and grep.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LIB_SRC="$CORAS_SOURCE_DIR/liboras/src"

# json_type_names DIR: json, ordered_json, basic_json and every `using X = nlohmann::...` alias
# under DIR, as one alternation for grep -E.
json_type_names()
{
  local aliases
  aliases=$(grep -rhoE 'using[[:space:]]+[A-Za-z_][A-Za-z0-9_]*[[:space:]]*=[[:space:]]*(::)?nlohmann::' \
    "$1" | awk '{ sub(/=.*/, "", $2); print $2 }' | sort -u | paste -sd'|' -)
  printf 'json|ordered_json|basic_json(<[^>]*>)?%s\n' "${aliases:+|$aliases}"
}

# offenders DIR: file:line: text of every JSON parse under DIR outside DIR/json/.
offenders()
{
  local types calls
  types=$(json_type_names "$1")
  calls="(^|[^A-Za-z0-9_])(nlohmann::)?($types)::(parse|accept|sax_parse|from_[a-z]+)[[:space:]]*\\("
  grep -rnE --include='*.cpp' --include='*.hpp' --include='*.in' \
    -e "$calls" -e '"_json([^A-Za-z0-9_]|$)' -e '>>[[:space:]]*[A-Za-z_]*json([^A-Za-z0-9_]|$)' \
    "$1" | grep -v "^$1/json/" || true
}

test_only_json_dir_parses()
{
  local found
  found=$(offenders "$LIB_SRC")
  [[ -z $found ]] || fail "JSON parsed outside liboras/src/json/ (use parse_json):
$found"
}

# The check must find calls, also through an alias, or it could pass by construction.
test_the_check_finds_calls()
{
  local src="$TEST_DIR/src"
  mkdir -p "$src/json" "$src/ops"
  printf 'auto v = nlohmann::json::parse(bytes);\n' >"$src/json/parse.cpp"
  cat >"$src/ops/probe.cpp" <<'CPP'
using doc_t = nlohmann::ordered_json;
auto a = doc_t::parse(text, nullptr, false);
bool b = nlohmann::json::accept(bytes);
auto c = json::parse(bytes.begin(), bytes.end());
auto d = R"({"a":1})"_json;
auto e = Digest::parse(text);
CPP
  local found
  found=$(offenders "$src")
  assert_eq "probe.cpp probe.cpp probe.cpp probe.cpp" \
    "$(printf '%s\n' "$found" | sed 's|.*/||; s|:.*||' | paste -sd' ' -)"
  assert_contains "$found" "probe.cpp:2:"
  assert_contains "$found" "probe.cpp:3:"
  assert_contains "$found" "probe.cpp:4:"
  assert_contains "$found" "probe.cpp:5:"
}

run_test "liboras parses JSON only in liboras/src/json/" test_only_json_dir_parses
run_test "the check finds parse, accept and _json, also through an alias" test_the_check_finds_calls
finish
