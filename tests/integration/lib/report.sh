# shellcheck shell=bash
# lib/report.sh: reporting and cleanup: fail/skip, stopping servers, the EXIT trap, run_test, finish.
# Sourced by ../lib.sh after the parts before it; not a suite, not to be sourced alone.

# Prints `msg` on stderr and ends the current case (or the suite, outside a case) with 1.
fail()
{
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}

# Ends the suite with 125 (skipped) after printing `reason`; inside a case, skips that case only.
skip()
{
  printf 'SKIP: %s\n' "$*"
  exit 125
}

# True when process `pid` exists and is not a zombie.
pid_alive()
{
  local pid=$1 stat
  if [[ ! -r /proc/self/stat ]]; then
    kill -0 "$pid" 2>/dev/null
    return
  fi
  # (kill -0 also succeeds on zombies and on a process in the middle of exiting.)
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ -n $stat ]] || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

# spawn_server LOG CMD...: starts CMD in the background (stdin /dev/null, stdout and stderr
# appended to LOG), sent SIGTERM should this shell die without running its traps (SIGKILL; through
# setpriv --pdeathsig where there is setpriv), and records its pid in PID_FILE for on_exit. Sets
# SPAWNED_PID.
spawn_server()
{
  local log=$1
  shift
  if command -v setpriv >/dev/null 2>&1; then
    setpriv --pdeathsig TERM "$@" </dev/null >>"$log" 2>&1 &
  else
    "$@" </dev/null >>"$log" 2>&1 &
  fi
  SPAWNED_PID=$!
  printf '%s\n' "$SPAWNED_PID" >>"$PID_FILE"
}

# Stops one server: SIGTERM, up to 5 s for it to go, then SIGKILL; reaps it if it is our child.
stop_pid()
{
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    pid_alive "$pid" || break
    sleep 0.1
  done
  if pid_alive "$pid"; then
    printf 'server %s ignored SIGTERM; killing it\n' "$pid" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# Sends SIGTERM to process `pid` and all its descendants, children first.
kill_tree()
{
  local pid=$1 child
  if command -v pgrep >/dev/null 2>&1; then
    for child in $(pgrep -P "$pid"); do
      kill_tree "$child"
    done
  fi
  kill -TERM "$pid" 2>/dev/null || true
}

# Stops every server listed in the pid file (idempotent).
stop_servers()
{
  local pid
  [[ -f $PID_FILE ]] || return 0
  while read -r pid; do
    [[ -n $pid ]] && stop_pid "$pid"
  done <"$PID_FILE"
  : >"$PID_FILE"
}

# EXIT trap: stops servers, prints the summary, removes or keeps the temp dir.
on_exit()
{
  local rc=$?
  trap - EXIT INT TERM HUP
  set +e
  # A case still running means a signal ended the suite: end the case and what it started.
  if [[ -n $CASE_PID ]]; then
    kill_tree "$CASE_PID"
    wait "$CASE_PID" 2>/dev/null
  fi
  stop_servers
  # 125: `skip` (also from inside a command substitution).
  if [[ $rc == 125 ]]; then
    rm -rf "$TEST_DIR"
    printf '%d passed, %d failed\n' "$TESTS_PASSED" "$TESTS_FAILED"
    exit 125
  fi
  if [[ $SUITE_FINISHED != yes ]]; then
    printf '%s: suite aborted (exit %s)\n' "$SUITE_NAME" "$rc" >&2
    TESTS_FAILED=$((TESTS_FAILED + 1))
    ((rc != 0)) || rc=1
  fi
  if ((TESTS_FAILED == 0 && rc == 0)); then
    rm -rf "$TEST_DIR"
  else
    printf 'kept temp dir: %s\n' "$TEST_DIR"
    ((rc != 0)) || rc=1
  fi
  printf '%d passed, %d failed\n' "$TESTS_PASSED" "$TESTS_FAILED"
  exit "$rc"
}

on_signal()
{
  printf '%s: interrupted by SIG%s\n' "$SUITE_NAME" "$1" >&2
  case $1 in
    INT) exit 130 ;;
    HUP) exit 129 ;;
    *) exit 143 ;;
  esac
}

trap on_exit EXIT
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal HUP' HUP

# Runs function `fn` as the case `name` in a subshell with `set -e`; counts it passed or failed.
# A case that calls `skip` is reported and counted as neither.
run_test()
{
  local name=$1 fn=$2 rc
  printf '=== %s\n' "$name"
  # In the background with `wait`, so that a SIGTERM to the suite is handled at once (bash runs
  # traps only after a foreground command ends); INT/QUIT are restored, which bash ignores in
  # background jobs, so that Ctrl-C still ends the case.
  set +e
  (
    trap - INT QUIT
    set -e
    "$fn"
  ) &
  CASE_PID=$!
  wait "$CASE_PID"
  rc=$?
  CASE_PID=
  set -e
  case $rc in
    0)
      TESTS_PASSED=$((TESTS_PASSED + 1))
      printf -- '--- PASS: %s\n' "$name"
      ;;
    125) printf -- '--- SKIP: %s\n' "$name" ;;
    *)
      TESTS_FAILED=$((TESTS_FAILED + 1))
      printf -- '--- FAIL: %s (exit %s)\n' "$name" "$rc"
      ;;
  esac
}

# Ends the suite: exit 0 when every case passed, 1 otherwise (the EXIT trap prints the summary).
finish()
{
  SUITE_FINISHED=yes
  if ((TESTS_FAILED == 0)); then exit 0; fi
  exit 1
}
