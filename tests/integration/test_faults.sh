#!/usr/bin/env bash
# test_faults.sh: transfers survive a flaky registry. fault_proxy.py sits between coras and a real
# registry and, on command, answers 503 or 429 with Retry-After, drops a download or an upload
# part way, or ignores Range; the registry itself is killed and restarted during a push. Each
# case checks the outcome (content verified byte for byte) and, from the registry's access log,
# how it was reached (a 206 resume, a restarted upload, the requests a retry repeated).
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry curl cmp head sha256sum "$PYTHON"
start_registry faults
UPSTREAM_ADDR=$REGISTRY_ADDR

# --- The proxy -----------------------------------------------------------------------------------

RULES="$TEST_DIR/fault-rules.json"
PROXY_LOG="$TEST_DIR/fault-proxy.log"

# start_proxy: fault_proxy.py in front of the registry; sets PROXY (localhost:PORT).
start_proxy()
{
  local port_file="$TEST_DIR/fault-proxy.port" pid i
  : >"$RULES"
  : >"$PROXY_LOG"
  local -a cmd=("$PYTHON" -B "$INTEGRATION_DIR/fault_proxy.py" --port-file "$port_file"
    --upstream "$UPSTREAM_ADDR" --rules "$RULES" --log "$PROXY_LOG")
  spawn_server "$TEST_DIR/fault-proxy.out" "${cmd[@]}"
  pid=$SPAWNED_PID
  for ((i = 0; i < 100; i++)); do
    if [[ -s $port_file ]]; then
      PROXY="localhost:$(cat "$port_file")"
      printf 'fault proxy: pid %s on %s\n' "$pid" "$PROXY"
      return 0
    fi
    sleep 0.1
  done
  fail "fault proxy did not start: $(cat "$TEST_DIR/fault-proxy.out")"
}

# faults JSON: replaces the proxy's rules (a JSON list, see fault_proxy.py).
faults()
{
  printf '%s\n' "$1" >"$RULES.tmp"
  mv "$RULES.tmp" "$RULES"
}

start_proxy

# --- Helpers -------------------------------------------------------------------------------------

# random_file PATH MIB: PATH filled with MIB MiB of random bytes.
random_file()
{
  head -c "$(($2 * 1024 * 1024))" /dev/urandom >"$1"
}

# pushed_big REPO MIB: pushes a random file of MIB MiB straight to the registry as REPO:v1 (file
# big.bin); sets BIG (its path).
pushed_big()
{
  local stage
  stage=$(case_dir "stage-${1//\//-}")
  BIG="$stage/big.bin"
  random_file "$BIG" "$2"
  cd "$stage"
  run_coras push "$REGISTRY/$1:v1" big.bin
  cd "$TEST_DIR"
  assert_rc 0
}

# sha256_of FILE: the hex SHA-256 of FILE.
sha256_of()
{
  sha256sum "$1" | cut -d' ' -f1
}

# access_since MARK PATTERN: how many access-log lines since MARK match the extended regex.
access_since()
{
  log_sync
  log_since "$1" | grep -cE "$2" || true
}

# --- Downloads -----------------------------------------------------------------------------------

test_dropped_download_resumes_with_range()
{
  local out mark
  pushed_big faults/resume 64
  out=$(case_dir out-resume)
  faults '[{"method": "GET", "path": "/blobs/sha256:", "action": "drop_response",
            "after_bytes": 8388608}]'
  mark=$(log_mark)
  run_coras pull "$PROXY/faults/resume:v1" -o "$out" --debug
  assert_rc 0
  cmp -s "$BIG" "$out/big.bin" || fail "the resumed download differs from what was pushed"
  assert_contains "$ERR" "resuming at byte" "debug trace"
  assert_eq 1 "$(access_since "$mark" '"GET /v2/faults/resume/blobs/sha256:[0-9a-f]+ HTTP/1.1" 206 ')" \
    "resumed (206) blob GETs"
  assert_contains "$(cat "$PROXY_LOG")" "dropped after 8388608 response bytes" "proxy log"
}

