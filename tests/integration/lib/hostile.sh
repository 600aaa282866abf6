# shellcheck shell=bash
# lib/hostile.sh: scripted hostile servers (hostile_server.py) and what reached them.
# Sourced by ../lib.sh after the parts before it; not a suite, not to be sourced alone.

# start_hostile_server NAME [OPTION...]: starts hostile_server.py on a free port with the script
# $TEST_DIR/NAME.json (an empty route list unless it exists; rewrite it with hostile_routes at any
# time) and OPTIONs (`--bind 0.0.0.0`, `--tls-cert C --tls-key K --client-ca CA`). Sets
# HOSTILE_PORT, HOSTILE_LOG ($TEST_DIR/NAME.jsonl, one JSON line per request) and HOSTILE_PID.
# Fails, showing its output, when it does not listen within 10 s.
start_hostile_server()
{
  local name=$1 script port_file out pid i
  shift
  [[ -x $PYTHON ]] || skip "$PYTHON not installed"
  script="$TEST_DIR/$name.json"
  port_file="$TEST_DIR/$name.port"
  out="$TEST_DIR/$name.out"
  [[ -e $script ]] || printf '{"routes": []}\n' >"$script"
  rm -f "$port_file"
  : >"$TEST_DIR/$name.jsonl"
  spawn_server "$out" "$PYTHON" -B "$INTEGRATION_DIR/hostile_server.py" --script "$script" \
    --port-file "$port_file" --log "$TEST_DIR/$name.jsonl" "$@"
  pid=$SPAWNED_PID
  for ((i = 0; i < 100; i++)); do
    if [[ -s $port_file ]]; then
      # shellcheck disable=SC2034 # used by the suites
      declare -g HOSTILE_PORT HOSTILE_LOG="$TEST_DIR/$name.jsonl" HOSTILE_PID="$pid"
      HOSTILE_PORT=$(cat "$port_file")
      return 0
    fi
    pid_alive "$pid" || break
    sleep 0.1
  done
  stop_pid "$pid"
  fail "hostile server $name did not start: $(cat "$out")"
}

# hostile_routes NAME JSON: replaces server NAME's script with {"routes": JSON}.
hostile_routes()
{
  printf '{"routes": %s}\n' "$2" >"$TEST_DIR/$1.json.tmp"
  mv "$TEST_DIR/$1.json.tmp" "$TEST_DIR/$1.json"
}

# hostile_requests LOG: how many requests reached the server that writes LOG.
hostile_requests()
{
  [[ -e $1 ]] || fail "no hostile server log $1"
  wc -l <"$1" | tr -d ' '
}

# assert_nothing_reached LOG WHAT: fails naming WHAT when any request reached LOG's server.
assert_nothing_reached()
{
  local count
  count=$(hostile_requests "$1")
  [[ $count -eq 0 ]] || fail "$2: $count request(s) reached it: $(head -c 600 "$1")"
}

# assert_log_lacks LOG TEXT WHAT: fails naming WHAT when TEXT is anywhere in LOG's records
# (a header name or value, a client certificate's CN).
assert_log_lacks()
{
  if grep -qiF -- "$2" "$1"; then
    fail "$3: \"$2\" reached it: $(grep -iF -- "$2" "$1" | head -c 600)"
  fi
}
