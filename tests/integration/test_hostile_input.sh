#!/usr/bin/env bash
# test_hostile_input.sh: coras against a registry that serves what no registry should
# (hostile_server.py, with the artifacts of hostile_artifacts.py) and against an interrupted
# password prompt. Every refusal must be one line on stderr starting `Error: ` and naming what
# was refused, exit status 1, the output directory as it was (no partial or temporary file)
# and nothing written anywhere else; content over a limit is refused before it is fetched.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd "$PYTHON" sha256sum find sort

ARTIFACTS="$TEST_DIR/artifacts"
MODULE=$(example_wasm)
"$PYTHON" -B "$INTEGRATION_DIR/hostile_artifacts.py" "$ARTIFACTS" "$MODULE" ||
  fail "hostile_artifacts.py failed"
start_hostile_server registry
REG="127.0.0.1:$HOSTILE_PORT"

# serve CASE: the registry answers with the routes of CASE (see hostile_artifacts.py).
serve()
{
  hostile_routes registry "$(json_query "$ARTIFACTS/routes.json" "d['$1']")"
}

# tree: every path under $TEST_DIR but the logs that each command appends to, one a line.
tree()
{
  find "$TEST_DIR" ! -name '*.jsonl' ! -name '.last.std*' ! -name 'coras-transcript.log' |
    sort
}

# blob_requests DIGEST: how many requests for blob DIGEST reached the registry.
blob_requests()
{
  grep -c "/v2/x/blobs/$1" "$HOSTILE_LOG" || true
}

# pull_refused CASE NEEDLE...: serves CASE and pulls it into a directory holding one file of
# ours; the pull must fail with one error line holding every NEEDLE, leave that directory as it
# was and create nothing anywhere under $TEST_DIR (the temp dir, where TMPDIR points too).
pull_refused()
{
  local case=$1 out="$TEST_DIR/out-$1" before after
  shift
  serve "$case"
  mkdir -p "$out"
  printf 'ours\n' >"$out/keep.txt"
  before=$(tree)
  run_coras pull --plain-http "$REG/x:1" -o "$out"
  assert_rc 1
  assert_error_line "$@"
  after=$(tree)
  assert_eq "$before" "$after" "files under the test dir after the refused pull"
  assert_file_content "$out/keep.txt" $'ours\n'
}

test_oversized_manifest()
{
  pull_refused big-manifest "GET manifest 1 from $REG/x: response of 5242911 bytes" \
    "over the 4194304-byte limit"
  assert_not_contains "${ERR#*GET manifest}" "GET manifest" "the error (the step named once)"
}

test_impossible_layer_size()
{
  : >"$HOSTILE_LOG"
  pull_refused huge-size "layers[0].size" "4611686018427387904" "over 2^53"
  assert_eq 0 "$(blob_requests sha256:)" "blob requests"
}

test_negative_layer_size()
{
  pull_refused negative-size "layers[0].size" "must not be negative"
}

test_tar_symlink()
{
  pull_refused tar-symlink "plugin.wasm" "a symbolic link to /etc/passwd" "refused"
}

test_tar_hardlink()
{
  pull_refused tar-hardlink "plugin.wasm" "a hard link to ../../etc/passwd" "refused"
}

test_tar_device()
{
  pull_refused tar-device "plugin.wasm" "a device" "refused"
}

