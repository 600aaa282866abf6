#!/usr/bin/env bash
# test_auth_htpasswd.sh: `coras login`/`logout` and credentialed push/pull/inspect against a real
# docker-registry with `auth: htpasswd` (bcrypt) served over TLS by a throwaway CA
# (registry-facts.md §2b). The reference host is 127.0.0.1:PORT, so coras speaks https and must
# be given the CA with --ca-file. Credentials land in $DOCKER_CONFIG/config.json as docker writes
# them; every case gets its own DOCKER_CONFIG. The last case checks that no password appeared in
# any output of coras, --debug traces included.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry htpasswd openssl curl base64 sha256sum cmp "$PYTHON"

ALICE_PW="alice-pw-$RANDOM$RANDOM"
BOB_PW="bob-pw-$RANDOM$RANDOM"
# A password with a colon, spaces, UTF-8 and shell characters.
CAROL_PW="c:ol p\$w wörd! $RANDOM$RANDOM"
register_secret "$ALICE_PW" "$BOB_PW" "$CAROL_PW" "$(printf 'alice:%s' "$ALICE_PW" | base64 -w0)" \
  "$(printf 'bob:%s' "$BOB_PW" | base64 -w0)" "$(printf 'carol:%s' "$CAROL_PW" | base64 -w0)"

make_test_ca "$TEST_DIR/tls"
start_htpasswd_registry main "alice:$ALICE_PW" "bob:$BOB_PW" "carol:$CAROL_PW"

# Files to push: a small text file and 1 MiB of random bytes.
SRC="$TEST_DIR/src"
mkdir -p "$SRC"
printf 'hello from an authenticated push\n' >"$SRC/hello.txt"
head -c $((1024 * 1024)) /dev/urandom >"$SRC/random.bin"

# login_alice: `coras login` as alice with the password on stdin; the login must succeed.
login_alice()
{
  run_coras_stdin "$ALICE_PW"$'\n' login "$REGISTRY" -u alice --password-stdin \
    --ca-file "$CA_FILE" "$@"
  assert_rc 0
}

# push_files REF [OPTION...]: pushes hello.txt and random.bin from $SRC to REF (run_coras).
push_files()
{
  local ref=$1
  shift
  cd "$SRC"
  run_coras push --ca-file "$CA_FILE" "$@" "$ref" hello.txt random.bin
  cd - >/dev/null
}

# assert_pulled DIR: DIR holds exactly the pushed files, byte for byte.
assert_pulled()
{
  assert_file_eq "$SRC/hello.txt" "$1/hello.txt"
  assert_file_eq "$SRC/random.bin" "$1/random.bin"
  assert_eq 2 "$(find "$1" -type f | wc -l | tr -d ' ')" "number of files pulled into $1"
}

# --- login ----------------------------------------------------------------------------------------

test_login_stores_auths_entry()
{
  use_docker_config login-ok
  run_coras login "$REGISTRY" -u alice -p "$ALICE_PW" --ca-file "$CA_FILE"
  assert_rc 0
  assert_contains "$OUT" "Login Succeeded" "stdout of login"
  [[ ${ERR,,} == *insecure* || ${ERR,,} == *visible* ]] ||
    fail "login -p should warn (insecure/visible) on stderr; stderr was:
$ERR"
  assert_auth_entry "$(docker_config_file)" "$REGISTRY" alice "$ALICE_PW"
}

test_login_password_stdin()
{
  use_docker_config login-stdin
  login_alice
  assert_contains "$OUT" "Login Succeeded" "stdout of login"
  # The trailing newline is not part of the password.
  assert_auth_entry "$(docker_config_file)" "$REGISTRY" alice "$ALICE_PW"
}

test_login_password_with_odd_characters()
{
  local out
  use_docker_config login-odd
  run_coras_stdin "$CAROL_PW" login "$REGISTRY" -u carol --password-stdin --ca-file "$CA_FILE"
  assert_rc 0
  assert_auth_entry "$(docker_config_file)" "$REGISTRY" carol "$CAROL_PW"
  push_files "$REGISTRY/demo/odd:v1"
  assert_rc 0
  out=$(case_dir odd-out)
  run_coras pull --ca-file "$CA_FILE" "$REGISTRY/demo/odd:v1" -o "$out"
  assert_rc 0
  assert_pulled "$out"
}

