#!/usr/bin/env bash
# test_wasm_v8.sh: the example filter, pulled back from the registry, runs in V8 (the engine Envoy
# uses; Debian's nodejs has it) under the minimal proxy-wasm 0.2.1 host proxy_wasm_host.js: the
# root and stream contexts are created, proxy_on_response_headers adds
# `resp-header-demo: added by our filter` and returns CONTINUE. Negative controls show that the
# checks can fail.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd node docker-registry curl cmp "$PYTHON"
start_registry main

HOST_JS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/proxy_wasm_host.js"
[[ -f $HOST_JS ]] || fail "missing $HOST_JS"
# The upstream's response headers handed to proxy_on_response_headers.
RESPONSE_HEADERS='[[":status", "200"], ["content-type", "text/plain"], ["x-upstream", "kept"]]'
DEMO_HEADER='["resp-header-demo", "added by our filter"]'
# The response headers as json_query prints them: untouched, and after a correct filter.
UNCHANGED_HEADERS=$("$PYTHON" -c 'import json, sys; print(json.dumps(json.loads(sys.argv[1])))' \
  "$RESPONSE_HEADERS")
EXPECTED_HEADERS=$("$PYTHON" -c '
import json, sys
print(json.dumps(json.loads(sys.argv[1]) + [json.loads(sys.argv[2])]))' \
  "$RESPONSE_HEADERS" "$DEMO_HEADER")

# --- Running the host ----------------------------------------------------------------------------

# run_host MODULE [HOST_ARG...]: runs proxy_wasm_host.js on MODULE under node, without aborting
# on failure. Sets HOST_RC, HOST_JSON (a file holding its stdout) and HOST_ERR (its stderr).
run_host()
{
  local err
  HOST_JSON=$(mktemp "$TEST_DIR/host-out.XXXXXX")
  err=$(mktemp "$TEST_DIR/host-err.XXXXXX")
  printf '  $ node proxy_wasm_host.js %s\n' "$*"
  HOST_RC=0
  timeout 60 node "$HOST_JS" "$@" >"$HOST_JSON" 2>"$err" </dev/null || HOST_RC=$?
  HOST_ERR=$(cat "$err")
  [[ -s $HOST_JSON ]] && printf '    report: %s\n' "$(cat "$HOST_JSON")"
  [[ -n $HOST_ERR ]] && printf '    stderr: %s\n' "$HOST_ERR"
  return 0
}

# assert_host_rc EXPECTED: the last run_host exited with EXPECTED.
assert_host_rc()
{
  [[ $HOST_RC == "$1" ]] && return 0
  fail "proxy_wasm_host.js: expected exit $1, got $HOST_RC; stderr:
$HOST_ERR"
}

# host_query EXPR: json_query on the last run_host's report.
host_query()
{
  json_query "$HOST_JSON" "$1"
}

# assert_filter_adds_demo_header REPORT: the checker of the issue. In REPORT (a host report for
# a run with $RESPONSE_HEADERS), proxy_on_response_headers returned CONTINUE and the response
# headers are exactly the upstream's followed by `resp-header-demo: added by our filter`. Uses
# no `set -e`, so that a negative control can run it in a subshell and see it fail.
assert_filter_adds_demo_header()
{
  local report=$1
  assert_eq 0.2.1 "$(json_query "$report" 'd["abi"]')" "ABI version the host detected"
  assert_eq 0 "$(json_query "$report" 'd["calls"].get("proxy_on_response_headers")')" \
    "proxy_on_response_headers result (0 = CONTINUE)"
  assert_eq '["added by our filter"]' \
    "$(json_query "$report" '[v for k, v in d["response_headers"] if k == "resp-header-demo"]')" \
    "values of resp-header-demo in the response"
  assert_eq "$EXPECTED_HEADERS" "$(json_query "$report" 'd["response_headers"]')" \
    "response headers after the filter (the upstream's, then the added one)"
  assert_eq null "$(json_query "$report" 'd["local_response"]')" "local response sent"
}

# pulled_module DIR: prints DIR/example-filter.wasm, or else the only *.wasm file under DIR.
pulled_module()
{
  local dir=$1
  local -a found=()
  if [[ -f $dir/example-filter.wasm ]]; then
    printf '%s\n' "$dir/example-filter.wasm"
    return
  fi
  mapfile -t found < <(find "$dir" -type f -name '*.wasm')
  ((${#found[@]} == 1)) ||
    fail "expected one .wasm file pulled into $dir; found:
$(find "$dir" -type f | sort)"
  printf '%s\n' "${found[0]}"
}

# pull_and_run REF DIR ORIGINAL: pulls REF into DIR, checks that the module is byte-identical to
# ORIGINAL and that it behaves under the host as the example filter should.
pull_and_run()
{
  local ref=$1 dir=$2 original=$3 module
  run_coras pull "$ref" -o "$dir"
  assert_rc 0
  module=$(pulled_module "$dir")
  assert_file_eq "$original" "$module"
  run_host "$module" --response-headers "$RESPONSE_HEADERS"
  assert_host_rc 0
  assert_filter_adds_demo_header "$HOST_JSON"
}

# wat_module NAME: assembles the WebAssembly text on stdin with wat2wasm into $TEST_DIR/wat and
# prints the module's path (skips the case when wat2wasm is missing).
wat_module()
{
  local dir=$TEST_DIR/wat
  command -v wat2wasm >/dev/null 2>&1 || skip "wat2wasm not installed"
  mkdir -p "$dir"
  cat >"$dir/$1.wat"
  wat2wasm "$dir/$1.wat" -o "$dir/$1.wasm" || fail "wat2wasm failed on $dir/$1.wat"
  printf '%s\n' "$dir/$1.wasm"
}

# --- Cases ---------------------------------------------------------------------------------------

# (a) The example filter as built, straight under the host.
test_example_under_v8()
{
  run_host "$(example_wasm)" --response-headers "$RESPONSE_HEADERS"
  assert_host_rc 0
  assert_filter_adds_demo_header "$HOST_JSON"
  # The lifecycle ran as Envoy runs it: root context, VM start and configure, stream context.
  assert_eq null "$(host_query 'd["calls"].get("proxy_on_context_create", "missing")')" \
    "proxy_on_context_create called"
  assert_eq 1 "$(host_query 'd["calls"].get("proxy_on_vm_start")')" "proxy_on_vm_start result"
  assert_eq 1 "$(host_query 'd["calls"].get("proxy_on_configure")')" "proxy_on_configure result"
  assert_eq '[]' "$(host_query 'd["unimplemented"]')" "imports the host does not implement"
}

# (b) `coras push REF example-filter.wasm`, pulled back: the same bytes, the same behaviour.
test_plain_push_round_trip()
{
  local dir
  dir=$(case_dir b)
  stage_example "$dir/stage"
  cd "$dir/stage"
  run_coras push "$REGISTRY/filters/example:v1" example-filter.wasm
  assert_rc 0
  pull_and_run "$REGISTRY/filters/example:v1" "$dir/out" "$dir/stage/example-filter.wasm"
}

# (b2) The ASM guide's push (explicit media types), pulled back and run.
test_asm_push_round_trip()
{
  local dir
  dir=$(case_dir b2)
  stage_example "$dir/stage"
  push_example "$dir/stage" "$REGISTRY/filters/example:asm"
  assert_rc 0
  pull_and_run "$REGISTRY/filters/example:asm" "$dir/out" "$dir/stage/example-filter.wasm"
}

# (c) A filter that returns PAUSE and adds nothing is reported as such, and the checker of (a)
# and (b) rejects it.
test_pause_filter_is_noticed()
{
  local module checker_err="$TEST_DIR/c-checker.err"
  module=$(
    wat_module pause <<'EOF'
(module
  (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
  (func (export "proxy_abi_version_0_2_1"))
  (memory (export "memory") 1)
  (data (i32.const 16) "pausing")
  (func (export "proxy_on_memory_allocate") (param i32) (result i32) (i32.const 1024))
  (func (export "proxy_on_context_create") (param i32 i32))
  ;; Logs "pausing", adds no header, returns PAUSE.
  (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
    (drop (call $log (i32.const 2) (i32.const 16) (i32.const 7)))
    (i32.const 1)))
EOF
  )
  run_host "$module" --response-headers "$RESPONSE_HEADERS"
  assert_host_rc 0
  assert_eq 1 "$(host_query 'd["calls"].get("proxy_on_response_headers")')" \
    "proxy_on_response_headers result (1 = PAUSE)"
  assert_eq '[{"level": "info", "message": "pausing"}]' "$(host_query 'd["logs"]')" \
    "log lines (the callback ran)"
  assert_eq "$UNCHANGED_HEADERS" "$(host_query 'd["response_headers"]')" \
    "response headers (unchanged)"
  if (assert_filter_adds_demo_header "$HOST_JSON") 2>"$checker_err"; then
    fail "the checker accepted a filter that returns PAUSE and adds no header"
  fi
  assert_contains "$(cat "$checker_err")" "CONTINUE" "the checker's complaint"
}

# (c2) A module without the ABI marker export is refused at load time: exit 1, one line.
test_missing_abi_marker_is_refused()
{
  local module
  module=$(
    wat_module no-marker <<'EOF'
(module
  ;; Like a filter in every way but the proxy_abi_version_0_2_1 export.
  (import "env" "proxy_add_header_map_value"
    (func $add (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "proxy_on_memory_allocate") (param i32) (result i32) (i32.const 1024))
  (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32) (i32.const 0)))
EOF
  )
  run_host "$module" --response-headers "$RESPONSE_HEADERS"
  assert_host_rc 1
  assert_eq "" "$(cat "$HOST_JSON")" "stdout of a refused module"
  [[ -n $HOST_ERR && $HOST_ERR != *$'\n'* ]] ||
    fail "expected a one-line error on stderr, got:
$HOST_ERR"
  assert_contains "$HOST_ERR" "ABI version" "the host's error"
}

run_test "(a) the example filter under V8 adds the header and continues" test_example_under_v8
run_test "(b) coras push REF example-filter.wasm, pull, run under V8" test_plain_push_round_trip
run_test "(b2) the ASM guide's push, pull, run under V8" test_asm_push_round_trip
run_test "(c) a PAUSE filter that adds nothing is noticed" test_pause_filter_is_noticed
run_test "(c2) a module without the ABI marker is refused" test_missing_abi_marker_is_refused
finish
