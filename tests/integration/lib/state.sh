# shellcheck shell=bash
# lib/state.sh: the suite state: variables every part uses, the temp dir, the docker config dir.
# Sourced by ../lib.sh after the parts before it; not a suite, not to be sourced alone.

CORAS=${CORAS:?CORAS must name the coras binary under test}
PYTHON=/usr/bin/python3
# SUITE_NAME and INTEGRATION_DIR are set by lib.sh.
CORAS_SOURCE_DIR=${CORAS_SOURCE_DIR:-$(cd "$INTEGRATION_DIR/../.." && pwd)}
# Seconds one coras command may take before it is killed (a hang must not eat ctest's timeout).
CORAS_TIMEOUT=${CORAS_TIMEOUT:-120}

TESTS_PASSED=0
TESTS_FAILED=0
SUITE_FINISHED=no
# The running case's subshell, ended by the EXIT trap when a signal stops the suite mid-case.
CASE_PID=

if [[ ! -f $CORAS || ! -x $CORAS ]]; then
  # Not a skip: a missing binary means the build is broken.
  printf 'FAIL: CORAS=%s is not an executable file\n0 passed, 1 failed\n' "$CORAS" >&2
  exit 1
fi

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/coras-${SUITE_NAME}.XXXXXX")
PID_FILE="$TEST_DIR/.server-pids"
: >"$PID_FILE"
# Temp files of coras and the tools below land in the suite's dir and go away with it.
export TMPDIR="$TEST_DIR"
# Keep the user's registry credentials out of coras's way. (Never export a REGISTRY_* variable:
# docker-registry reads each one as a config override.)
export DOCKER_CONFIG="$TEST_DIR/docker-config"
mkdir -p "$DOCKER_CONFIG"

# The Accept list every manifest request sends: distribution 2.8 answers 404 to a manifest GET
# or HEAD whose Accept lacks its type (`*/*` is not enough).
MANIFEST_ACCEPT='application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json'
OCI_MANIFEST_TYPE='application/vnd.oci.image.manifest.v1+json'
# Extra curl arguments for the registry helpers below (see lib/curl.sh).
REGISTRY_CURL_ARGS=()
# The media types of the ASM guide's push (wasm-formats.md §1.3).
WASM_CONFIG_TYPE='application/vnd.module.wasm.config.v1+json'
WASM_LAYER_TYPE='application/vnd.module.wasm.content.layer.v1+wasm'
