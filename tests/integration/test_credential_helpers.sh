#!/usr/bin/env bash
# test_credential_helpers.sh: coras's credential store against the real docker-credential-pass
# (Debian golang-docker-credential-helpers 0.6.4) with pass and gpg set up non-interactively in
# a throwaway HOME (reference/registry-facts.md §3).
#
# Two depths:
# - the store alone, driven through the unit test binary test_credentials_helper_store, whose
#   "real docker-credential-pass" cases run only when CORAS_TEST_PASS_HOME is set. Its path:
#   $CORAS_UNIT_DIR/test_credentials_helper_store, else
#   $(dirname "$CORAS")/../tests/test_credentials_helper_store (the build tree's layout). Those
#   cases skip when it is not built.
# - end to end: `coras login`, push, pull and `coras logout` against a docker-registry with
#   htpasswd auth over TLS (registry-facts.md §2b), with "credsStore": "pass" and with
#   "credHelpers": {HOST: "pass"}: the password lives in pass, never in config.json. These cases
#   skip when docker-registry, htpasswd or openssl is missing.
# A fake helper that fails with the secret in its output checks that coras never shows what a
# helper prints. The last case checks that no secret appeared in any output of coras.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-credential-pass pass gpg gpgconf base64 "$PYTHON"

if [[ -n ${CORAS_UNIT_DIR:-} ]]; then
  UNIT_BINARY="$CORAS_UNIT_DIR/test_credentials_helper_store"
else
  UNIT_BINARY="$(dirname "$CORAS")/../tests/test_credentials_helper_store"
fi

# Skips the current case unless the unit test binary is built.
require_unit_binary()
{
  [[ -x $UNIT_BINARY ]] || skip "unit test binary $UNIT_BINARY not built"
}

# --- gpg and pass in a private HOME --------------------------------------------------------------

export HOME="$TEST_DIR/credhome"
export GNUPGHOME="$HOME/.gnupg" PASSWORD_STORE_DIR="$HOME/.password-store"
mkdir -p "$HOME"
mkdir -m 700 "$GNUPGHOME"

# The agent gpg starts is a daemon of its own: stop it on every exit path, then let lib.sh's
# handler run with the suite's exit status.
trap 'suite_rc_=$?; gpgconf --kill gpg-agent >/dev/null 2>&1; (exit "$suite_rc_"); on_exit' EXIT

gpg --batch --passphrase '' --quick-gen-key 'coras test <coras@example.invalid>' default default \
  never >"$TEST_DIR/gpg.log" 2>&1 || fail "gpg --quick-gen-key failed: $(cat "$TEST_DIR/gpg.log")"
KEYID=$(gpg --list-keys --with-colons 2>/dev/null | awk -F: '/^fpr/{print $10; exit}')
[[ -n $KEYID ]] || fail "no gpg key after --quick-gen-key"
pass init "$KEYID" >"$TEST_DIR/pass.log" 2>&1 || fail "pass init failed: $(cat "$TEST_DIR/pass.log")"

SECRET="coras-pw-$RANDOM$RANDOM"
PRESTORED_SECRET="dave-pw-$RANDOM$RANDOM"
PRESTORED=prestored.example:5000
register_secret "$SECRET" "$PRESTORED_SECRET" "$(printf 'alice:%s' "$SECRET" | base64 -w0)" \
  "$(printf 'bob:%s' "$SECRET" | base64 -w0)"

# The registry of the end-to-end cases: alice's password is $SECRET.
HAVE_REGISTRY=no
if command -v docker-registry >/dev/null 2>&1 && command -v htpasswd >/dev/null 2>&1 &&
  command -v openssl >/dev/null 2>&1 && command -v curl >/dev/null 2>&1; then
  make_test_ca "$TEST_DIR/tls"
  start_htpasswd_registry main "alice:$SECRET"
  HAVE_REGISTRY=yes
fi
SRC="$TEST_DIR/src"
mkdir -p "$SRC"
printf 'pushed with a password kept in pass\n' >"$SRC/hello.txt"
head -c $((256 * 1024)) /dev/urandom >"$SRC/random.bin"

# helper_get SERVER: prints docker-credential-pass's reply for SERVER.
helper_get()
{
  printf '%s' "$1" | docker-credential-pass get
}

# assert_no_secret FILE: FILE holds neither the secret nor any base64 `auth` made from it.
assert_no_secret()
{
  local file=$1 text
  [[ -f $file ]] || fail "missing $file"
  text=$(cat -- "$file")
  assert_not_contains "$text" "$SECRET" "$file"
  assert_not_contains "$text" "$(printf 'alice:%s' "$SECRET" | base64 -w0)" "$file"
  assert_not_contains "$text" "$(printf 'bob:%s' "$SECRET" | base64 -w0)" "$file"
  assert_eq 600 "$(stat -c %a -- "$file")" "mode of $file"
}

# --- Cases -----------------------------------------------------------------------------------------

