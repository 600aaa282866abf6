#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs every test (unit and
# integration) with ctest. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps.sh
bash .ci/build.sh
ctest --test-dir build --output-on-failure -j 2 "$@"