test_registry_ignoring_range_restarts_the_blob()
{
  local out mark
  pushed_big faults/norange 16
  out=$(case_dir out-norange)
  faults '[{"method": "GET", "path": "/blobs/sha256:", "action": "drop_response",
            "after_bytes": 3000000},
           {"method": "GET", "path": "/blobs/sha256:", "action": "forward",
            "strip_headers": ["range"]}]'
  mark=$(log_mark)
  run_coras pull "$PROXY/faults/norange:v1" -o "$out"
  assert_rc 0
  cmp -s "$BIG" "$out/big.bin" || fail "the restarted download differs from what was pushed"
  assert_eq 0 "$(access_since "$mark" '/blobs/sha256:[0-9a-f]+ HTTP/1.1" 206 ')" "206 answers"
}

test_503_with_retry_after_is_waited_out()
{
  local out mark
  pushed_big faults/busy 1
  out=$(case_dir out-busy)
  faults '[{"method": "GET", "path": "/manifests/v1", "action": "status", "status": 503,
            "retry_after": 1, "times": 2}]'
  mark=$(log_mark)
  run_coras pull "$PROXY/faults/busy:v1" -o "$out" --debug
  assert_rc 0
  cmp -s "$BIG" "$out/big.bin" || fail "pulled content differs"
  assert_contains "$ERR" "status 503; retry 1 of 5 in 1.0 s" "debug trace"
  assert_contains "$ERR" "status 503; retry 2 of 5 in 1.0 s" "debug trace"
  assert_eq 1 "$(access_since "$mark" '"GET /v2/faults/busy/manifests/v1 ')" \
    "manifest GETs that reached the registry"
}

test_retry_after_beyond_max_wait_fails_at_once()
{
  local out
  pushed_big faults/later 1
  out=$(case_dir out-later)
  faults '[{"method": "GET", "path": "/manifests/v1", "action": "status", "status": 503,
            "retry_after": 120}]'
  run_coras pull "$PROXY/faults/later:v1" -o "$out" --retry-max-wait 5
  assert_rc 1
  assert_one_line_error "503"
  assert_eq 1 "$(grep -c 'faults/later/manifests/v1 -> 503' "$PROXY_LOG")" "manifest requests sent"
  assert_empty_or_absent_dir "$out"
}

test_retries_zero_gives_up_on_the_first_failure()
{
  local out
  pushed_big faults/zero 1
  out=$(case_dir out-zero)
  faults '[{"method": "GET", "path": "/manifests/v1", "action": "status", "status": 502}]'
  run_coras pull "$PROXY/faults/zero:v1" -o "$out" --retries 0
  assert_rc 1
  assert_one_line_error "502"
}

test_not_found_is_not_retried()
{
  local mark
  faults '[]'
  mark=$(log_mark)
  run_coras pull "$PROXY/faults/none:nope" -o "$(case_dir out-none)"
  assert_rc 1
  assert_eq 1 "$(access_since "$mark" '"GET /v2/faults/none/manifests/nope ')" "manifest GETs"
}

test_dead_registry_says_how_often_it_tried()
{
  local port
  port=$(free_port)
  run_coras pull "localhost:$port/faults/dead:v1" -o "$(case_dir out-dead)" --retries 2
  assert_rc 1
  assert_one_line_error "(3 attempts)"
}

test_stalled_request_times_out_and_is_retried()
{
  local out
  pushed_big faults/stall 1
  out=$(case_dir out-stall)
  faults '[{"method": "GET", "path": "/faults/stall/manifests/v1", "action": "stall",
            "seconds": 4}]'
  run_coras pull "$PROXY/faults/stall:v1" -o "$out" --stall-timeout 1 --debug
  assert_rc 0
  assert_contains "$ERR" "/faults/stall/manifests/v1: timed out" "debug trace"
  assert_contains "$ERR" "; retry 1 of 5 in" "debug trace"
  cmp -s "$BIG" "$out/big.bin" || fail "pulled content differs"
}

