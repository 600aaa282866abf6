#!/usr/bin/env bash
# The README's first command: installs what is missing, builds coras, then does the main job on
# an embedded default. It assembles the example proxy-wasm filter, pushes it with its
# runtime-config.json into a local OCI image layout, inspects it, pulls it back and checks the
# bytes; then does the same against a registry (Debian's docker-registry) that it starts on a
# free loopback port and stops again.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bash .ci/install-deps.sh
bash .ci/build.sh

coras=$root/build/cli/coras
work=$(mktemp -d /tmp/coras-demo.XXXXXX)
registry_pid=
cleanup() {
  if [[ -n $registry_pid ]]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }
check_same() {
  cmp -s "$1" "$2" || { echo "demo: $2 differs from $1" >&2; exit 1; }
  echo "OK: $2 is byte-identical to $1 (sha256 $(sha256sum < "$1" | cut -c1-64))"
}

cp build/examples/example-filter.wasm examples/filter/runtime-config.json "$work/"
cd "$work"
config=runtime-config.json:application/vnd.module.wasm.config.v1+json
module=example-filter.wasm:application/vnd.module.wasm.content.layer.v1+wasm

step "coras version"
"$coras" version

step "Push the example filter into an OCI image layout ($work/layout)"
"$coras" push --oci-layout layout:v0.1 --manifest-config "$config" "$module"
step "Inspect it"
"$coras" inspect --oci-layout layout:v0.1
step "Pull it back"
"$coras" pull --oci-layout layout:v0.1 -o from-layout
check_same example-filter.wasm from-layout/example-filter.wasm

step "Start a local registry (docker-registry, distribution 2.8)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > registry.yml <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/registry-data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$port}
YAML
/usr/bin/docker-registry serve registry.yml > registry.log 2>&1 &
registry_pid=$!
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null || { cat registry.log; exit 1; }
echo "registry listening on 127.0.0.1:$port"

ref=localhost:$port/asm-test:v0.1
step "Push the example filter to $ref (the ASM guide's command)"
"$coras" push "$ref" --manifest-config "$config" "$module"
step "Inspect it"
"$coras" inspect "$ref"
step "Pull it back"
"$coras" pull "$ref" -o from-registry
check_same example-filter.wasm from-registry/example-filter.wasm

step "Done: the example filter went to an OCI layout and a registry and came back unchanged"
