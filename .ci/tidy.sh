#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy) on every liboras source with the compile commands of BUILD_DIR
# (default ./build, configured with CMAKE_EXPORT_COMPILE_COMMANDS); fails on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
command -v clang-tidy >/dev/null || { echo "tidy: clang-tidy is not installed" >&2; exit 125; }
[[ -f $build/compile_commands.json ]] || { echo "tidy: no $build/compile_commands.json" >&2; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
find liboras/src -name '*.cpp' -print0 | sort -z |
  xargs -0 -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet >"$log" 2>&1 || true
if grep -E '(warning|error): ' "$log" >/dev/null; then
  grep -E -A3 '(warning|error): ' "$log" >&2
  echo "tidy: $(grep -cE '(warning|error): ' "$log") findings" >&2
  exit 1
fi
echo "tidy: $(find liboras/src -name '*.cpp' | wc -l) library sources pass"
