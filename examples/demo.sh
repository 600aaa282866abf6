#!/usr/bin/env bash
# The README's first command: installs what is missing, builds coras and the example filter (and
# nothing else: no test executables), then does the main job on an embedded default. It assembles
# the example proxy-wasm filter, pushes it with its runtime-config.json into a local OCI image
# layout (in the two-layer layout Istio loads), inspects it, pulls it back and checks the bytes;
# then does the same against a registry (Debian's docker-registry) that it starts on a free loopback
# port and stops again, shows the ASM guide's oras-style push and its warning, and runs the pulled
# filter in V8 under the tests' minimal proxy-wasm host to show the header it adds to every
# response.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bash .ci/install-deps.sh
# The same build tree as .ci/build.sh, but only the two targets the demo runs.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target coras example_filter

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
export SOURCE_DATE_EPOCH=1700000000 # identical inputs, identical digests

step "coras version"
"$coras" version

step "Push the example filter into an OCI image layout ($work/layout)"
"$coras" push --oci-layout layout:v0.1 --config runtime-config.json example-filter.wasm
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

ref=localhost:$port/filters/example:v0.1
step "Push the example filter to $ref"
"$coras" push "$ref" --config runtime-config.json example-filter.wasm
step "Inspect it"
"$coras" inspect "$ref"
step "Pull it back"
"$coras" pull "$ref" -o from-registry
check_same example-filter.wasm from-registry/example-filter.wasm

asm_ref=localhost:$port/asm-test:v0.1
step "The ASM guide's oras command still works, and coras says what Istio will make of it"
"$coras" push "$asm_ref" --manifest-config "$config" "$module"

step "Run the pulled filter in V8 (Node.js) under a minimal proxy-wasm host"
node "$root/tests/integration/proxy_wasm_host.js" from-registry/example-filter.wasm \
  --response-headers '[[":status","200"],["content-type","text/plain"]]' > host.json
python3 - host.json <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for key, value in report["response_headers"]:
    print(f"  {key}: {value}")
assert ["resp-header-demo", "added by our filter"] in report["response_headers"], "header missing"
assert report["calls"]["proxy_on_response_headers"] == 0, "did not CONTINUE"
print("OK: the filter added its header and returned CONTINUE")
PY

step "Done: the example filter went to an OCI layout and a registry, came back unchanged, and works"