test_login_wrong_password()
{
  use_docker_config login-wrong
  run_coras_stdin "not-$ALICE_PW" login "$REGISTRY" -u alice --password-stdin --ca-file "$CA_FILE"
  assert_rc 1
  assert_one_line_error "unauthorized" "username or password"
  assert_not_contains "$OUT" "Login Succeeded" "stdout of a failed login"
  assert_no_stored_credential "$(docker_config_file)" "$REGISTRY"
}

test_login_without_password_does_not_prompt()
{
  use_docker_config login-no-password
  CORAS_TIMEOUT=20
  # stdin is /dev/null, not a terminal: coras must fail at once instead of prompting.
  run_coras login "$REGISTRY" -u alice --ca-file "$CA_FILE"
  assert_rc 2
  assert_contains "${ERR,,}" "password" "stderr of login without a password"
  assert_no_stored_credential "$(docker_config_file)" "$REGISTRY"
}

test_login_without_ca_file_fails_tls()
{
  use_docker_config login-no-ca
  run_coras_stdin "$ALICE_PW" login "$REGISTRY" -u alice --password-stdin
  assert_rc 1
  assert_one_line_error_any certificate TLS
  assert_no_stored_credential "$(docker_config_file)" "$REGISTRY"
}

test_login_wrong_ca_file()
{
  use_docker_config login-wrong-ca
  run_coras_stdin "$ALICE_PW" login "$REGISTRY" -u alice --password-stdin --ca-file "$OTHER_CA_FILE"
  assert_rc 1
  assert_one_line_error_any certificate TLS
  assert_no_stored_credential "$(docker_config_file)" "$REGISTRY"
}

# --- push, pull, inspect --------------------------------------------------------------------------

test_push_pull_with_stored_credentials()
{
  local digest out manifest="$TEST_DIR/stored-manifest.json"
  use_docker_config stored
  login_alice
  push_files "$REGISTRY/demo/stored:v1"
  assert_rc 0
  digest=$(printed_digest)
  # What the registry holds (checked with curl as alice).
  REGISTRY_CURL_ARGS+=(-u "alice:$ALICE_PW")
  fetch_manifest demo/stored v1 "$manifest"
  assert_eq "$(sha256_of "$manifest")" "$digest" "printed digest vs the served manifest"

  out=$(case_dir stored-out)
  run_coras pull --ca-file "$CA_FILE" "$REGISTRY/demo/stored:v1" -o "$out"
  assert_rc 0
  assert_pulled "$out"

  run_coras inspect --ca-file "$CA_FILE" "$REGISTRY/demo/stored:v1"
  assert_rc 0
  assert_contains "$OUT" "$digest" "inspect output"
  assert_contains "$OUT" "$(sha256_of "$SRC/random.bin")" "inspect output"
}

test_push_with_flags_without_login()
{
  local out
  use_docker_config flags
  push_files "$REGISTRY/demo/flags:v1" -u alice -p "$ALICE_PW"
  assert_rc 0
  printed_digest >/dev/null
  # Nothing is stored by a push.
  assert_no_path "$(docker_config_file)"

  out=$(case_dir flags-out)
  run_coras_stdin "$BOB_PW" pull --ca-file "$CA_FILE" -u bob --password-stdin \
    "$REGISTRY/demo/flags:v1" -o "$out"
  assert_rc 0
  assert_pulled "$out"
  assert_no_path "$(docker_config_file)"
}

test_push_without_credentials_is_unauthorized()
{
  use_docker_config anonymous
  push_files "$REGISTRY/demo/anonymous:v1"
  assert_rc 1
  assert_error_line "unauthorized"
}

test_pull_wrong_password_flags()
{
  local out
  use_docker_config pull-wrong
  out=$(case_dir pull-wrong-out)
  run_coras_stdin "not-$BOB_PW" pull --ca-file "$CA_FILE" -u bob --password-stdin \
    "$REGISTRY/demo/flags:v1" -o "$out"
  assert_rc 1
  assert_error_line "unauthorized"
  assert_empty_or_absent_dir "$out"
}

# --- logout ---------------------------------------------------------------------------------------