# prestore: stores dave's entry for $PRESTORED in pass with docker-credential-pass itself (the
# unit binary reads it through coras).
prestore()
{
  printf '{"ServerURL":"%s","Username":"dave","Secret":"%s"}' "$PRESTORED" "$PRESTORED_SECRET" |
    docker-credential-pass store
}

# store_through_pass: runs the unit binary's real docker-credential-pass cases, which write
# $HOME/credsstore and $HOME/credhelpers and put, get and erase entries in pass; each case that
# looks at what they leave runs them itself.
store_through_pass()
{
  local out rc=0
  require_unit_binary
  prestore
  out=$(CORAS_TEST_PASS_HOME="$HOME" CORAS_TEST_PASS_SECRET="$SECRET" \
    CORAS_TEST_PASS_PRESTORED="$PRESTORED" CORAS_TEST_PASS_PRESTORED_SECRET="$PRESTORED_SECRET" \
    timeout 300 "$UNIT_BINARY" --test-case='*real docker-credential-pass*' 2>&1) || rc=$?
  printf '%s\n' "$out" | sed 's/^/    /'
  assert_eq 0 "$rc" "exit code of $UNIT_BINARY"
  [[ $out =~ test\ cases:\ +2\ \|\ +2\ passed\ \|\ 0\ failed ]] ||
    fail "doctest should report 2 test cases run and passed"
  assert_not_contains "$out" "CORAS_TEST_PASS_HOME not set" "doctest output"
}

