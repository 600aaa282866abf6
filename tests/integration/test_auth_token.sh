#!/usr/bin/env bash
# test_auth_token.sh: coras against a real docker-registry with `auth: token` and the test token
# server token_server.py (registry-facts.md §2c): login/logout, push/pull/inspect with stored
# credentials, a pull-only user's push (insufficient scope), one token round-trip per push,
# identity (refresh) tokens through the OAuth2 POST grant, and anonymous pulls of public/*.
# The registry is localhost:PORT, which coras reaches over plain http by itself. Token counts come
# from the token server's /_stats. The last case checks that no password or token appeared in any
# output of coras, --debug traces included.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry openssl curl base64 sha256sum cmp "$PYTHON"

ALICE_PW="alice-pw-$RANDOM$RANDOM"
BOB_PW="bob-pw-$RANDOM$RANDOM"
register_secret "$ALICE_PW" "$BOB_PW" "$(printf 'alice:%s' "$ALICE_PW" | base64 -w0)" \
  "$(printf 'bob:%s' "$BOB_PW" | base64 -w0)"

start_token_registry main "alice:$ALICE_PW,bob:$BOB_PW"

SRC="$TEST_DIR/src"
mkdir -p "$SRC"
printf 'hello from a token-authenticated push\n' >"$SRC/hello.txt"
head -c $((512 * 1024)) /dev/urandom >"$SRC/random.bin"
printf 'layer three\n' >"$SRC/three.txt"
printf '{"kind":"coras-test-config"}' >"$SRC/config.json"

# seed_artifact REPO TAG: puts hello.txt and random.bin (with title annotations) and an empty
# config into REPO:TAG with curl and a token for alice, so that pull cases do not depend on
# coras's push.
seed_artifact()
{
  local repo=$1 tag=$2 config="$TEST_DIR/seed-config.json" manifest="$TEST_DIR/seed-manifest.json"
  local hello random
  REGISTRY_CURL_ARGS=(-H "Authorization: Bearer $(token_for "alice:$ALICE_PW" \
    "repository:$repo:pull,push")")
  printf '{}' >"$config"
  upload_blob "$repo" "$config" >/dev/null
  hello=$(upload_blob "$repo" "$SRC/hello.txt")
  random=$(upload_blob "$repo" "$SRC/random.bin")
  "$PYTHON" -B - "$OCI_MANIFEST_TYPE" "$(sha256_of "$config")" "$hello" \
    "$(size_of "$SRC/hello.txt")" "$random" "$(size_of "$SRC/random.bin")" >"$manifest" <<'EOF'
import json, sys
media_type, config, hello, hello_size, rand, rand_size = sys.argv[1:]
def layer(media, digest, size, title):
    return {"mediaType": media, "digest": digest, "size": int(size),
            "annotations": {"org.opencontainers.image.title": title}}
json.dump({"schemaVersion": 2, "mediaType": media_type,
           "config": {"mediaType": "application/vnd.oci.empty.v1+json", "digest": config,
                      "size": 2},
           "layers": [layer("text/plain", hello, hello_size, "hello.txt"),
                      layer("application/octet-stream", rand, rand_size, "random.bin")]},
          sys.stdout)
EOF
  put_manifest "$repo" "$tag" "$manifest" >/dev/null
  REGISTRY_CURL_ARGS=()
}

# login_as USER PASSWORD [OPTION...]: `coras login` with the password on stdin; must succeed.
login_as()
{
  local user=$1 password=$2
  shift 2
  run_coras_stdin "$password"$'\n' login "$REGISTRY" -u "$user" --password-stdin "$@"
  assert_rc 0
}

# push_files REF [OPTION...]: pushes hello.txt and random.bin from $SRC to REF (run_coras).
push_files()
{
  local ref=$1
  shift
  cd "$SRC"
  run_coras push "$@" "$ref" hello.txt random.bin
  cd - >/dev/null
}

# assert_pulled DIR: DIR holds exactly hello.txt and random.bin, byte for byte.
assert_pulled()
{
  assert_file_eq "$SRC/hello.txt" "$1/hello.txt"
  assert_file_eq "$SRC/random.bin" "$1/random.bin"
  assert_eq 2 "$(find "$1" -type f | wc -l | tr -d ' ')" "number of files pulled into $1"
}

