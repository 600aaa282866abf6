# shellcheck shell=bash
# lib.sh: the harness every tests/integration/test_*.sh suite sources.
#
# A suite runs the built `coras` ($CORAS) against real servers (Debian's docker-registry, skopeo)
# on loopback. ctest runs each suite with bash and these variables:
#   CORAS               the coras binary under test (required; not executable => the suite fails)
#   CORAS_EXAMPLE_WASM  <build>/examples/example-filter.wasm (assembled here when missing)
#   CORAS_SOURCE_DIR    the repository root (default: two levels above this file)
# Exit codes: 0 every case passed, 1 a case failed or the suite aborted, 125 skipped (a
# prerequisite is missing). The last line of a suite's output is always `N passed, M failed`.
#
# Shape of a suite:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#   require_cmd docker-registry curl
#   start_registry main
#   test_something() { run_coras push "$REGISTRY/repo:v1" f; assert_rc 0; ... }
#   run_test "push works" test_something
#   finish
#
# Registries: start_registry (no auth, plain http), start_htpasswd_registry (basic auth over TLS
# from make_test_ca's CA) and start_token_registry (`auth: token`, with token_server.py as the
# token service; token_stats counts its requests). Secrets a suite uses go through
# register_secret; every run_coras output is kept in $CORAS_TRANSCRIPT, and
# assert_no_secret_leaked checks it for them.
#
# Each case runs in its own subshell with `set -e`, so a failing command or assertion ends that
# case only; a failure outside a case ends the suite. Every server is started with a pid file entry
# and killed by the EXIT/INT/TERM/HUP trap on every exit path (and, where setpriv exists, also
# gets SIGTERM if the suite itself is SIGKILLed). The temp dir is removed on success and kept
# (and printed) on failure.

set -euo pipefail

# --- Suite state ---------------------------------------------------------------------------------

CORAS=${CORAS:?CORAS must name the coras binary under test}
PYTHON=/usr/bin/python3
SUITE_NAME=$(basename "${BASH_SOURCE[1]:-$0}" .sh)
CORAS_SOURCE_DIR=${CORAS_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
# Seconds one coras command may take before it is killed (a hang must not eat ctest's timeout).
CORAS_TIMEOUT=${CORAS_TIMEOUT:-120}

TESTS_PASSED=0
TESTS_FAILED=0
SUITE_FINISHED=no
# The running case's subshell, ended by the EXIT trap when a signal stops the suite mid-case.
CASE_PID=

if [[ ! -f $CORAS || ! -x $CORAS ]]; then
  # Not a skip: a missing binary means the build is broken.
  printf 'FAIL: CORAS=%s is not an executable file\n0 passed, 1 failed\n' "$CORAS" >&2
  exit 1
fi

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/coras-${SUITE_NAME}.XXXXXX")
PID_FILE="$TEST_DIR/.server-pids"
: >"$PID_FILE"
# Temp files of coras and the tools below land in the suite's dir and go away with it.
export TMPDIR="$TEST_DIR"
# Keep the user's registry credentials out of coras's way. (Never export a REGISTRY_* variable:
# docker-registry reads each one as a config override.)
export DOCKER_CONFIG="$TEST_DIR/docker-config"
mkdir -p "$DOCKER_CONFIG"

# The Accept list every manifest request sends: distribution 2.8 answers 404 to a manifest GET
# or HEAD whose Accept lacks its type (`*/*` is not enough).
MANIFEST_ACCEPT='application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json'
OCI_MANIFEST_TYPE='application/vnd.oci.image.manifest.v1+json'
# Extra curl arguments for the registry helpers below (see "Talking to the registry with curl").
REGISTRY_CURL_ARGS=()
# The media types of the ASM guide's push (wasm-formats.md §1.3).
WASM_CONFIG_TYPE='application/vnd.module.wasm.config.v1+json'
WASM_LAYER_TYPE='application/vnd.module.wasm.content.layer.v1+wasm'

# --- Reporting and cleanup -----------------------------------------------------------------------

# Prints `msg` on stderr and ends the current case (or the suite, outside a case) with 1.
fail()
{
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}

# Ends the suite with 125 (skipped) after printing `reason`; inside a case, skips that case only.
skip()
{
  printf 'SKIP: %s\n' "$*"
  exit 125
}

# True when process `pid` exists and is not a zombie.
pid_alive()
{
  local pid=$1 stat
  if [[ ! -r /proc/self/stat ]]; then
    kill -0 "$pid" 2>/dev/null
    return
  fi
  # (kill -0 also succeeds on zombies and on a process in the middle of exiting.)
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ -n $stat ]] || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

