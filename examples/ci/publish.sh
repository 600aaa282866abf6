#!/usr/bin/env bash
# publish.sh: publish a proxy-wasm filter from CI with coras. Logs in with the secret on stdin
# (never on the command line), pushes the module with its runtime config, and prints the
# manifest digest taken from `--format json`. Any failure stops the script with coras's one-line
# error and a non-zero exit.
#
# Usage: publish.sh REGISTRY/REPOSITORY:TAG [FILTER.wasm [RUNTIME-CONFIG.json]]
#   (defaults: example-filter.wasm and runtime-config.json in the current directory)
#
# Environment:
#   REGISTRY_USERNAME, REGISTRY_PASSWORD  the registry account; the password is a CI secret.
#                                         Both unset: no login (an open registry, or credentials
#                                         already stored).
#   CORAS        the coras binary (default: coras on PATH)
#   CORAS_FLAGS  extra flags for every coras call, e.g. "--ca-file ca.pem" (split on spaces)
#   PUBLISH_RESULT  where to keep the JSON result (default: publish-result.json)
#   GITHUB_OUTPUT   set by GitHub Actions: "digest=sha256:..." is appended for later steps
#
# The login goes to a throwaway DOCKER_CONFIG removed on exit, so the secret is not left on a
# shared runner.
set -euo pipefail

die()
{
  printf 'publish.sh: %s\n' "$1" >&2
  exit 1
}

[[ $# -ge 1 && $# -le 3 ]] || die "usage: publish.sh REGISTRY/REPOSITORY:TAG [FILTER.wasm [RUNTIME-CONFIG.json]]"
reference=$1
module=${2:-example-filter.wasm}
config=${3:-runtime-config.json}
coras=${CORAS:-coras}
result=${PUBLISH_RESULT:-publish-result.json}
read -r -a flags <<<"${CORAS_FLAGS:-}"
registry=${reference%%/*}
[[ $registry != "$reference" ]] || die "$reference: want REGISTRY/REPOSITORY:TAG"
[[ -f $module ]] || die "$module: no such filter module"
[[ -f $config ]] || die "$config: no such runtime config"

DOCKER_CONFIG=$(mktemp -d)
export DOCKER_CONFIG
trap 'rm -rf -- "$DOCKER_CONFIG"' EXIT

if [[ -n ${REGISTRY_USERNAME:-} || -n ${REGISTRY_PASSWORD:-} ]]; then
  [[ -n ${REGISTRY_USERNAME:-} && -n ${REGISTRY_PASSWORD:-} ]] ||
    die "set both REGISTRY_USERNAME and REGISTRY_PASSWORD, or neither"
  printf '%s' "$REGISTRY_PASSWORD" |
    "$coras" login "$registry" -u "$REGISTRY_USERNAME" --password-stdin "${flags[@]}" >&2
fi

# The result goes to a temporary file first, so a failed push leaves no stale result behind.
"$coras" push "$reference" "$module" --config "$config" --format json --no-tty "${flags[@]}" \
  >"$result.tmp" || { rm -f -- "$result.tmp"; exit 1; }
mv -- "$result.tmp" "$result"

digest=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["digest"])' "$result")
[[ $digest =~ ^sha256:[0-9a-f]{64}$ ]] || die "$result: no manifest digest in the result"
if [[ -n ${GITHUB_OUTPUT:-} ]]; then
  printf 'digest=%s\n' "$digest" >>"$GITHUB_OUTPUT"
fi
printf '%s\n' "$digest"