# stats_delta BEFORE_JSON KEY: how much count KEY (see token_stats) grew since BEFORE_JSON.
stats_delta()
{
  local before now
  before=$(printf '%s' "$1" | "$PYTHON" -B -c '
import json, sys
d = json.load(sys.stdin)
key = sys.argv[1]
print(d["requests"] if key == "requests" else d["by_grant"].get(key, 0))' "$2")
  now=$(token_stats "$2")
  printf '%s\n' $((now - before))
}

# assert_hint_names_registry: when the last error suggests a `coras login` command, that command
# names the registry (not, say, the token server's realm).
assert_hint_names_registry()
{
  [[ $ERR != *"coras login "* || $ERR == *"coras login $REGISTRY"* ]] ||
    fail "the hint should name the registry ($REGISTRY); got:
$ERR"
}

# refresh_token_for USER PASSWORD: a refresh token from the token server's OAuth2 password grant
# with offline access (POST /token), registered as a secret.
refresh_token_for()
{
  local answer token
  answer=$(curl -fsS --max-time 10 --data-urlencode grant_type=password \
    --data-urlencode "username=$1" --data-urlencode "password=$2" \
    --data-urlencode client_id=coras-tests --data-urlencode access_type=offline \
    --data-urlencode "service=$TOKEN_SERVICE" "$TOKEN_URL/token") ||
    fail "POST $TOKEN_URL/token (password grant) failed"
  token=$(printf '%s' "$answer" | "$PYTHON" -B -c \
    'import json, sys; print(json.load(sys.stdin)["refresh_token"])') ||
    fail "no refresh_token in the token server's answer"
  register_secret "$token"
  printf '%s\n' "$token"
}

seed_artifact demo/seed v1
seed_artifact public/seed v1

# --- login and basic use --------------------------------------------------------------------------

test_login()
{
  use_docker_config login
  login_as alice "$ALICE_PW"
  assert_contains "$OUT" "Login Succeeded" "stdout of login"
  assert_auth_entry "$(docker_config_file)" "$REGISTRY" alice "$ALICE_PW"
}

test_login_wrong_password()
{
  use_docker_config login-wrong
  run_coras_stdin "not-$ALICE_PW" login "$REGISTRY" -u alice --password-stdin
  assert_rc 1
  assert_one_line_error "unauthorized" "username or password"
  assert_hint_names_registry
  assert_no_stored_credential "$(docker_config_file)" "$REGISTRY"
}

test_login_unknown_identity_token()
{
  use_docker_config login-bad-identity
  register_secret "bogus-refresh-token-$$"
  run_coras_stdin "bogus-refresh-token-$$" login "$REGISTRY" --identity-token-stdin
  assert_rc 1
  assert_one_line_error "unauthorized"
  assert_hint_names_registry
  assert_no_stored_credential "$(docker_config_file)" "$REGISTRY"
}

test_push_pull_inspect()
{
  local digest out
  use_docker_config stored
  login_as alice "$ALICE_PW"
  push_files "$REGISTRY/demo/app:v1"
  assert_rc 0
  digest=$(printed_digest)
  # The registry holds it (checked with curl and a token of our own).
  REGISTRY_CURL_ARGS=(-H "Authorization: Bearer $(token_for "alice:$ALICE_PW" \
    repository:demo/app:pull)")
  assert_eq "$digest" "$(head_manifest_digest demo/app v1)" "Docker-Content-Digest of demo/app:v1"

  out=$(case_dir stored-out)
  run_coras pull "$REGISTRY/demo/app:v1" -o "$out"
  assert_rc 0
  assert_pulled "$out"

  run_coras inspect "$REGISTRY/demo/app:v1"
  assert_rc 0
  assert_contains "$OUT" "$digest" "inspect output"
}

test_pull_only_user_cannot_push()
{
  local out
  use_docker_config bob
  login_as bob "$BOB_PW"
  push_files "$REGISTRY/demo/bob-tries:v1"
  assert_rc 1
  # Progress lines may come first; the error is the last line and a single one.
  assert_error_line "demo/bob-tries" "push"
  [[ ${ERR,,} == *"insufficient scope"* || ${ERR,,} == *insufficient_scope* ]] ||
    fail "the error should say 'insufficient scope'; got:
$ERR"
  # bob may still pull what alice pushed.
  out=$(case_dir bob-out)
  run_coras pull "$REGISTRY/demo/seed:v1" -o "$out"
  assert_rc 0
  assert_pulled "$out"
}

test_push_makes_one_token_request()
{
  local before
  use_docker_config one-token
  login_as alice "$ALICE_PW"
  before=$(token_stats)
  cd "$SRC"
  run_coras push "$REGISTRY/demo/three-layers:v1" \
    --config "config.json:application/vnd.coras.test.config.v1+json" hello.txt random.bin three.txt
  cd - >/dev/null
  assert_rc 0
  printed_digest >/dev/null
  assert_eq 1 "$(stats_delta "$before" requests)" \
    "token requests for a push of 3 layers and a config (before: $before, after: $(token_stats))"
  assert_eq 1 "$(stats_delta "$before" get)" "GET /token requests"
  # That one token carried pull and push.
  tail -n 1 "$TOKEN_LOG" | grep -qE 'granted=repository:demo/three-layers:(pull,push|push,pull) ' ||
    fail "the token should cover pull and push of demo/three-layers; token server log:
$(tail -n 1 "$TOKEN_LOG")"
}

test_chunked_push_and_mount()
{
  local out digest
  use_docker_config chunked
  login_as alice "$ALICE_PW"
  digest=sha256:$(sha256sum "$SRC/random.bin" | cut -d' ' -f1)
  # 512 KiB in PATCHes of 128 KiB, each carrying the token.
  push_files "$REGISTRY/demo/chunked:v1" --chunk-size 128K
  assert_rc 0
  out=$(case_dir chunked-out)
  run_coras pull "$REGISTRY/demo/chunked:v1" -o "$out"
  assert_rc 0
  assert_pulled "$out"
  # A mount from another repository needs pull on it too: the registry's challenge asks for it.
  push_files "$REGISTRY/demo/mounted:v1" --from demo/chunked
  assert_rc 0
  assert_contains "$ERR" "Mounted     ${digest:7:12} random.bin" "progress lines"
  out=$(case_dir mounted-out)
  run_coras pull "$REGISTRY/demo/mounted:v1" -o "$out"
  assert_rc 0
  assert_pulled "$out"
}

test_logout()
{
  local config
  use_docker_config logout
  config=$(docker_config_file)
  login_as alice "$ALICE_PW"
  run_coras logout "$REGISTRY"
  assert_rc 0
  assert_eq "Removing login credentials for $REGISTRY" "$OUT" "stdout of logout"
  assert_no_stored_credential "$config" "$REGISTRY"
  # Anonymous now: the token server grants nothing on demo/*, which the registry reports as
  # insufficient_scope (a 401) rather than a plain "authentication required".
  push_files "$REGISTRY/demo/after-logout:v1"
  assert_rc 1
  assert_error_line "demo/after-logout"
}

# --- identity tokens ------------------------------------------------------------------------------

test_identity_token_login()
{
  local refresh before out config
  use_docker_config identity-login
  config=$(docker_config_file)
  refresh=$(refresh_token_for alice "$ALICE_PW")
  run_coras_stdin "$refresh"$'\n' login "$REGISTRY" --identity-token-stdin
  assert_rc 0
  assert_contains "$OUT" "Login Succeeded" "stdout of login"
  assert_file_mode "$config" 600
  assert_eq "$refresh" \
    "$(json_query "$config" "d['auths']['$REGISTRY'].get('identitytoken', '')")" \
    "auths[\"$REGISTRY\"].identitytoken"
  assert_not_contains "$(cat -- "$config")" "$ALICE_PW" "$config"

  before=$(token_stats)
  push_files "$REGISTRY/demo/identity:v1"
  assert_rc 0
  assert_eq 1 "$(stats_delta "$before" requests)" "token requests for the push"
  assert_eq 1 "$(stats_delta "$before" post:refresh_token)" "POST grant_type=refresh_token requests"

  before=$(token_stats)
  out=$(case_dir identity-login-out)
  run_coras pull "$REGISTRY/demo/identity:v1" -o "$out"
  assert_rc 0
  assert_pulled "$out"
  assert_ne 0 "$(stats_delta "$before" post:refresh_token)" "POST grant_type=refresh_token requests"
  assert_eq 0 "$(stats_delta "$before" get)" "GET /token requests (the identity token is a POST)"
  assert_eq 0 "$(stats_delta "$before" post:password)" "POST grant_type=password requests"
}

test_identity_token_in_config_json()
{
  local refresh before out config
  use_docker_config identity-config
  config=$(docker_config_file)
  refresh=$(refresh_token_for alice "$ALICE_PW")
  printf '{"auths":{"%s":{"identitytoken":"%s"}}}\n' "$REGISTRY" "$refresh" >"$config"
  chmod 600 "$config"
  before=$(token_stats)
  out=$(case_dir identity-config-out)
  run_coras pull "$REGISTRY/demo/seed:v1" -o "$out"
  assert_rc 0
  assert_pulled "$out"
  assert_ne 0 "$(stats_delta "$before" post:refresh_token)" "POST grant_type=refresh_token requests"
  assert_eq 0 "$(stats_delta "$before" get)" "GET /token requests"
}

test_identity_token_flag()
{
  local refresh before
  use_docker_config identity-flag
  refresh=$(refresh_token_for alice "$ALICE_PW")
  before=$(token_stats)
  push_files "$REGISTRY/demo/identity-flag:v1" --identity-token "$refresh"
  assert_rc 0
  assert_eq 1 "$(stats_delta "$before" post:refresh_token)" "POST grant_type=refresh_token requests"
  assert_no_path "$(docker_config_file)"
}

# --- anonymous ------------------------------------------------------------------------------------

test_anonymous_pull_of_public()
{
  local out before
  use_docker_config anonymous
  before=$(token_stats)
  out=$(case_dir public-out)
  run_coras pull "$REGISTRY/public/seed:v1" -o "$out"
  assert_rc 0
  assert_pulled "$out"
  assert_ne 0 "$(stats_delta "$before" get)" "GET /token requests (anonymous)"
  assert_no_path "$(docker_config_file)"

  # Elsewhere anonymous access is refused, and nobody may push anonymously.
  out=$(case_dir private-out)
  run_coras pull "$REGISTRY/demo/seed:v1" -o "$out"
  assert_rc 1
  assert_error_line
  push_files "$REGISTRY/public/seed:v2"
  assert_rc 1
  assert_error_line
}

# --- debug and secrets ----------------------------------------------------------------------------

test_debug_trace()
{
  local refresh out
  use_docker_config debug
  login_as alice "$ALICE_PW" -d
  assert_debug_trace
  push_files "$REGISTRY/demo/debug:v1" -d
  assert_rc 0
  assert_debug_trace
  assert_contains "$ERR" "[debug] GET $TOKEN_URL/token?" "debug trace of push"
  assert_contains "$ERR" "[debug] PUT http://$REGISTRY/v2/demo/debug/manifests/v1 -> 201" \
    "debug trace of push"
  # An upload session's signed _state never shows; the digest does.
  assert_contains "$ERR" "?_state=REDACTED&digest=sha256:" "debug trace of push"
  if grep -qE '_state=([^R]|R[^E])' <<<"$ERR"; then
    fail "an upload session's _state reached the debug trace: $(grep -m1 -oE '_state=[^&]{0,24}' <<<"$ERR")"
  fi

  refresh=$(refresh_token_for alice "$ALICE_PW")
  out=$(case_dir debug-out)
  run_coras pull -d --identity-token "$refresh" "$REGISTRY/demo/debug:v1" -o "$out"
  assert_rc 0
  assert_debug_trace
  assert_contains "$ERR" "[debug] POST $TOKEN_URL/token -> 200" "debug trace of pull"
  assert_pulled "$out"
}

test_no_secret_in_output()
{
  # (The logs show the URLs coras used: no secret in them either.)
  assert_no_secret_leaked "$TOKEN_LOG" "$REGISTRY_LOG"
}

run_test "login stores a base64 auths entry" test_login
run_test "login with a wrong password: exit 1, one line, nothing stored" test_login_wrong_password
run_test "login with an unknown identity token: exit 1, nothing stored" \
  test_login_unknown_identity_token
run_test "push, pull and inspect with stored credentials" test_push_pull_inspect
run_test "a pull-only user's push: insufficient scope" test_pull_only_user_cannot_push
run_test "a push of 3 layers and a config makes one token request" test_push_makes_one_token_request
run_test "chunked push and a mount --from with a token" test_chunked_push_and_mount
run_test "logout removes the entry" test_logout
run_test "login --identity-token-stdin; push and pull by refresh token" test_identity_token_login
run_test "identitytoken written in config.json" test_identity_token_in_config_json
run_test "push --identity-token without login" test_identity_token_flag
run_test "anonymous pull of public/*; nothing else anonymously" test_anonymous_pull_of_public
run_test "--debug: one line per request, token requests included, no credentials" test_debug_trace
run_test "no password or token in any coras output" test_no_secret_in_output
finish