test_huge_error_body()
{
  pull_refused big-error "x"
  ((${#ERR} < 2000)) || fail "the error line is ${#ERR} bytes long"
}

# The module layer declares 300 MiB: inspect refuses it without a request for it.
test_module_over_default_limit()
{
  local digest
  digest=$(printf 'not served' | sha256sum | cut -d' ' -f1)
  serve big-module
  : >"$HOSTILE_LOG"
  run_coras inspect --plain-http "$REG/x:1"
  assert_rc 1
  assert_one_line_error "inspect $REG/x:1: module layer sha256:$digest is 300 MiB" \
    "over the 256 MiB limit" "--max-module-size"
  assert_eq 0 "$(blob_requests "sha256:$digest")" "requests for the module layer"
}

test_module_over_max_module_size()
{
  local digest size
  digest=$(sha256_of "$MODULE")
  size=$(size_of "$MODULE")
  serve small-module
  : >"$HOSTILE_LOG"
  run_coras inspect --plain-http --max-module-size $((size - 1)) "$REG/x:1"
  assert_rc 1
  assert_one_line_error "module layer $digest is $size bytes" "over the $((size - 1)) bytes limit"
  assert_eq 0 "$(blob_requests "$digest")" "requests for the module layer"
  run_coras inspect --plain-http --max-module-size 1M "$REG/x:1"
  assert_rc 0
  assert_eq 1 "$(blob_requests "$digest")" "requests for the module layer under 1M"
  # A local module: refused before it is read.
  run_coras inspect --max-module-size $((size - 1)) "$MODULE"
  assert_rc 1
  assert_one_line_error "inspect $MODULE: the module is $size bytes"
  run_coras inspect --max-module-size "$size" "$MODULE"
  assert_rc 0
  run_coras inspect --max-module-size 0 "$MODULE"
  assert_rc 2
}

# prompt_on_pty KEYS: runs `coras login 127.0.0.1:1 -u x` on a pseudo-terminal, waits for its
# password prompt, types KEYS (a Python bytes literal) and writes what happened to
# $TEST_DIR/prompt.json: prompted, echo_at_prompt, echo_after (once coras is gone), status,
# output.
prompt_on_pty()
{
  "$PYTHON" - "$CORAS" "$1" >"$TEST_DIR/prompt.json" <<'EOF'
import ast, fcntl, json, os, select, subprocess, sys, termios, time

coras, keys = sys.argv[1], ast.literal_eval(sys.argv[2])
master, slave = os.openpty()

def controlling_tty():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)

child = subprocess.Popen([coras, "login", "127.0.0.1:1", "-u", "x"], stdin=slave,
                         stdout=slave, stderr=slave, preexec_fn=controlling_tty,
                         close_fds=True)
seen, deadline = b"", time.time() + 30
while b"Password: " not in seen and time.time() < deadline:
    if select.select([master], [], [], 0.2)[0]:
        seen += os.read(master, 4096)
echo_at_prompt = bool(termios.tcgetattr(slave)[3] & termios.ECHO)
time.sleep(0.2)
os.write(master, keys)
try:
    status = child.wait(timeout=60)
except subprocess.TimeoutExpired:
    child.kill()
    status = "hung"
while select.select([master], [], [], 0.2)[0]:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
print(json.dumps({"prompted": b"Password: " in seen, "echo_at_prompt": echo_at_prompt,
                  "echo_after": bool(termios.tcgetattr(slave)[3] & termios.ECHO),
                  "status": status, "output": seen.decode(errors="replace")}))
EOF
}

# prompt_result KEY: member KEY of $TEST_DIR/prompt.json.
prompt_result()
{
  json_query "$TEST_DIR/prompt.json" "d['$1']"
}

# ^C at the password prompt: coras exits 130, says so on one line, and the terminal echoes
# again once it is gone.
test_interrupted_prompt_restores_echo()
{
  prompt_on_pty 'b"\x03"' || fail "the pty driver failed"
  assert_eq true "$(prompt_result prompted)" "the prompt appeared"
  assert_eq false "$(prompt_result echo_at_prompt)" "echo at the prompt"
  assert_eq 130 "$(prompt_result status)" "exit status after ^C"
  assert_eq true "$(prompt_result echo_after)" "echo once coras is gone"
  assert_contains "$(prompt_result output)" 'Error: interrupted at the prompt "Password: "'
}

# A password typed at the prompt is taken (login then fails to connect), unechoed, and the
# terminal echoes again afterwards.
test_answered_prompt_restores_echo()
{
  prompt_on_pty 'b"typed-secret\n"' || fail "the pty driver failed"
  assert_eq true "$(prompt_result prompted)" "the prompt appeared"
  assert_eq 1 "$(prompt_result status)" "exit status (nothing listens on 127.0.0.1:1)"
  assert_eq true "$(prompt_result echo_after)" "echo once coras is gone"
  assert_not_contains "$(prompt_result output)" "typed-secret" "what the terminal showed"
  assert_contains "$(prompt_result output)" "127.0.0.1:1"
}

run_test "a manifest over 4 MiB is refused" test_oversized_manifest
run_test "a layer of 2^62 bytes is refused before any blob is fetched" test_impossible_layer_size
run_test "a layer of -1 bytes is refused" test_negative_layer_size
run_test "a compat tar whose plugin.wasm is a symlink is refused" test_tar_symlink
run_test "a compat tar whose plugin.wasm is a hard link is refused" test_tar_hardlink
run_test "a compat tar whose plugin.wasm is a device is refused" test_tar_device
run_test "an 8 MiB error body gives one short line" test_huge_error_body
run_test "inspect: a 300 MiB module is refused unfetched" test_module_over_default_limit
run_test "inspect --max-module-size: remote and local modules" test_module_over_max_module_size
run_test "^C at the password prompt restores echo" test_interrupted_prompt_restores_echo
run_test "a password typed at the prompt is read unechoed" test_answered_prompt_restores_echo
finish