test_timeout_bounds_the_whole_command()
{
  local out start
  pushed_big faults/deadline 1
  out=$(case_dir out-deadline)
  faults '[{"method": "GET", "path": "/faults/deadline/manifests/v1", "action": "stall",
            "seconds": 30, "times": 5}]'
  start=$SECONDS
  run_coras pull "$PROXY/faults/deadline:v1" -o "$out" --stall-timeout 2 --timeout 3
  assert_rc 1
  assert_one_line_error "timed out"
  ((SECONDS - start < 15)) || fail "--timeout 3 took $((SECONDS - start)) s"
  assert_empty_or_absent_dir "$out"
}

# wait_for_line FILE PATTERN: waits up to 10 s for a line of FILE matching the extended regex.
wait_for_line()
{
  local i
  for ((i = 0; i < 100; i++)); do
    grep -qE "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  fail "no line matching [$2] in $1"
}

# with_default_sigint CMD...: runs CMD with SIGINT at its default disposition.
with_default_sigint()
{
  exec "$PYTHON" -B -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' "$@"
}

test_sigint_during_pull_leaves_nothing()
{
  local out pid rc=0 start
  pushed_big faults/sigint 8
  out="$TEST_DIR/out-sigint"
  rm -rf "$out"
  faults '[{"method": "GET", "path": "/faults/sigint/blobs/sha256:", "action": "stall",
            "seconds": 20}]'
  # A background command of a script starts with SIGINT ignored (and coras keeps it so, see
  # below): the default disposition is restored for this one, as a terminal's foreground job has.
  with_default_sigint "$CORAS" pull "$PROXY/faults/sigint:v1" -o "$out" \
    >"$TEST_DIR/sigint.out" 2>"$TEST_DIR/sigint.err" &
  pid=$!
  wait_for_line "$PROXY_LOG" 'faults/sigint/blobs/.* -> stalling'
  start=$SECONDS
  kill -INT "$pid"
  wait "$pid" || rc=$?
  cat "$TEST_DIR/sigint.err"
  assert_eq 130 "$rc" "exit status after SIGINT"
  ((SECONDS - start < 5)) || fail "coras took $((SECONDS - start)) s to stop"
  assert_contains "$(cat "$TEST_DIR/sigint.err")" "interrupted" "error"
  [[ ! -e $out ]] || fail "the pull left $out behind: $(find "$out")"
}

test_sigint_ignored_at_start_stays_ignored()
{
  local out pid rc=0
  pushed_big faults/sigign 1
  out="$TEST_DIR/out-sigign"
  faults '[{"method": "GET", "path": "/faults/sigign/blobs/sha256:", "action": "stall",
            "seconds": 3}]'
  # As a script's background job: SIGINT ignored from the start.
  (trap '' INT && exec "$CORAS" pull "$PROXY/faults/sigign:v1" -o "$out" \
    >"$TEST_DIR/sigign.out" 2>"$TEST_DIR/sigign.err") &
  pid=$!
  wait_for_line "$PROXY_LOG" 'faults/sigign/blobs/.* -> stalling'
  kill -INT "$pid"
  wait "$pid" || rc=$?
  cat "$TEST_DIR/sigign.err"
  assert_eq 0 "$rc" "exit status of a pull whose SIGINT was ignored"
  cmp -s "$BIG" "$out/big.bin" || fail "the pull did not complete"
}

test_sigterm_during_push_deletes_the_session()
{
  local stage pid rc=0 mark
  stage=$(case_dir stage-sigterm)
  random_file "$stage/big.bin" 8
  faults '[{"method": "PUT", "path": "digest=sha256:'"$(sha256_of "$stage/big.bin")"'",
            "action": "stall", "seconds": 20}]'
  mark=$(log_mark)
  (cd "$stage" && exec "$CORAS" push "$PROXY/faults/sigterm:v1" big.bin \
    >"$TEST_DIR/sigterm.out" 2>"$TEST_DIR/sigterm.err") &
  pid=$!
  wait_for_line "$PROXY_LOG" 'faults/sigterm/blobs/uploads/.* -> stalling'
  kill -TERM "$pid"
  wait "$pid" || rc=$?
  cat "$TEST_DIR/sigterm.err"
  assert_eq 143 "$rc" "exit status after SIGTERM"
  assert_eq 1 "$(access_since "$mark" '"DELETE /v2/faults/sigterm/blobs/uploads/[^ ]* HTTP/1.1" 204 ')" \
    "upload sessions DELETEd"
  run_coras pull "$REGISTRY/faults/sigterm:v1" -o "$(case_dir out-sigterm)"
  assert_rc 1
}