test_pass_helper_behaves_as_documented()
{
  local reply
  reply=$(helper_get https://127.0.0.1:15099)
  assert_eq '{"ServerURL":"https://127.0.0.1:15099","Username":"","Secret":""}' "$reply" \
    "get of a missing entry (pass 0.6.4: exit 0, empty fields)"
  prestore
  reply=$(helper_get "$PRESTORED")
  assert_contains "$reply" "\"Secret\":\"$PRESTORED_SECRET\"" "get after store"
}

test_store_through_pass()
{
  store_through_pass
}

test_credsstore_config_holds_no_secret()
{
  local config="$HOME/credsstore/config.json"
  store_through_pass
  assert_no_secret "$config"
  assert_eq '{}' "$(json_query "$config" 'd["auths"]["keep.example:5000"]')" \
    "auths entry kept by docker's rule"
  assert_eq keep-me "$(json_query "$config" 'd["psFormat"]')" "unknown member psFormat"
  assert_eq pass "$(json_query "$config" 'd["credsStore"]')" "credsStore"
}

test_credhelpers_config_holds_no_secret()
{
  local config="$HOME/credhelpers/config.json"
  store_through_pass
  assert_no_secret "$config"
  assert_eq '{}' "$(json_query "$config" 'd["auths"]["helped.example:5000"]')" "helped host entry"
  # The host without a helper is plaintext, as docker does.
  assert_eq "$(printf 'carol:plaintext-pw' | base64 -w0)" \
    "$(json_query "$config" 'd["auths"]["plain.example:5000"]["auth"]')" "plaintext host entry"
}

test_secrets_are_in_pass()
{
  local reply
  store_through_pass
  reply=$(helper_get keep.example:5000)
  assert_eq "{\"ServerURL\":\"keep.example:5000\",\"Username\":\"alice\",\"Secret\":\"$SECRET\"}" \
    "$reply" "docker-credential-pass get keep.example:5000"
  reply=$(helper_get helped.example:5000)
  assert_contains "$reply" "\"Username\":\"bob\",\"Secret\":\"$SECRET\"" "get helped.example:5000"
  # Erased by coras: gone from pass.
  reply=$(helper_get 127.0.0.1:15001)
  assert_eq '{"ServerURL":"127.0.0.1:15001","Username":"","Secret":""}' "$reply" \
    "get of the entry coras erased"
  assert_no_path "$PASSWORD_STORE_DIR/docker-credential-helpers/$(printf '127.0.0.1:15001' | base64 -w0 | tr '/+' '_-')"
  # And no secret anywhere under the test HOME in clear text, outside pass's encrypted files.
  if grep -rlF --exclude-dir=.password-store --exclude-dir=.gnupg -- "$SECRET" "$HOME" >/dev/null; then
    fail "the secret is in clear text in $(grep -rlF --exclude-dir=.password-store --exclude-dir=.gnupg -- "$SECRET" "$HOME")"
  fi
}

# --- End to end: coras login/push/pull/logout with the password in pass ---------------------------

# pass_entries: `pass ls` without its colours.
pass_entries()
{
  pass ls 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
}

# login_push_pull_logout NAME CONFIG_JSON: with $DOCKER_CONFIG/config.json set to CONFIG_JSON,
# logs in as alice, checks that the secret went to pass and not to config.json, pushes and pulls
# with the stored credentials, logs out, checks that pass no longer has it and that a push then
# fails.
login_push_pull_logout()
{
  local name=$1 config out pass_key reply
  [[ $HAVE_REGISTRY == yes ]] || skip "docker-registry, htpasswd, openssl or curl not installed"
  use_docker_config "$name"
  config=$(docker_config_file)
  printf '%s\n' "$2" >"$config"
  chmod 600 "$config"
  # pass's folder for the entry: base64url of the server URL, which is the host as written.
  pass_key=$(printf '%s' "$REGISTRY" | base64 -w0 | tr '/+' '_-')

  run_coras_stdin "$SECRET"$'\n' login "$REGISTRY" -u alice --password-stdin --ca-file "$CA_FILE"
  assert_rc 0
  assert_contains "$OUT" "Login Succeeded" "stdout of login"
  assert_no_secret "$config"
  assert_no_stored_credential "$config" "$REGISTRY"
  assert_contains "$(pass_entries)" "$pass_key" "pass ls after login"
  reply=$(helper_get "$REGISTRY")
  assert_eq "{\"ServerURL\":\"$REGISTRY\",\"Username\":\"alice\",\"Secret\":\"$SECRET\"}" "$reply" \
    "docker-credential-pass get $REGISTRY"

  cd "$SRC"
  run_coras push --ca-file "$CA_FILE" "$REGISTRY/demo/$name:v1" hello.txt random.bin
  cd - >/dev/null
  assert_rc 0
  out=$(case_dir "$name-out")
  run_coras pull --ca-file "$CA_FILE" "$REGISTRY/demo/$name:v1" -o "$out"
  assert_rc 0
  assert_file_eq "$SRC/hello.txt" "$out/hello.txt"
  assert_file_eq "$SRC/random.bin" "$out/random.bin"

  run_coras logout "$REGISTRY"
  assert_rc 0
  assert_eq "Removing login credentials for $REGISTRY" "$OUT" "stdout of logout"
  assert_not_contains "$(pass_entries)" "$pass_key" "pass ls after logout"
  reply=$(helper_get "$REGISTRY")
  assert_eq "{\"ServerURL\":\"$REGISTRY\",\"Username\":\"\",\"Secret\":\"\"}" "$reply" \
    "docker-credential-pass get $REGISTRY after logout"
  assert_no_secret "$config"

  cd "$SRC"
  run_coras push --ca-file "$CA_FILE" "$REGISTRY/demo/$name:v2" hello.txt
  cd - >/dev/null
  assert_rc 1
  assert_error_line "unauthorized"
}

test_credsstore_end_to_end()
{
  login_push_pull_logout credsstore-e2e '{"credsStore":"pass"}'
  assert_eq pass "$(json_query "$(docker_config_file)" 'd["credsStore"]')" "credsStore kept"
}

test_credhelpers_end_to_end()
{
  login_push_pull_logout credhelpers-e2e "{\"credHelpers\":{\"$REGISTRY\":\"pass\"}}"
  assert_eq pass "$(json_query "$(docker_config_file)" "d['credHelpers']['$REGISTRY']")" \
    "credHelpers entry kept"
}

# A helper that fails with the secret on stdout and stderr: coras reports the exit status and
# byte counts on one line, and neither output reaches the user.
test_failing_helper_output_never_shown()
{
  local bin="$TEST_DIR/leaky-bin"
  mkdir -p "$bin"
  cat >"$bin/docker-credential-leaky" <<EOF
#!/bin/sh
cat >/dev/null
echo "leaked $SECRET on stdout"
echo "leaked $SECRET on stderr" >&2
exit 1
EOF
  chmod 755 "$bin/docker-credential-leaky"
  use_docker_config leaky
  printf '{"credsStore":"leaky"}\n' >"$(docker_config_file)"
  PATH="$bin:$PATH" run_coras logout leaky.example:5000
  assert_rc 1
  assert_one_line_error "docker-credential-leaky get leaky.example:5000: exit status 1" \
    "bytes on stdout" "not shown"
  assert_not_contains "$ERR" "$SECRET" "stderr of coras"
  assert_not_contains "$OUT" "$SECRET" "stdout of coras"
}

test_no_secret_in_output()
{
  local -a logs=()
  # (The registry's log shows the URLs coras used: no user-info in them either.)
  [[ $HAVE_REGISTRY == yes ]] && logs+=("$REGISTRY_LOG")
  assert_no_secret_leaked "${logs[@]}"
}

run_test "docker-credential-pass behaves as registry-facts.md says" test_pass_helper_behaves_as_documented
run_test "put/get/erase through credsStore and credHelpers (unit binary)" test_store_through_pass
run_test "credsStore: config.json holds no secret" test_credsstore_config_holds_no_secret
run_test "credHelpers: config.json holds no secret" test_credhelpers_config_holds_no_secret
run_test "the secrets live in pass" test_secrets_are_in_pass
run_test "credsStore pass: login, push, pull, logout" test_credsstore_end_to_end
run_test "credHelpers {HOST: pass}: login, push, pull, logout" test_credhelpers_end_to_end
run_test "a failing helper's output is never shown" test_failing_helper_output_never_shown
run_test "no secret in any coras output" test_no_secret_in_output
finish
