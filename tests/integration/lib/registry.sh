# shellcheck shell=bash
# lib/registry.sh: the registry: docker-registry instances, plain, htpasswd over TLS.
# Sourced by ../lib.sh after the parts before it; not a suite, not to be sourced alone.

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
    spawn_server "$log" "$bin" serve "$config"
    pid=$SPAWNED_PID
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
