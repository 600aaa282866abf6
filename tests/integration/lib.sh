# shellcheck shell=bash
# lib.sh: the harness every tests/integration/test_*.sh suite sources.
#
# A suite runs the built `coras` ($CORAS) against real servers (Debian's docker-registry, skopeo)
# on loopback. ctest runs each suite with bash and these variables:
#   CORAS               the coras binary under test (required; not executable => the suite fails)
#   CORAS_EXAMPLE_WASM  <build>/examples/example-filter.wasm (assembled here when missing)
#   CORAS_SOURCE_DIR    the repository root (default: two levels above this file)
# Exit codes: 0 every case passed, 1 a case failed or the suite aborted, 125 skipped (a
# prerequisite is missing). The last line of a suite's output is always `N passed, M failed`.
#
# Shape of a suite:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#   require_cmd docker-registry curl
#   start_registry main
#   test_something() { run_coras push "$REGISTRY/repo:v1" f; assert_rc 0; ... }
#   run_test "push works" test_something
#   finish
#
# Registries: start_registry (no auth, plain http), start_htpasswd_registry (basic auth over TLS
# from make_test_ca's CA) and start_token_registry (`auth: token`, with token_server.py as the
# token service; token_stats counts its requests). Secrets a suite uses go through
# register_secret; every run_coras output is kept in $CORAS_TRANSCRIPT, and
# assert_no_secret_leaked checks it for them.
#
# Each case runs in its own subshell with `set -e`, so a failing command or assertion ends that
# case only; a failure outside a case ends the suite. Every server is started with a pid file entry
# and killed by the EXIT/INT/TERM/HUP trap on every exit path (and, where setpriv exists, also
# gets SIGTERM if the suite itself is SIGKILLed). The temp dir is removed on success and kept
# (and printed) on failure.

set -euo pipefail

# The harness is split along its sections into lib/*.sh, sourced here in order (later parts use
# the earlier ones). None is named test_*.sh: ctest runs those as suites.
INTEGRATION_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SUITE_NAME=$(basename "${BASH_SOURCE[1]:-$0}" .sh)
# shellcheck source=lib/state.sh
source "$INTEGRATION_DIR/lib/state.sh"
# shellcheck source=lib/report.sh
source "$INTEGRATION_DIR/lib/report.sh"
# shellcheck source=lib/prerequisites.sh
source "$INTEGRATION_DIR/lib/prerequisites.sh"
# shellcheck source=lib/assert.sh
source "$INTEGRATION_DIR/lib/assert.sh"
# shellcheck source=lib/coras.sh
source "$INTEGRATION_DIR/lib/coras.sh"
# shellcheck source=lib/secrets.sh
source "$INTEGRATION_DIR/lib/secrets.sh"
# shellcheck source=lib/credentials.sh
source "$INTEGRATION_DIR/lib/credentials.sh"
# shellcheck source=lib/files.sh
source "$INTEGRATION_DIR/lib/files.sh"
# shellcheck source=lib/registry.sh
source "$INTEGRATION_DIR/lib/registry.sh"
# shellcheck source=lib/token_server.sh
source "$INTEGRATION_DIR/lib/token_server.sh"
# shellcheck source=lib/curl.sh
source "$INTEGRATION_DIR/lib/curl.sh"
# shellcheck source=lib/access_log.sh
source "$INTEGRATION_DIR/lib/access_log.sh"
# shellcheck source=lib/hostile.sh
source "$INTEGRATION_DIR/lib/hostile.sh"
