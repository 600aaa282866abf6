# shellcheck shell=bash
# lib/coras.sh: running coras: run_coras and its stdin variants.
# Sourced by ../lib.sh after the parts before it; not a suite, not to be sourced alone.

# run_coras ARGS...: runs "$CORAS" ARGS in the current directory without aborting on failure,
# with stdin from /dev/null (not a terminal: coras must never prompt). Sets OUT and ERR (trailing
# newlines stripped), RC, CORAS_ARGS (the arguments with secrets masked, see redact_args), and
# OUT_FILE / ERR_FILE (the exact bytes). A command still running after $CORAS_TIMEOUT seconds is
# killed (RC 124). Both outputs are also appended to $CORAS_TRANSCRIPT.
run_coras()
{
  run_coras_with_stdin_ /dev/null "$@"
}

# run_coras_stdin INPUT ARGS...: run_coras with exactly the bytes INPUT on stdin (through a pipe,
# so the input never lands in a file); add "\n" to INPUT yourself when you want one.
run_coras_stdin()
{
  local input=$1
  shift
  run_coras_with_stdin_ <(printf '%s' "$input") "$@"
}

# (run_coras and run_coras_stdin) run_coras_with_stdin_ STDIN_PATH ARGS...
run_coras_with_stdin_()
{
  local stdin=$1
  shift
  mapfile -t CORAS_ARGS < <(redact_args "$@")
  OUT_FILE="$TEST_DIR/.last.stdout"
  ERR_FILE="$TEST_DIR/.last.stderr"
  printf '  $ coras %s\n' "${CORAS_ARGS[*]}"
  RC=0
  # --foreground keeps coras in our process group, so Ctrl-C reaches it at once.
  timeout --foreground "$CORAS_TIMEOUT" "$CORAS" "$@" <"$stdin" >"$OUT_FILE" 2>"$ERR_FILE" || RC=$?
  OUT=$(cat "$OUT_FILE")
  ERR=$(cat "$ERR_FILE")
  {
    printf '### coras %s  (exit %s)\n--- stdout\n' "${CORAS_ARGS[*]}" "$RC"
    cat -- "$OUT_FILE"
    printf '\n--- stderr\n'
    cat -- "$ERR_FILE"
    printf '\n'
  } >>"$CORAS_TRANSCRIPT"
  if ((RC == 124)); then
    printf '  (coras timed out after %ss)\n' "$CORAS_TIMEOUT"
  fi
}