# Stops one server: SIGTERM, up to 5 s for it to go, then SIGKILL; reaps it if it is our child.
stop_pid()
{
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    pid_alive "$pid" || break
    sleep 0.1
  done
  if pid_alive "$pid"; then
    printf 'server %s ignored SIGTERM; killing it\n' "$pid" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# Sends SIGTERM to process `pid` and all its descendants, children first.
kill_tree()
{
  local pid=$1 child
  if command -v pgrep >/dev/null 2>&1; then
    for child in $(pgrep -P "$pid"); do
      kill_tree "$child"
    done
  fi
  kill -TERM "$pid" 2>/dev/null || true
}

# Stops every server listed in the pid file (idempotent).
stop_servers()
{
  local pid
  [[ -f $PID_FILE ]] || return 0
  while read -r pid; do
    [[ -n $pid ]] && stop_pid "$pid"
  done <"$PID_FILE"
  : >"$PID_FILE"
}

# EXIT trap: stops servers, prints the summary, removes or keeps the temp dir.
on_exit()
{
  local rc=$?
  trap - EXIT INT TERM HUP
  set +e
  # A case still running means a signal ended the suite: end the case and what it started.
  if [[ -n $CASE_PID ]]; then
    kill_tree "$CASE_PID"
    wait "$CASE_PID" 2>/dev/null
  fi
  stop_servers
  # 125: `skip` (also from inside a command substitution).
  if [[ $rc == 125 ]]; then
    rm -rf "$TEST_DIR"
    printf '%d passed, %d failed\n' "$TESTS_PASSED" "$TESTS_FAILED"
    exit 125
  fi
  if [[ $SUITE_FINISHED != yes ]]; then
    printf '%s: suite aborted (exit %s)\n' "$SUITE_NAME" "$rc" >&2
    TESTS_FAILED=$((TESTS_FAILED + 1))
    ((rc != 0)) || rc=1
  fi
  if ((TESTS_FAILED == 0 && rc == 0)); then
    rm -rf "$TEST_DIR"
  else
    printf 'kept temp dir: %s\n' "$TEST_DIR"
    ((rc != 0)) || rc=1
  fi
  printf '%d passed, %d failed\n' "$TESTS_PASSED" "$TESTS_FAILED"
  exit "$rc"
}

on_signal()
{
  printf '%s: interrupted by SIG%s\n' "$SUITE_NAME" "$1" >&2
  case $1 in
    INT) exit 130 ;;
    HUP) exit 129 ;;
    *) exit 143 ;;
  esac
}

trap on_exit EXIT
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal HUP' HUP

# Runs function `fn` as the case `name` in a subshell with `set -e`; counts it passed or failed.
# A case that calls `skip` is reported and counted as neither.
run_test()
{
  local name=$1 fn=$2 rc
  printf '=== %s\n' "$name"
  # In the background with `wait`, so that a SIGTERM to the suite is handled at once (bash runs
  # traps only after a foreground command ends); INT/QUIT are restored, which bash ignores in
  # background jobs, so that Ctrl-C still ends the case.
  set +e
  (
    trap - INT QUIT
    set -e
    "$fn"
  ) &
  CASE_PID=$!
  wait "$CASE_PID"
  rc=$?
  CASE_PID=
  set -e
  case $rc in
    0)
      TESTS_PASSED=$((TESTS_PASSED + 1))
      printf -- '--- PASS: %s\n' "$name"
      ;;
    125) printf -- '--- SKIP: %s\n' "$name" ;;
    *)
      TESTS_FAILED=$((TESTS_FAILED + 1))
      printf -- '--- FAIL: %s (exit %s)\n' "$name" "$rc"
      ;;
  esac
}

# Ends the suite: exit 0 when every case passed, 1 otherwise (the EXIT trap prints the summary).
finish()
{
  SUITE_FINISHED=yes
  if ((TESTS_FAILED == 0)); then exit 0; fi
  exit 1
}

# --- Prerequisites -------------------------------------------------------------------------------