# --- Uploads -------------------------------------------------------------------------------------

test_dropped_upload_restarts_and_verifies()
{
  local stage out mark
  stage=$(case_dir stage-upload)
  random_file "$stage/big.bin" 64
  faults '[{"method": "PUT", "path": "digest=sha256:'"$(sha256_of "$stage/big.bin")"'",
            "action": "drop_request", "after_bytes": 8388608}]'
  mark=$(log_mark)
  cd "$stage"
  run_coras push "$PROXY/faults/upload:v1" big.bin --debug
  cd "$TEST_DIR"
  assert_rc 0
  assert_contains "$ERR" "restarting the upload" "debug trace"
  # Two sessions for big.bin (the first one abandoned and DELETEd); the empty config goes by
  # POST ?digest=, which distribution answers with a session of its own.
  assert_eq 2 "$(access_since "$mark" '"POST /v2/faults/upload/blobs/uploads/ ')" \
    "upload sessions started"
  assert_eq 1 "$(access_since "$mark" '"DELETE /v2/faults/upload/blobs/uploads/')" \
    "abandoned sessions deleted"
  faults '[]'
  out=$(case_dir out-upload)
  run_coras pull "$REGISTRY/faults/upload:v1" -o "$out"
  assert_rc 0
  cmp -s "$stage/big.bin" "$out/big.bin" || fail "the registry holds other bytes than were pushed"
}

test_429_on_upload_start_is_retried()
{
  local stage
  stage=$(case_dir stage-429)
  random_file "$stage/small.bin" 1
  faults '[{"method": "POST", "path": "/blobs/uploads/", "action": "status", "status": 429,
            "retry_after": 0}]'
  cd "$stage"
  run_coras push "$PROXY/faults/throttled:v1" small.bin
  cd "$TEST_DIR"
  assert_rc 0
  assert_contains "$(cat "$PROXY_LOG")" "-> 429 (injected)" "proxy log"
}

test_registry_restarted_during_push()
{
  local stage pid config="$TEST_DIR/faults.yml" i rc out
  stage=$(case_dir stage-restart)
  random_file "$stage/big.bin" 32
  # The blob's PUT waits 1 s in the proxy; the registry is stopped meanwhile, so the PUT finds
  # it gone, and it is back 2 s later.
  faults '[{"method": "PUT", "path": "digest=sha256:'"$(sha256_of "$stage/big.bin")"'",
            "action": "stall", "seconds": 1}]'
  (cd "$stage" && "$CORAS" push "$PROXY/faults/restart:v1" big.bin --debug \
    >"$TEST_DIR/restart.out" 2>"$TEST_DIR/restart.err") &
  pid=$!
  for ((i = 0; i < 100; i++)); do
    grep -q 'faults/restart/blobs/uploads/.* -> stalling' "$PROXY_LOG" && break
    sleep 0.1
  done
  stop_pid "$REGISTRY_PID"
  sleep 2
  spawn_server "$REGISTRY_LOG" /usr/bin/docker-registry serve "$config"
  REGISTRY_PID=$SPAWNED_PID
  rc=0
  wait "$pid" || rc=$?
  cat "$TEST_DIR/restart.err"
  assert_eq 0 "$rc" "push exit status across the restart"
  assert_contains "$(cat "$PROXY_LOG")" "upstream unreachable" "proxy log"
  assert_contains "$(cat "$TEST_DIR/restart.err")" "restarting the upload" "debug trace"
  out=$(case_dir out-restart)
  run_coras pull "$REGISTRY/faults/restart:v1" -o "$out"
  assert_rc 0
  cmp -s "$stage/big.bin" "$out/big.bin" ||
    fail "the registry holds other bytes than were pushed"
}

