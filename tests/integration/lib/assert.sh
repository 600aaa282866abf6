# shellcheck shell=bash
# lib/assert.sh: assertions; each prints what it expected and what it got.
# Sourced by ../lib.sh after the parts before it; not a suite, not to be sourced alone.

# assert_eq EXPECTED ACTUAL [WHAT]
assert_eq()
{
  [[ $1 == "$2" ]] && return 0
  fail "${3:-value}: expected [$1], got [$2]"
}

# assert_ne UNEXPECTED ACTUAL [WHAT]
assert_ne()
{
  [[ $1 != "$2" ]] && return 0
  fail "${3:-value}: expected anything but [$1]"
}

# assert_contains HAYSTACK NEEDLE [WHAT]: fixed-string search.
assert_contains()
{
  [[ $1 == *"$2"* ]] && return 0
  fail "${3:-text} should contain [$2]; got:
$1"
}

# assert_not_contains HAYSTACK NEEDLE [WHAT]
assert_not_contains()
{
  [[ $1 != *"$2"* ]] && return 0
  fail "${3:-text} should not contain [$2]; got:
$1"
}

# assert_file_eq EXPECTED_FILE ACTUAL_FILE: byte-for-byte.
assert_file_eq()
{
  [[ -f $2 ]] || fail "missing file $2 (expected a copy of $1)"
  cmp -s -- "$1" "$2" && return 0
  fail "$2 differs from $1 ($(wc -c <"$1") vs $(wc -c <"$2") bytes; $(cmp -- "$1" "$2" 2>&1 | head -n 1))"
}

# assert_file_content FILE TEXT: FILE holds exactly TEXT (no added newline).
assert_file_content()
{
  [[ -f $1 ]] || fail "missing file $1"
  [[ $(cat -- "$1"; printf x) == "${2}x" ]] && return 0
  fail "$1: expected content [$2], got [$(cat -- "$1")]"
}

# assert_no_path PATH: nothing exists at PATH (not even a dangling symlink).
assert_no_path()
{
  [[ ! -e $1 && ! -L $1 ]] && return 0
  fail "$1 should not exist; found: $(ls -ld -- "$1")"
}

# assert_empty_or_absent_dir DIR: DIR does not exist or holds nothing.
assert_empty_or_absent_dir()
{
  [[ ! -e $1 ]] && return 0
  [[ -d $1 && -z $(ls -A -- "$1") ]] && return 0
  fail "$1 should be absent or empty; holds: $(find "$1" | sort | tr '\n' ' ')"
}

# assert_rc EXPECTED: the last run_coras exited with EXPECTED (one code, or several as "1|2").
assert_rc()
{
  [[ "|$1|" == *"|$RC|"* ]] && return 0
  fail "coras ${CORAS_ARGS[*]}: expected exit $1, got $RC
--- stdout:
$OUT
--- stderr:
$ERR"
}

# assert_one_line_error [NEEDLE...]: stderr of the last run_coras is one line starting `Error: `
# and containing every NEEDLE (case-insensitive).
assert_one_line_error()
{
  local needle lower
  [[ -n $ERR ]] || fail "coras ${CORAS_ARGS[*]}: expected an error on stderr, got nothing"
  [[ $ERR != *$'\n'* ]] || fail "coras ${CORAS_ARGS[*]}: expected a one-line error, got:
$ERR"
  [[ $ERR == "Error: "* ]] || fail "coras ${CORAS_ARGS[*]}: error should start with 'Error: ', got:
$ERR"
  lower=${ERR,,}
  for needle in "$@"; do
    [[ $lower == *"${needle,,}"* ]] || fail "coras ${CORAS_ARGS[*]}: error should mention [$needle], got:
$ERR"
  done
}

# assert_last_error_line: the last stderr line of the last run_coras starts with `Error: `.
assert_last_error_line()
{
  local last=${ERR##*$'\n'}
  [[ $last == "Error: "* ]] && return 0
  fail "coras ${CORAS_ARGS[*]}: last stderr line should start with 'Error: ', stderr was:
$ERR"
}

# assert_error_line NEEDLE...: for commands that draw progress on stderr before failing: the
# last stderr line of the last run_coras starts with `Error: ` and contains every NEEDLE
# (case-insensitive), and it is the only line starting with `Error: ` (the error is one line).
assert_error_line()
{
  local needle last=${ERR##*$'\n'} lower errors
  assert_last_error_line
  errors=$(grep -c '^Error: ' "$ERR_FILE" || true)
  assert_eq 1 "$errors" "lines starting with 'Error: ' on stderr of coras ${CORAS_ARGS[*]}"
  lower=${last,,}
  for needle in "$@"; do
    [[ $lower == *"${needle,,}"* ]] ||
      fail "coras ${CORAS_ARGS[*]}: error should mention [$needle], got:
$last"
  done
}

# assert_one_line_error_any NEEDLE...: stderr of the last run_coras is one line starting
# `Error: ` and containing at least one NEEDLE (case-insensitive).
assert_one_line_error_any()
{
  local needle lower
  [[ -n $ERR && $ERR != *$'\n'* && $ERR == "Error: "* ]] ||
    fail "coras ${CORAS_ARGS[*]}: expected a one-line error starting with 'Error: ', got:
$ERR"
  lower=${ERR,,}
  for needle in "$@"; do
    [[ $lower == *"${needle,,}"* ]] && return 0
  done
  fail "coras ${CORAS_ARGS[*]}: error should mention one of [$*], got:
$ERR"
}

# assert_file_mode FILE MODE: FILE exists with permission bits MODE (octal, as `stat -c %a`).
assert_file_mode()
{
  [[ -f $1 ]] || fail "missing file $1"
  assert_eq "$2" "$(stat -c %a -- "$1")" "mode of $1"
}

# assert_debug_trace: the last run_coras's stderr has at least one `[debug] METHOD URL -> STATUS`
# line, every `[debug]` line has that shape, and none mentions an Authorization header or a
# Basic/Bearer credential.
assert_debug_trace()
{
  local line count=0
  local re='^\[debug\] (GET|HEAD|POST|PUT|PATCH|DELETE) https?://[^[:space:]]+ -> [0-9]{3}$'
  while IFS= read -r line; do
    [[ $line == '[debug]'* ]] || continue
    count=$((count + 1))
    [[ $line =~ $re ]] ||
      fail "coras ${CORAS_ARGS[*]}: debug line is not '[debug] METHOD URL -> STATUS': $line"
    [[ ${line,,} != *authorization* && ${line,,} != *bearer* && ${line,,} != *basic\ * ]] ||
      fail "coras ${CORAS_ARGS[*]}: debug line shows credentials: $line"
  done <"$ERR_FILE"
  ((count > 0)) || fail "coras ${CORAS_ARGS[*]}: no [debug] line on stderr:
$ERR"
}