test_logout_removes_credentials()
{
  local config
  use_docker_config logout
  config=$(docker_config_file)
  login_alice
  assert_auth_entry "$config" "$REGISTRY" alice "$ALICE_PW"

  run_coras logout "$REGISTRY"
  assert_rc 0
  assert_eq "Removing login credentials for $REGISTRY" "$OUT" "stdout of logout"
  assert_no_stored_credential "$config" "$REGISTRY"
  [[ ! -e $config ]] || assert_file_mode "$config" 600

  push_files "$REGISTRY/demo/after-logout:v1"
  assert_rc 1
  assert_error_line "unauthorized"

  # Logging out again is not an error (docker and oras agree).
  run_coras logout "$REGISTRY"
  assert_rc 0
  assert_eq "Not logged in to $REGISTRY" "$OUT" "stdout of a second logout"
}

test_registry_config_flag()
{
  local auth_file out
  use_docker_config registry-config
  auth_file="$DOCKER_CONFIG/elsewhere/auth.json"
  mkdir -p "$(dirname "$auth_file")"
  login_alice --registry-config "$auth_file"
  assert_auth_entry "$auth_file" "$REGISTRY" alice "$ALICE_PW"
  assert_no_path "$(docker_config_file)"

  push_files "$REGISTRY/demo/registry-config:v1" --registry-config "$auth_file"
  assert_rc 0
  out=$(case_dir registry-config-out)
  run_coras pull --ca-file "$CA_FILE" --registry-config "$auth_file" \
    "$REGISTRY/demo/registry-config:v1" -o "$out"
  assert_rc 0
  assert_pulled "$out"
  # Without the flag coras reads $DOCKER_CONFIG/config.json, which holds nothing.
  push_files "$REGISTRY/demo/registry-config:v2"
  assert_rc 1
  assert_error_line "unauthorized"

  run_coras logout "$REGISTRY" --registry-config "$auth_file"
  assert_rc 0
  assert_no_stored_credential "$auth_file" "$REGISTRY"
}

# --- debug and secrets ----------------------------------------------------------------------------

test_debug_trace()
{
  local out
  use_docker_config debug
  login_alice -d
  assert_debug_trace
  push_files "$REGISTRY/demo/debug:v1" -d
  assert_rc 0
  assert_debug_trace
  assert_contains "$ERR" "[debug] PUT https://$REGISTRY/v2/demo/debug/blobs/" "debug trace of push"
  assert_contains "$ERR" "[debug] PUT https://$REGISTRY/v2/demo/debug/manifests/v1 -> 201" \
    "debug trace of push"
  out=$(case_dir debug-out)
  run_coras pull -d --ca-file "$CA_FILE" -u alice -p "$ALICE_PW" "$REGISTRY/demo/debug:v1" -o "$out"
  assert_rc 0
  assert_debug_trace
  assert_pulled "$out"
}

test_no_secret_in_output()
{
  # (The registry's log shows the URLs coras used: no user-info in them either.)
  assert_no_secret_leaked "$REGISTRY_LOG"
}

run_test "login stores a base64 auths entry in config.json (mode 600)" test_login_stores_auths_entry
run_test "login --password-stdin" test_login_password_stdin
run_test "a password with ':', spaces and UTF-8" test_login_password_with_odd_characters
run_test "login with a wrong password: exit 1, one line, nothing stored" test_login_wrong_password
run_test "login without a password on a non-terminal stdin: exit 2, no prompt" \
  test_login_without_password_does_not_prompt
run_test "login without --ca-file: TLS verification fails" test_login_without_ca_file_fails_tls
run_test "login with an unrelated CA in --ca-file fails" test_login_wrong_ca_file
run_test "push, pull and inspect with stored credentials" test_push_pull_with_stored_credentials
run_test "push -u/-p and pull --password-stdin without login" test_push_with_flags_without_login
run_test "push without credentials: unauthorized" test_push_without_credentials_is_unauthorized
run_test "pull with a wrong password: unauthorized, nothing written" test_pull_wrong_password_flags
run_test "logout removes the entry; a push then fails" test_logout_removes_credentials
run_test "--registry-config PATH for login, push, pull, logout" test_registry_config_flag
run_test "--debug: one line per request, no credentials" test_debug_trace
run_test "no password in any coras output" test_no_secret_in_output
finish
