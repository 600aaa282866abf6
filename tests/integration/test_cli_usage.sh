#!/usr/bin/env bash
# test_cli_usage.sh: what a person at a shell gets from coras itself (issue 10, "For people"):
# --version, `coras help CMD`, examples in every command's help, a suggestion and the usage line
# for a mistyped command or flag, the missing argument named, and --format go-template over a
# local result. Needs only the built binary.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# subcommand_names: the commands `coras --help` lists.
subcommand_names()
{
  "$CORAS" --help | awk 'tolower($0) ~ /^subcommands:/ { on = 1; next }
    on && /^[^ ]/ { on = 0 }
    on && NF { sub(/,$/, "", $1); print $1 }'
}

test_version_flag()
{
  local version
  run_coras --version
  assert_rc 0
  [[ $OUT =~ ^coras\ version\ ([0-9]+\.[0-9]+\.[0-9]+[^ ]*)\ \(commit ]] || fail "--version printed: $OUT"
  version=${BASH_REMATCH[1]}
  run_coras version
  assert_rc 0
  assert_contains "$OUT" "Version:    $version"
}

test_help_command_matches_help_flag()
{
  local name list
  list=$(subcommand_names)
  [[ -n $list ]] || fail "coras --help lists no command"
  for name in $list; do
    run_coras help "$name"
    assert_rc 0
    [[ $OUT == "$("$CORAS" "$name" --help)" ]] || fail "coras help $name differs from coras $name --help"
    assert_contains "$OUT" "Examples:"
    assert_contains "$OUT" "coras $name"
  done
  run_coras help
  assert_rc 0
  assert_contains "$OUT" "coras help COMMAND"
}

test_mistyped_command_suggests()
{
  run_coras pul localhost:5000/x:y
  assert_rc 2
  assert_eq "$(head -n 1 "$ERR_FILE")" "Error: unknown command 'pul' for 'coras' (did you mean 'pull'?)" \
    "first error line"
  assert_contains "$(tail -n 1 "$ERR_FILE")" "Usage: coras"

  run_coras inspekt x
  assert_rc 2
  assert_contains "$ERR" "did you mean 'inspect'?"

  run_coras frobnicate
  assert_rc 2
  assert_contains "$ERR" "unknown command 'frobnicate'"
  assert_not_contains "$ERR" "did you mean"
}

test_mistyped_flag_suggests()
{
  run_coras push --fromat json localhost:5000/x:y f
  assert_rc 2
  assert_eq "$(head -n 1 "$ERR_FILE")" "Error: unknown flag '--fromat' for 'coras push' (did you mean '--format'?)" \
    "first error line"
  assert_contains "$(tail -n 1 "$ERR_FILE")" "Usage: coras push [OPTIONS] REF"

  run_coras pull --concurency 2 localhost:5000/x:y
  assert_rc 2
  assert_contains "$ERR" "did you mean '--concurrency'?"
}

test_missing_argument_named()
{
  run_coras push
  assert_rc 2
  assert_eq "$(head -n 1 "$ERR_FILE")" "Error: coras push: REF is required" "first error line"
  assert_contains "$(tail -n 1 "$ERR_FILE")" "Usage: coras push"

  run_coras login
  assert_rc 2
  assert_contains "$ERR" "coras login: "
  assert_contains "$ERR" "required"
}

test_go_template_on_a_local_module()
{
  local wasm size
  wasm=$(example_wasm)
  size=$(size_of "$wasm")
  run_coras inspect "$wasm" --format json
  assert_rc 0
  run_coras inspect "$wasm" --format 'go-template={{.wasm.module.size}}'
  assert_rc 0
  assert_eq "$size" "$OUT" "templated size of the module"
  run_coras inspect "$wasm" --format go-template --template '{{with .wasm.module}}{{if .size}}big{{else}}empty{{end}}{{end}}'
  assert_rc 0
  assert_eq "$OUT" "big" "templated if"
  run_coras inspect "$wasm" --format 'go-template={{range .nothing}}'
  assert_rc 2
  assert_one_line_error "missing {{end}}"
  assert_eq "" "$OUT" "stdout of a refused template"
  run_coras inspect "$wasm" --format yaml
  assert_rc 2
  assert_one_line_error "expected text, json or go-template=TEMPLATE"
}

run_test "--version and version" test_version_flag
run_test "coras help CMD is coras CMD --help, with examples" test_help_command_matches_help_flag
run_test "a mistyped command gets a suggestion and the usage line" test_mistyped_command_suggests
run_test "a mistyped flag gets a suggestion and the usage line" test_mistyped_flag_suggests
run_test "a missing argument is named" test_missing_argument_named
run_test "--format go-template over inspect of a local module" test_go_template_on_a_local_module
finish