# --- Chunked uploads -----------------------------------------------------------------------------

# pull_and_compare REPO FILE: pulls REPO:v1 straight from the registry; its big.bin must be FILE.
pull_and_compare()
{
  local out
  faults '[]'
  out=$(case_dir "out-${1//\//-}")
  run_coras pull "$REGISTRY/$1:v1" -o "$out"
  assert_rc 0
  cmp -s "$2" "$out/big.bin" || fail "the registry holds other bytes than were pushed"
}

test_chunk_size_uploads_in_patches()
{
  local stage mark
  stage=$(case_dir stage-chunks)
  random_file "$stage/big.bin" 5
  mark=$(log_mark)
  cd "$stage"
  run_coras push "$REGISTRY/faults/chunks:v1" big.bin --chunk-size 2M
  cd "$TEST_DIR"
  assert_rc 0
  # 2 + 2 + 1 MiB, each answered 202 by the registry, then the closing PUT.
  assert_eq 3 "$(access_since "$mark" '"PATCH /v2/faults/chunks/blobs/uploads/[^ ]* HTTP/1.1" 202 ')" \
    "PATCH requests"
  assert_eq 1 "$(access_since "$mark" '"PUT /v2/faults/chunks/blobs/uploads/[^ ]*digest=sha256:'"$(sha256_of "$stage/big.bin")"' HTTP/1.1" 201 ')" \
    "closing PUT"
  pull_and_compare faults/chunks "$stage/big.bin"
}

test_413_falls_back_to_chunks()
{
  local stage
  stage=$(case_dir stage-413)
  random_file "$stage/big.bin" 40
  # A registry that refuses any request body over 1 MiB in one PUT.
  faults '[{"method": "PUT", "path": "digest=", "min_length": 1048577, "action": "status",
            "status": 413, "times": 100}]'
  cd "$stage"
  run_coras push "$PROXY/faults/too-large:v1" big.bin --debug
  cd "$TEST_DIR"
  assert_rc 0
  assert_contains "$ERR" "uploading in chunks" "debug trace"
  assert_eq 1 "$(grep -c -- '-> 413 (injected)' "$PROXY_LOG")" "refused PUTs"
  # 40 MiB in chunks of 16 MiB: three PATCHes.
  assert_eq 3 "$(grep -cE '^PATCH /v2/faults/too-large/blobs/uploads/.* -> forwarded' "$PROXY_LOG")" \
    "PATCH requests"
  pull_and_compare faults/too-large "$stage/big.bin"
}

test_failed_patch_resumes_where_the_registry_stands()
{
  local stage mark
  stage=$(case_dir stage-patch)
  random_file "$stage/big.bin" 64
  # The second chunk is refused once, before it reaches the registry.
  faults '[{"method": "PATCH", "path": "/blobs/uploads/", "action": "forward", "times": 1},
           {"method": "PATCH", "path": "/blobs/uploads/", "action": "status", "status": 503,
            "retry_after": 0, "times": 1}]'
  mark=$(log_mark)
  cd "$stage"
  run_coras push "$PROXY/faults/patch:v1" big.bin --chunk-size 16M --debug
  cd "$TEST_DIR"
  assert_rc 0
  assert_contains "$ERR" "resuming at byte 16777216" "debug trace"
  # The registry's access log: one session, its status asked once (204), four chunks taken.
  assert_eq 1 "$(access_since "$mark" '"POST /v2/faults/patch/blobs/uploads/ HTTP/1.1" 202 ')" \
    "upload sessions (none restarted)"
  assert_eq 1 "$(access_since "$mark" '"GET /v2/faults/patch/blobs/uploads/[^ ]* HTTP/1.1" 204 ')" \
    "status queries"
  assert_eq 4 "$(access_since "$mark" '"PATCH /v2/faults/patch/blobs/uploads/[^ ]* HTTP/1.1" 202 ')" \
    "chunks taken"
  pull_and_compare faults/patch "$stage/big.bin"
}

