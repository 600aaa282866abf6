# shellcheck shell=bash
# lib/token_server.sh: the token server (token_server.py) and registries that use it.
# Sourced by ../lib.sh after the parts before it; not a suite, not to be sourced alone.

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
  script="$INTEGRATION_DIR/token_server.py"
  [[ -x $PYTHON ]] || skip "$PYTHON not installed"
  "$PYTHON" -B -c 'import jwt, cryptography' 2>/dev/null ||
    skip "python3-jwt and python3-cryptography are needed by the token server"
  [[ -n ${TOKEN_KEY:-} ]] || make_token_keys "$TEST_DIR/token-keys"
  port_file="$TEST_DIR/token-server.port"
  log="$TEST_DIR/token-server.log"
  rm -f "$port_file"
  local -a cmd=("$PYTHON" -B "$script" --port 0 --port-file "$port_file" --issuer "$TOKEN_ISSUER"
    --service "$TOKEN_SERVICE" --key "$TOKEN_KEY" --cert "$TOKEN_CERT" --users "$users" "$@")
  : >"$log"
  spawn_server "$log" "${cmd[@]}"
  pid=$SPAWNED_PID
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
