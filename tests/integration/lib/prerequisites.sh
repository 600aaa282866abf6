# shellcheck shell=bash
# lib/prerequisites.sh: prerequisites: require_cmd.
# Sourced by ../lib.sh after the parts before it; not a suite, not to be sourced alone.

# Skips the suite unless every named command is on PATH (or is an executable path).
require_cmd()
{
  local cmd
  for cmd in "$@"; do
    if [[ $cmd == */* ]]; then
      [[ -x $cmd ]] || skip "$cmd not installed"
    else
      command -v "$cmd" >/dev/null 2>&1 || skip "$cmd not installed"
    fi
  done
}