# Skips the suite unless every named command is on PATH (or is an executable path).
require_cmd()
{
  local cmd
  for cmd in "$@"; do
    if [[ $cmd == */* ]]; then
      [[ -x $cmd ]] || skip "$cmd not installed"
    else
      command -v "$cmd" >/dev/null 2>&1 || skip "$cmd not installed"
    fi
  done
}

# --- Assertions (each prints what it expected and what it got) -----------------------------------

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

# --- Running coras -------------------------------------------------------------------------------

# run_coras ARGS...: runs "$CORAS" ARGS in the current directory without aborting on failure,
# with stdin from /dev/null (not a terminal: coras must never prompt). Sets OUT and ERR (trailing
# newlines stripped), RC, CORAS_ARGS (the arguments with secrets masked, see redact_args), and
# OUT_FILE / ERR_FILE (the exact bytes). A command still running after $CORAS_TIMEOUT seconds is
# killed (RC 124). Both outputs are also appended to $CORAS_TRANSCRIPT.
run_coras()
{
  run_coras_with_stdin_ /dev/null "$@"
}

# run_coras_stdin INPUT ARGS...: run_coras with exactly the bytes INPUT on stdin (through a pipe,
# so the input never lands in a file); add "\n" to INPUT yourself when you want one.
run_coras_stdin()
{
  local input=$1
  shift
  run_coras_with_stdin_ <(printf '%s' "$input") "$@"
}

# (run_coras and run_coras_stdin) run_coras_with_stdin_ STDIN_PATH ARGS...
run_coras_with_stdin_()
{
  local stdin=$1
  shift
  mapfile -t CORAS_ARGS < <(redact_args "$@")
  OUT_FILE="$TEST_DIR/.last.stdout"
  ERR_FILE="$TEST_DIR/.last.stderr"
  printf '  $ coras %s\n' "${CORAS_ARGS[*]}"
  RC=0
  # --foreground keeps coras in our process group, so Ctrl-C reaches it at once.
  timeout --foreground "$CORAS_TIMEOUT" "$CORAS" "$@" <"$stdin" >"$OUT_FILE" 2>"$ERR_FILE" || RC=$?
  OUT=$(cat "$OUT_FILE")
  ERR=$(cat "$ERR_FILE")
  {
    printf '### coras %s  (exit %s)\n--- stdout\n' "${CORAS_ARGS[*]}" "$RC"
    cat -- "$OUT_FILE"
    printf '\n--- stderr\n'
    cat -- "$ERR_FILE"
    printf '\n'
  } >>"$CORAS_TRANSCRIPT"
  if ((RC == 124)); then
    printf '  (coras timed out after %ss)\n' "$CORAS_TIMEOUT"
  fi
}

# --- Secrets -------------------------------------------------------------------------------------

# Every coras run's stdout and stderr, in order (run_coras appends; never holds its arguments'
# secrets, which redact_args masks).
CORAS_TRANSCRIPT="$TEST_DIR/coras-transcript.log"
: >"$CORAS_TRANSCRIPT"
# The secrets a suite used, one a line (register_secret adds; cases run in subshells, so a file).
SECRETS_FILE="$TEST_DIR/.secrets"
: >"$SECRETS_FILE"

# register_secret SECRET...: remembers each SECRET (a password, a token, a base64 user:password)
# for redact_args and assert_no_secret_leaked. Empty strings are ignored.
register_secret()
{
  local secret
  for secret in "$@"; do
    [[ -n $secret ]] && printf '%s\n' "$secret" >>"$SECRETS_FILE"
  done
  return 0
}

# redact_args ARGS...: prints each argument on its own line, with the value of -p/--password/
# --identity-token (separate or joined with `=`) and every registered secret replaced by ***.
redact_args()
{
  local arg mask_next=no secret
  local -a secrets=()
  mapfile -t secrets <"$SECRETS_FILE"
  for arg in "$@"; do
    if [[ $mask_next == yes ]]; then
      arg='***'
      mask_next=no
    fi
    case $arg in
      -p | --password | --identity-token) mask_next=yes ;;
      --password=* | --identity-token=*) arg="${arg%%=*}=***" ;;
    esac
    for secret in "${secrets[@]}"; do
      [[ -n $secret ]] && arg=${arg//"$secret"/***}
    done
    printf '%s\n' "$arg"
  done
}

# assert_no_secret_leaked [FILE...]: fails when $CORAS_TRANSCRIPT (and each FILE) holds a
# registered secret, or anything shaped like a JWT (`eyJ...`.`eyJ...`: an access token).
assert_no_secret_leaked()
{
  local file secret line n found='' jwt='eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}'
  local -a secrets=()
  mapfile -t secrets <"$SECRETS_FILE"
  ((${#secrets[@]} > 0)) || fail "no secret was registered: the check would prove nothing"
  for file in "$CORAS_TRANSCRIPT" "$@"; do
    [[ -f $file ]] || fail "missing $file"
    n=0
    for secret in "${secrets[@]}"; do
      n=$((n + 1))
      [[ -n $secret ]] || continue
      line=$(grep -nF -- "$secret" "$file" | head -n 1 | cut -d: -f1) || true
      [[ -z $line ]] || found+="  secret #$n (${#secret} chars) in $file, line $line"$'\n'
    done
    line=$(grep -nE -- "$jwt" "$file" | head -n 1 | cut -d: -f1) || true
    [[ -z $line ]] || found+="  a JWT in $file, line $line"$'\n'
  done
  [[ -z $found ]] || fail "secrets leaked:
$found"
  printf '  checked %s secrets against %s lines of coras output\n' "${#secrets[@]}" \
    "$(wc -l <"$CORAS_TRANSCRIPT" | tr -d ' ')"
}

# Prints the manifest digest from the last run_coras's `Digest: sha256:...` line, or fails.
printed_digest()
{
  local digest
  digest=$(sed -n 's/^Digest: *\(sha256:[0-9a-f]\{64\}\)[[:space:]]*$/\1/p' "$OUT_FILE" | tail -n 1)
  [[ -n $digest ]] || fail "coras ${CORAS_ARGS[*]}: no 'Digest: sha256:...' line on stdout:
$OUT"
  printf '%s\n' "$digest"
}

# --- Stored credentials --------------------------------------------------------------------------

# Prints the docker config file coras uses: $DOCKER_CONFIG/config.json.
docker_config_file()
{
  printf '%s/config.json\n' "$DOCKER_CONFIG"
}

# use_docker_config NAME: gives the current case a fresh, empty $DOCKER_CONFIG
# ($TEST_DIR/NAME); a case runs in a subshell, so the change ends with it.
use_docker_config()
{
  DOCKER_CONFIG=$(case_dir "$1")
  export DOCKER_CONFIG
}

# assert_auth_entry FILE HOST USER PASSWORD: FILE (mode 600) has "auths": {HOST: {"auth":
# base64(USER:PASSWORD)}} as docker writes it, and PASSWORD nowhere in clear text.
assert_auth_entry()
{
  local file=$1 host=$2
  assert_file_mode "$file" 600
  assert_eq "$(printf '%s:%s' "$3" "$4" | base64 -w0)" \
    "$(json_query "$file" "d.get('auths', {}).get('$host', {}).get('auth', '(none)')")" \
    "auths[\"$host\"].auth in $file"
  assert_not_contains "$(cat -- "$file")" "$4" "$file"
}

# assert_no_stored_credential FILE HOST: FILE is absent, or its auths entry for HOST is absent or
# holds no secret (no auth, password, identitytoken or registrytoken).
assert_no_stored_credential()
{
  local file=$1 host=$2 fields
  [[ -e $file ]] || return 0
  fields=$(json_query "$file" "sorted(k for k, v in d.get('auths', {}).get('$host', {}).items()
    if k in ('auth', 'password', 'identitytoken', 'registrytoken') and v)")
  assert_eq '[]' "$fields" "secret fields of auths[\"$host\"] in $file"
}

# --- Files and digests ---------------------------------------------------------------------------

# Prints `sha256:<hex>` of FILE.
sha256_of()
{
  local sum
  sum=$(sha256sum -- "$1")
  printf 'sha256:%s\n' "${sum%% *}"
}

# Prints the size of FILE in bytes.
size_of()
{
  wc -c <"$1" | tr -d ' '
}

# json_query FILE EXPR: prints the Python expression EXPR evaluated with `d` = FILE's JSON
# (strings bare, everything else as JSON). Fails on invalid JSON.
json_query()
{
  "$PYTHON" - "$1" "$2" <<'EOF'
import json, sys
with open(sys.argv[1], "rb") as f:
    d = json.load(f)
v = eval(sys.argv[2], {"d": d})
print(v if isinstance(v, str) else json.dumps(v))
EOF
}

# Creates and prints a fresh directory `name` under the suite's temp dir.
case_dir()
{
  local dir="$TEST_DIR/$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  printf '%s\n' "$dir"
}

# Prints the path of the example filter module: $CORAS_EXAMPLE_WASM, or one assembled here from
# examples/filter/example-filter.wat with wat2wasm (skips when neither is possible).
example_wasm()
{
  local wat="$CORAS_SOURCE_DIR/examples/filter/example-filter.wat" out="$TEST_DIR/example-filter.wasm"
  if [[ -n ${CORAS_EXAMPLE_WASM:-} && -f $CORAS_EXAMPLE_WASM ]]; then
    printf '%s\n' "$CORAS_EXAMPLE_WASM"
    return
  fi
  if [[ ! -f $out ]]; then
    [[ -f $wat ]] || fail "example filter source $wat not found"
    command -v wat2wasm >/dev/null 2>&1 || skip "no example module and no wat2wasm to build one"
    wat2wasm "$wat" -o "$out" || fail "wat2wasm failed on $wat"
  fi
  printf '%s\n' "$out"
}

# stage_example DIR: copies runtime-config.json and example-filter.wasm into DIR (the layout the
# ASM guide's push command expects).
stage_example()
{
  local wasm
  wasm=$(example_wasm)
  mkdir -p "$1"
  cp -- "$CORAS_SOURCE_DIR/examples/filter/runtime-config.json" "$1/runtime-config.json"
  cp -- "$wasm" "$1/example-filter.wasm"
}

# push_example DIR REF [OPTION...]: from DIR (see stage_example), runs the ASM guide's command
#   coras push [OPTION...] REF --manifest-config runtime-config.json:<config type>
#     example-filter.wasm:<layer type>
# through run_coras (OUT, ERR, RC are set; the exit code is not checked).
push_example()
{
  local dir=$1 ref=$2 old_pwd=$PWD
  shift 2
  cd "$dir"
  run_coras push "$@" "$ref" --manifest-config "runtime-config.json:$WASM_CONFIG_TYPE" \
    "example-filter.wasm:$WASM_LAYER_TYPE"
  cd "$old_pwd"
}

# --- The registry --------------------------------------------------------------------------------

# Prints a TCP port on 127.0.0.1 that nothing listens on right now.
free_port()
{
  local port i
  if [[ -x $PYTHON ]]; then
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  for ((i = 0; i < 100; i++)); do
    port=$((20000 + RANDOM % 30000))
    # A refused connect means the port is free.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s\n' "$port"
      return
    fi
  done
  fail "no free port found"
}

# write_registry_config NAME PORT [EXTRA_YAML [HTTP_EXTRA_YAML]]: writes the registry config for
# server NAME on PORT ("minimal" config of registry-facts.md §1, storage in the temp dir, access
# log on) followed by EXTRA_YAML (top-level keys other than version/log/storage/http).
# HTTP_EXTRA_YAML goes inside the `http:` section (indent it by two spaces: `  tls: ...`).
# Prints the config path.
write_registry_config()
{
  local name=$1 port=$2 extra=${3:-} http_extra=${4:-} config="$TEST_DIR/$1.yml"
  cat >"$config" <<EOF
version: 0.1
log:
  level: info
  formatter: text
  accesslog:
    disabled: false
  fields:
    service: registry
storage:
  filesystem:
    rootdirectory: $TEST_DIR/$name-storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  headers:
    X-Content-Type-Options: [nosniff]
EOF
  if [[ -n $http_extra ]]; then
    printf '%s\n' "$http_extra" >>"$config"
  fi
  if [[ -n $extra ]]; then
    printf '%s\n' "$extra" >>"$config"
  fi
  printf '%s\n' "$config"
}

# launch_registry NAME EXTRA_YAML HTTP_EXTRA_YAML SCHEME [CURL_ARG...]: what every start_*registry
# shares. Starts /usr/bin/docker-registry with write_registry_config's config on a free loopback
# port and waits until `curl CURL_ARG... SCHEME://127.0.0.1:PORT/v2/` answers 200 or 401 (an
# auth registry is up when it challenges). Exports REGISTRY (localhost:PORT) and sets
# REGISTRY_ADDR (127.0.0.1:PORT), REGISTRY_URL (SCHEME://127.0.0.1:PORT), REGISTRY_PORT,
# REGISTRY_PID and REGISTRY_LOG (stdout and stderr, including the access log), and empties
# REGISTRY_CURL_ARGS. Those are not
# exported: the next registry would read an exported REGISTRY_* as a config override
# (REGISTRY_LOG=... breaks it). Overrides given before the call (REGISTRY_LOG_LEVEL=debug
# start_registry x) do reach the server. Retries on a port taken meanwhile; fails, showing the
# log, when the server does not answer within 15 s.
launch_registry()
{
  local name=$1 extra=$2 http_extra=$3 scheme=$4 bin=/usr/bin/docker-registry attempt port config
  local log pid i code
  shift 4
  [[ -x $bin ]] || bin=$(command -v docker-registry) || skip "docker-registry not installed"
  log="$TEST_DIR/$name.log"
  for ((attempt = 1; attempt <= 5; attempt++)); do
    port=$(free_port)
    config=$(write_registry_config "$name" "$port" "$extra" "$http_extra")
    : >"$log"
    if command -v setpriv >/dev/null 2>&1; then
      # SIGTERM to the registry if this shell dies without running its traps (SIGKILL).
      setpriv --pdeathsig TERM "$bin" serve "$config" </dev/null >"$log" 2>&1 &
    else
      "$bin" serve "$config" </dev/null >"$log" 2>&1 &
    fi
    pid=$!
    printf '%s\n' "$pid" >>"$PID_FILE"
    for ((i = 0; i < 150; i++)); do
      code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 2 "$@" \
        "$scheme://127.0.0.1:$port/v2/" 2>/dev/null) || true
      if [[ $code == 200 || $code == 401 ]]; then
        export REGISTRY="localhost:$port"
        # shellcheck disable=SC2034 # used by the suites
        declare -g REGISTRY_ADDR="127.0.0.1:$port" \
          REGISTRY_PORT="$port" REGISTRY_URL="$scheme://127.0.0.1:$port" REGISTRY_PID="$pid" \
          REGISTRY_LOG="$log"
        REGISTRY_CURL_ARGS=()
        return 0
      fi
      pid_alive "$pid" || break
      sleep 0.1
    done
    stop_pid "$pid"
    if grep -q 'address already in use' "$log"; then
      printf 'registry %s: port %s taken, retrying\n' "$name" "$port"
      continue
    fi
    break
  done
  fail "registry $name did not start (config $config); its log:
$(cat "$log")"
}

# start_registry NAME [EXTRA_YAML]: an unauthenticated plain-http registry (launch_registry sets
# the globals; REGISTRY is localhost:PORT, which coras reaches over plain http by itself).
start_registry()
{
  launch_registry "$1" "${2:-}" "" http
  printf 'registry %s: pid %s on %s, log %s\n' "$1" "$REGISTRY_PID" "$REGISTRY" "$REGISTRY_LOG"
}

# make_test_ca DIR: throwaway TLS material in DIR, made with openssl (EC P-256, valid 2 days):
# ca.crt/ca.key, a CA; server.crt/server.key, signed by it, for IP:127.0.0.1 and DNS:localhost
# (serverAuth); other-ca.crt/other-ca.key, an unrelated CA that must NOT be trusted for the
# server. Sets CA_DIR, CA_FILE (ca.crt) and OTHER_CA_FILE (other-ca.crt). Fails on an openssl
# error, showing its output.
make_test_ca()
{
  local dir=$1 log="$1/openssl.log"
  require_cmd openssl
  mkdir -p "$dir"
  : >"$log"
  openssl_quiet_() { openssl "$@" >>"$log" 2>&1 || fail "openssl $1 failed: $(cat "$log")"; }
  openssl_quiet_ req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" -subj '/CN=coras test CA' \
    -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign'
  openssl_quiet_ req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -keyout "$dir/other-ca.key" -out "$dir/other-ca.crt" -subj '/CN=coras unrelated test CA' \
    -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign'
  openssl_quiet_ req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$dir/server.key" -out "$dir/server.csr" -subj '/CN=localhost'
  printf '%s\n' 'subjectAltName=IP:127.0.0.1,DNS:localhost' 'extendedKeyUsage=serverAuth' \
    'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature' \
    'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid' >"$dir/server.ext"
  openssl_quiet_ x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" \
    -set_serial "0x$(openssl rand -hex 8)" -days 2 -extfile "$dir/server.ext" -out "$dir/server.crt"
  unset -f openssl_quiet_
  # shellcheck disable=SC2034 # used by the suites
  declare -g CA_DIR="$dir" CA_FILE="$dir/ca.crt" OTHER_CA_FILE="$dir/other-ca.crt"
}

# start_htpasswd_registry NAME USER:PASSWORD...: a registry with `auth: htpasswd` (bcrypt entries
# made with `htpasswd -Bbn`) served over TLS with make_test_ca's server cert (made in
# $TEST_DIR/tls unless make_test_ca ran already), as in registry-facts.md §2b. Sets the globals
# of launch_registry with REGISTRY=127.0.0.1:PORT (the reference coras is given: https, since it
# is not localhost) and REGISTRY_URL=https://127.0.0.1:PORT, plus CA_FILE, and
# REGISTRY_CURL_ARGS=(--cacert CA_FILE) for the curl helpers below (add `-u USER:PASSWORD`).
start_htpasswd_registry()
{
  local name=$1 entry htpasswd_file="$TEST_DIR/$1.htpasswd"
  shift
  require_cmd htpasswd
  [[ -n ${CA_DIR:-} ]] || make_test_ca "$TEST_DIR/tls"
  : >"$htpasswd_file"
  for entry in "$@"; do
    [[ $entry == *:* ]] || fail "start_htpasswd_registry: want USER:PASSWORD, got [$entry]"
    htpasswd -Bbn "${entry%%:*}" "${entry#*:}" 2>/dev/null | sed '/^$/d' >>"$htpasswd_file" ||
      fail "htpasswd failed for ${entry%%:*}"
  done
  launch_registry "$name" "auth:
  htpasswd:
    realm: coras-test-basic
    path: \"$htpasswd_file\"" "  tls:
    certificate: \"$CA_DIR/server.crt\"
    key: \"$CA_DIR/server.key\"" https --cacert "$CA_FILE"
  export REGISTRY="127.0.0.1:$REGISTRY_PORT"
  REGISTRY_CURL_ARGS=(--cacert "$CA_FILE")
  printf 'htpasswd registry %s: pid %s on https://%s (CA %s), log %s\n' "$name" "$REGISTRY_PID" \
    "$REGISTRY" "$CA_FILE" "$REGISTRY_LOG"
}

# --- The token server ----------------------------------------------------------------------------

# The service and issuer the token server signs for and the token registry expects.
TOKEN_SERVICE=${TOKEN_SERVICE:-coras-test-registry}
TOKEN_ISSUER=${TOKEN_ISSUER:-coras-test-issuer}

# make_token_keys DIR: the token signer's EC P-256 key (DIR/signer.key) and its self-signed
# certificate (DIR/signer.crt, the registry's rootcertbundle), made with openssl. Sets
# TOKEN_KEY and TOKEN_CERT.
make_token_keys()
{
  local dir=$1
  require_cmd openssl
  mkdir -p "$dir"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -keyout "$dir/signer.key" -out "$dir/signer.crt" -subj '/CN=coras test token signer' \
    >"$dir/openssl.log" 2>&1 || fail "openssl failed: $(cat "$dir/openssl.log")"
  declare -g TOKEN_KEY="$dir/signer.key" TOKEN_CERT="$dir/signer.crt"
}

# start_token_server [USERS [OPTION...]]: starts token_server.py (next to this file) with
# /usr/bin/python3 on a free loopback port, for users USERS (`alice:pw,bob:pw`; default
# alice:s3cret,bob:hunter2) with its default policy (alice pull/push/delete everywhere, bob pull,
# anonymous pull on public/*) and extra OPTIONs (`--expires 5`). Keys from make_token_keys
# (made in $TEST_DIR/token-keys unless it ran already). Sets TOKEN_URL (http://127.0.0.1:PORT),
# TOKEN_PORT, TOKEN_PID and TOKEN_LOG (one line per request; never a secret). Skips when PyJWT or
# cryptography is missing; fails, showing the log, when it does not answer within 10 s.
start_token_server()
{
  local users=${1:-alice:s3cret,bob:hunter2} script port_file log pid port='' i
  shift || true
  script="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/token_server.py"
  [[ -x $PYTHON ]] || skip "$PYTHON not installed"
  "$PYTHON" -B -c 'import jwt, cryptography' 2>/dev/null ||
    skip "python3-jwt and python3-cryptography are needed by the token server"
  [[ -n ${TOKEN_KEY:-} ]] || make_token_keys "$TEST_DIR/token-keys"
  port_file="$TEST_DIR/token-server.port"
  log="$TEST_DIR/token-server.log"
  rm -f "$port_file"
  local -a cmd=("$PYTHON" -B "$script" --port 0 --port-file "$port_file" --issuer "$TOKEN_ISSUER"
    --service "$TOKEN_SERVICE" --key "$TOKEN_KEY" --cert "$TOKEN_CERT" --users "$users" "$@")
  if command -v setpriv >/dev/null 2>&1; then
    setpriv --pdeathsig TERM "${cmd[@]}" </dev/null >"$log" 2>&1 &
  else
    "${cmd[@]}" </dev/null >"$log" 2>&1 &
  fi
  pid=$!
  printf '%s\n' "$pid" >>"$PID_FILE"
  for ((i = 0; i < 100; i++)); do
    [[ -z $port && -s $port_file ]] && port=$(cat "$port_file")
    if [[ -n $port ]] &&
      curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/_stats" 2>/dev/null; then
      # shellcheck disable=SC2034 # used by the suites
      declare -g TOKEN_PORT="$port" TOKEN_URL="http://127.0.0.1:$port" TOKEN_PID="$pid" \
        TOKEN_LOG="$log"
      printf 'token server: pid %s on %s, log %s\n' "$pid" "$TOKEN_URL" "$log"
      return 0
    fi
    pid_alive "$pid" || break
    sleep 0.1
  done
  stop_pid "$pid"
  fail "token server did not start; its log:
$(cat "$log")"
}

# start_token_registry NAME [USERS]: a plain-http registry with `auth: token` (realm
# $TOKEN_URL/token, service $TOKEN_SERVICE, issuer $TOKEN_ISSUER, rootcertbundle the signer's
# self-signed cert), as in registry-facts.md §2c. Starts the token server (for USERS) first
# unless one runs. Sets the globals of launch_registry, with REGISTRY=localhost:PORT (coras uses
# plain http for localhost by itself); /v2/ answers 401 without a token.
start_token_registry()
{
  local name=$1
  [[ -n ${TOKEN_URL:-} ]] || start_token_server "${2:-}"
  launch_registry "$name" "auth:
  token:
    realm: \"$TOKEN_URL/token\"
    service: \"$TOKEN_SERVICE\"
    issuer: \"$TOKEN_ISSUER\"
    rootcertbundle: \"$TOKEN_CERT\"" "" http
  printf 'token registry %s: pid %s on %s (realm %s/token), log %s\n' "$name" "$REGISTRY_PID" \
    "$REGISTRY" "$TOKEN_URL" "$REGISTRY_LOG"
}

# token_stats [KEY]: prints the token server's /_stats JSON, or with KEY one count: `requests`
# (every /token request) or a by_grant key (`get`, `post:password`, `post:refresh_token`).
token_stats()
{
  local stats
  stats=$(curl -fsS --max-time 5 "$TOKEN_URL/_stats") || fail "GET $TOKEN_URL/_stats failed"
  if [[ -z ${1:-} ]]; then
    printf '%s\n' "$stats"
    return
  fi
  printf '%s' "$stats" | "$PYTHON" -B -c '
import json, sys
d = json.load(sys.stdin)
key = sys.argv[1]
print(d["requests"] if key == "requests" else d["by_grant"].get(key, 0))' "$1"
}

# token_for USER:PASSWORD SCOPE...: prints a registry token from the token server for the
# scopes (`repository:demo:pull,push`); an empty USER:PASSWORD asks anonymously.
token_for()
{
  local creds=$1 answer scope
  local -a args=(-G --data-urlencode "service=$TOKEN_SERVICE")
  shift
  [[ -n $creds ]] && args+=(-u "$creds")
  for scope in "$@"; do
    args+=(--data-urlencode "scope=$scope")
  done
  answer=$(curl -fsS --max-time 10 "${args[@]}" "$TOKEN_URL/token") ||
    fail "token request for $* failed"
  printf '%s' "$answer" | "$PYTHON" -B -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}

# --- Talking to the registry with curl -----------------------------------------------------------
# Each helper passes REGISTRY_CURL_ARGS (empty for start_registry; --cacert for
# start_htpasswd_registry) to curl: add `-u USER:PASSWORD` or
# `-H "Authorization: Bearer $(token_for ...)"` for an auth registry.

# fetch_manifest REPO REF FILE: GETs the manifest bytes exactly as served into FILE.
fetch_manifest()
{
  curl -fsS "${REGISTRY_CURL_ARGS[@]}" --max-time 30 -H "Accept: $MANIFEST_ACCEPT" -o "$3" \
    "$REGISTRY_URL/v2/$1/manifests/$2" || fail "GET manifest $1:$2 failed"
}

# fetch_blob REPO DIGEST FILE: GETs a blob into FILE.
fetch_blob()
{
  curl -fsS "${REGISTRY_CURL_ARGS[@]}" --max-time 60 -o "$3" "$REGISTRY_URL/v2/$1/blobs/$2" ||
    fail "GET blob $1@$2 failed"
}

# head_manifest_digest REPO REF: prints the Docker-Content-Digest of a manifest HEAD.
head_manifest_digest()
{
  local headers digest
  headers=$(curl -fsSI "${REGISTRY_CURL_ARGS[@]}" --max-time 30 -H "Accept: $MANIFEST_ACCEPT" \
    "$REGISTRY_URL/v2/$1/manifests/$2") || fail "HEAD manifest $1:$2 failed"
  digest=$(printf '%s\n' "$headers" | tr -d '\r' |
    sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: *//p')
  [[ -n $digest ]] || fail "HEAD manifest $1:$2: no Docker-Content-Digest header"
  printf '%s\n' "$digest"
}

# upload_blob REPO FILE: pushes FILE as a blob (POST, then PUT ?digest=) and prints its digest.
upload_blob()
{
  local repo=$1 file=$2 digest location
  digest=$(sha256_of "$file")
  location=$(curl -fsS "${REGISTRY_CURL_ARGS[@]}" --max-time 30 -X POST -o /dev/null -D - \
    "$REGISTRY_URL/v2/$repo/blobs/uploads/" | tr -d '\r' | sed -n 's/^[Ll]ocation: *//p')
  [[ -n $location ]] || fail "POST blob upload to $repo: no Location"
  [[ $location == http* ]] || location="$REGISTRY_URL$location"
  if [[ $location == *\?* ]]; then location+="&digest=$digest"; else location+="?digest=$digest"; fi
  curl -fsS "${REGISTRY_CURL_ARGS[@]}" --max-time 60 -X PUT \
    -H 'Content-Type: application/octet-stream' --data-binary "@$file" -o /dev/null "$location" ||
    fail "PUT blob $digest to $repo failed"
  printf '%s\n' "$digest"
}

# put_manifest REPO REF FILE [MEDIA_TYPE]: PUTs FILE as a manifest and prints the served digest.
put_manifest()
{
  local headers digest
  headers=$(curl -fsS "${REGISTRY_CURL_ARGS[@]}" --max-time 30 -X PUT \
    -H "Content-Type: ${4:-$OCI_MANIFEST_TYPE}" --data-binary "@$3" -o /dev/null -D - \
    "$REGISTRY_URL/v2/$1/manifests/$2") ||
    fail "PUT manifest $1:$2 failed"
  digest=$(printf '%s\n' "$headers" | tr -d '\r' |
    sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: *//p')
  printf '%s\n' "$digest"
}

# --- The access log ------------------------------------------------------------------------------

# Prints the number of lines in the registry log now (a mark for log_since).
log_mark()
{
  wc -l <"$REGISTRY_LOG" | tr -d ' '
}

# Makes sure every request answered so far is in the log: the registry writes an access-log
# line after the response, so a client may exit before its last line is written. Sends a
# uniquely-tagged request and waits for its line.
log_sync()
{
  local tag="sync-$RANDOM$RANDOM" i
  curl -sS "${REGISTRY_CURL_ARGS[@]}" -o /dev/null --max-time 5 "$REGISTRY_URL/v2/?$tag" || true
  for ((i = 0; i < 50; i++)); do
    grep -q -- "$tag" "$REGISTRY_LOG" && return 0
    sleep 0.1
  done
  fail "access log line for $tag never appeared in $REGISTRY_LOG"
}

# log_since MARK: prints the access-log request lines ("METHOD /path HTTP/1.1" status ...)
# written after MARK, without the log_sync probes.
log_since()
{
  tail -n "+$(($1 + 1))" "$REGISTRY_LOG" | grep -E '"(GET|HEAD|POST|PUT|PATCH|DELETE) /' |
    grep -v '/v2/?sync-' || true
}
