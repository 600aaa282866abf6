#!/usr/bin/env bash
# test_credential_helpers.sh: coras's credential store against the real docker-credential-pass
# (Debian golang-docker-credential-helpers 0.6.4) with pass and gpg set up non-interactively in
# a throwaway HOME (reference/registry-facts.md §3).
#
# Until `coras login` exists, the store is driven through the unit test binary
# test_credentials_helper_store, whose "real docker-credential-pass" cases run only when
# CORAS_TEST_PASS_HOME is set. Its path: $CORAS_UNIT_DIR/test_credentials_helper_store, else
# $(dirname "$CORAS")/../tests/test_credentials_helper_store (the build tree's layout).
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-credential-pass pass gpg gpgconf base64 "$PYTHON"

if [[ -n ${CORAS_UNIT_DIR:-} ]]; then
  UNIT_BINARY="$CORAS_UNIT_DIR/test_credentials_helper_store"
else
  UNIT_BINARY="$(dirname "$CORAS")/../tests/test_credentials_helper_store"
fi
[[ -x $UNIT_BINARY ]] || skip "unit test binary $UNIT_BINARY not built"

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

test_pass_helper_behaves_as_documented()
{
  local reply
  reply=$(helper_get https://127.0.0.1:15099)
  assert_eq '{"ServerURL":"https://127.0.0.1:15099","Username":"","Secret":""}' "$reply" \
    "get of a missing entry (pass 0.6.4: exit 0, empty fields)"
  printf '{"ServerURL":"%s","Username":"dave","Secret":"%s"}' "$PRESTORED" "$PRESTORED_SECRET" |
    docker-credential-pass store
  reply=$(helper_get "$PRESTORED")
  assert_contains "$reply" "\"Secret\":\"$PRESTORED_SECRET\"" "get after store"
}

test_store_through_pass()
{
  local out rc=0
  out=$(CORAS_TEST_PASS_HOME="$HOME" CORAS_TEST_PASS_SECRET="$SECRET" \
    CORAS_TEST_PASS_PRESTORED="$PRESTORED" CORAS_TEST_PASS_PRESTORED_SECRET="$PRESTORED_SECRET" \
    timeout 300 "$UNIT_BINARY" --test-case='*real docker-credential-pass*' 2>&1) || rc=$?
  printf '%s\n' "$out" | sed 's/^/    /'
  assert_eq 0 "$rc" "exit code of $UNIT_BINARY"
  [[ $out =~ test\ cases:\ +2\ \|\ +2\ passed\ \|\ 0\ failed ]] ||
    fail "doctest should report 2 test cases run and passed"
  assert_not_contains "$out" "CORAS_TEST_PASS_HOME not set" "doctest output"
}

test_credsstore_config_holds_no_secret()
{
  local config="$HOME/credsstore/config.json"
  assert_no_secret "$config"
  assert_eq '{}' "$(json_query "$config" 'd["auths"]["keep.example:5000"]')" \
    "auths entry kept by docker's rule"
  assert_eq keep-me "$(json_query "$config" 'd["psFormat"]')" "unknown member psFormat"
  assert_eq pass "$(json_query "$config" 'd["credsStore"]')" "credsStore"
}

test_credhelpers_config_holds_no_secret()
{
  local config="$HOME/credhelpers/config.json"
  assert_no_secret "$config"
  assert_eq '{}' "$(json_query "$config" 'd["auths"]["helped.example:5000"]')" "helped host entry"
  # The host without a helper is plaintext, as docker does.
  assert_eq "$(printf 'carol:plaintext-pw' | base64 -w0)" \
    "$(json_query "$config" 'd["auths"]["plain.example:5000"]["auth"]')" "plaintext host entry"
}

test_secrets_are_in_pass()
{
  local reply
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

run_test "docker-credential-pass behaves as registry-facts.md says" test_pass_helper_behaves_as_documented
run_test "put/get/erase through credsStore and credHelpers (unit binary)" test_store_through_pass
run_test "credsStore: config.json holds no secret" test_credsstore_config_holds_no_secret
run_test "credHelpers: config.json holds no secret" test_credhelpers_config_holds_no_secret
run_test "the secrets live in pass" test_secrets_are_in_pass
finish
