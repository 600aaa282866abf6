#!/usr/bin/env bash
# Fails, listing the files, when a tracked C++ file is not formatted as .clang-format says.
# `bash .ci/format-check.sh --fix` formats them instead.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "format-check: clang-format is not installed" >&2; exit 125; }
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find cli liboras tests examples bench -name '*.[ch]pp')
if [[ ${1:-} == --fix ]]; then
  clang-format -i "${files[@]}"
  exit 0
fi
bad=()
for file in "${files[@]}"; do
  clang-format --dry-run -Werror "$file" >/dev/null 2>&1 || bad+=("$file")
done
if [[ ${#bad[@]} -gt 0 ]]; then
  printf 'format-check: not clang-formatted (run bash .ci/format-check.sh --fix):\n' >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "format-check: ${#files[@]} files formatted"