test_chunk_dropped_part_way_still_completes()
{
  local stage
  stage=$(case_dir stage-patch-drop)
  random_file "$stage/big.bin" 64
  # The connection of the second chunk is cut after 4 MiB of its 16 MiB: distribution either
  # reports where it stands or has lost the session; either way the push completes.
  faults '[{"method": "PATCH", "path": "/blobs/uploads/", "action": "forward", "times": 1},
           {"method": "PATCH", "path": "/blobs/uploads/", "action": "drop_request",
            "after_bytes": 4194304, "times": 1}]'
  cd "$stage"
  run_coras push "$PROXY/faults/patch-drop:v1" big.bin --chunk-size 16M --debug
  cd "$TEST_DIR"
  assert_rc 0
  [[ $ERR == *"resuming at byte"* || $ERR == *"restarting the upload"* ]] ||
    fail "the debug trace shows no resume or restart of the upload"
  pull_and_compare faults/patch-drop "$stage/big.bin"
}

test_chunked_upload_given_up_deletes_the_session()
{
  local stage mark
  stage=$(case_dir stage-patch-fail)
  random_file "$stage/big.bin" 3
  faults '[{"method": "PATCH", "action": "status", "status": 500, "times": 100}]'
  mark=$(log_mark)
  cd "$stage"
  run_coras push "$PROXY/faults/patch-fail:v1" big.bin --chunk-size 1M --retries 1
  cd "$TEST_DIR"
  assert_rc 1
  # The empty config went up before the failure (its progress line); then one error line.
  assert_eq 1 "$(printf '%s\n' "$ERR" | grep -c '^Error')" "error lines"
  assert_contains "$(printf '%s\n' "$ERR" | grep '^Error')" \
    "PATCH bytes 0-1048575 of blob sha256:" "error"
  assert_eq 1 "$(access_since "$mark" '"DELETE /v2/faults/patch-fail/blobs/uploads/[^ ]* HTTP/1.1" 204 ')" \
    "upload sessions DELETEd"
}

run_test "a dropped download resumes with Range (206)" test_dropped_download_resumes_with_range
run_test "a registry that ignores Range: the blob restarts" test_registry_ignoring_range_restarts_the_blob
run_test "503 with Retry-After is waited out" test_503_with_retry_after_is_waited_out
run_test "Retry-After beyond --retry-max-wait fails at once" test_retry_after_beyond_max_wait_fails_at_once
run_test "--retries 0 gives up on the first failure" test_retries_zero_gives_up_on_the_first_failure
run_test "404 is not retried" test_not_found_is_not_retried
run_test "a dead registry: the error says how often coras tried" test_dead_registry_says_how_often_it_tried
run_test "a stalled request times out and is retried" test_stalled_request_times_out_and_is_retried
run_test "--timeout bounds the whole command" test_timeout_bounds_the_whole_command
run_test "SIGINT during a pull: exit 130, nothing left" test_sigint_during_pull_leaves_nothing
run_test "SIGINT ignored at the start stays ignored" test_sigint_ignored_at_start_stays_ignored
run_test "SIGTERM during a push: exit 143, the upload session DELETEd" test_sigterm_during_push_deletes_the_session
run_test "a dropped upload restarts and verifies" test_dropped_upload_restarts_and_verifies
run_test "429 on the upload start is retried" test_429_on_upload_start_is_retried
run_test "--chunk-size uploads in PATCHes of that size" test_chunk_size_uploads_in_patches
run_test "a PUT refused with 413 falls back to chunks" test_413_falls_back_to_chunks
run_test "a failed PATCH resumes where the registry stands" test_failed_patch_resumes_where_the_registry_stands
run_test "a chunk dropped part way: the push still completes" test_chunk_dropped_part_way_still_completes
run_test "a chunked upload given up DELETEs its session" test_chunked_upload_given_up_deletes_the_session
run_test "the registry restarted during a push" test_registry_restarted_during_push
finish
