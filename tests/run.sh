#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs every test (unit,
# integration and lint) with ctest, then the unit, integration and fuzz tests again under
# ASan and UBSan (.ci/sanitize.sh, in build-san). .ci/run calls exactly this. Arguments go to
# both ctest runs; CORAS_SANITIZE_TESTS=no skips the second.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps.sh
bash .ci/build.sh
ctest --test-dir build --output-on-failure -j 2 "$@"
if [[ ${CORAS_SANITIZE_TESTS:-yes} != no ]]; then
  bash .ci/sanitize.sh "$@"
fi
