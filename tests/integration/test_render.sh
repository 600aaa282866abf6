#!/usr/bin/env bash
# test_render.sh: `coras render` (issue 11) against the real registry: each mesh resource rendered
# for the example filter, parsed, validated against its schema (tests/integration/schemas/,
# transcribed from the published API definitions in wasm-formats.md) and checked field by field
# (the digest `push` printed, URL, selector, root id, file path, configuration); the layouts and
# sizes a mesh's fetcher would not load refused with the reason; output deterministic; bad input
# refused with a one-line error and nothing on stdout.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry "$PYTHON"
"$PYTHON" -c 'import jsonschema, yaml' 2>/dev/null || skip "python3-jsonschema or python3-yaml is missing"
start_registry main

STAGE="$TEST_DIR/stage"
stage_example "$STAGE"
CHECK="$INTEGRATION_DIR/render_check.py"
CONFIG='{"header":"resp-header-demo","value":"added by our filter"}'

# push_format REF FORMAT [OPTION...]: pushes the example module packed as FORMAT; sets DIGEST.
push_format()
{
  local ref=$1 format=$2
  shift 2
  local old_pwd=$PWD
  cd "$STAGE"
  run_coras push "$ref" example-filter.wasm --wasm-format "$format" "$@"
  cd "$old_pwd"
  assert_rc 0
  DIGEST=$(printed_digest)
}

# render SCHEMA ARGS...: runs `coras render ARGS...`, which must succeed, validates its output
# against SCHEMA and leaves it as JSON in $DOC (and the YAML in $YAML).
render()
{
  local schema=$1
  shift
  run_coras render "$@"
  assert_rc 0
  YAML="$TEST_DIR/$schema.yaml"
  DOC="$TEST_DIR/$schema.json"
  printf '%s\n' "$OUT" >"$YAML"
  "$PYTHON" "$CHECK" "$schema" "$YAML" "$DOC" || fail "coras render $* printed an invalid $schema"
}

q() { json_query "$DOC" "$1"; }

push_format "$REGISTRY/filters/header:v1" solo --root-id resp_header_demo
SOLO_DIGEST=$DIGEST
SOLO_HEX=${SOLO_DIGEST#sha256:}

test_wasmplugin()
{
  render wasmplugin wasmplugin "$REGISTRY/filters/header:v1" --selector app=details,version=v1 \
    --plugin-config "$CONFIG" --pull-secret regcred --pull-policy IfNotPresent --phase STATS \
    --priority 10 --fail-open --namespace demo
  assert_eq "oci://$REGISTRY/filters/header:v1" "$(q 'd["spec"]["url"]')" "url"
  assert_eq "$SOLO_HEX" "$(q 'd["spec"]["sha256"]')" "sha256 (the digest push printed)"
  run_coras resolve "$REGISTRY/filters/header:v1"
  assert_eq "$SOLO_DIGEST" "$OUT" "resolve agrees"
  assert_eq '{"app": "details", "version": "v1"}' "$(q 'd["spec"]["selector"]["matchLabels"]')" "selector"
  assert_eq "resp_header_demo" "$(q 'd["spec"]["pluginName"]')" "root id from the runtime config"
  assert_eq '{"header": "resp-header-demo", "value": "added by our filter"}' "$(q 'd["spec"]["pluginConfig"]')" "pluginConfig"
  assert_eq "STATS 10 FAIL_OPEN HTTP regcred IfNotPresent" \
    "$(q '" ".join(str(d["spec"][k]) for k in ["phase","priority","failStrategy","type","imagePullSecret","imagePullPolicy"])')" "spec fields"
  assert_eq "details-v1-header demo" "$(q 'd["metadata"]["name"] + " " + d["metadata"]["namespace"]')" "metadata"
  # --format json is the same document; a second render gives the same bytes.
  local first
  first=$(<"$YAML")
  run_coras render wasmplugin "$REGISTRY/filters/header:v1" --selector app=details,version=v1 \
    --plugin-config "$CONFIG" --pull-secret regcred --pull-policy IfNotPresent --phase STATS \
    --priority 10 --fail-open --namespace demo
  assert_eq "$first" "$OUT" "a second render"
  run_coras render wasmplugin "$REGISTRY/filters/header:v1" --selector app=details,version=v1 \
    --plugin-config "$CONFIG" --pull-secret regcred --pull-policy IfNotPresent --phase STATS \
    --priority 10 --fail-open --namespace demo --format json
  assert_rc 0
  printf '%s\n' "$OUT" >"$TEST_DIR/wasmplugin-as.json"
  "$PYTHON" -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' \
    "$DOC" "$TEST_DIR/wasmplugin-as.json" || fail "--format json and YAML hold different documents"
  # A config from a file, and the plugin name and type given.
  printf '%s' '{"b":2,"a":1}' >"$TEST_DIR/config.json"
  render wasmplugin wasmplugin "$REGISTRY/filters/header:v1" --target-ref Gateway/public-gw \
    --plugin-config "@$TEST_DIR/config.json" --plugin-name other_root --type NETWORK --name wp
  assert_eq '[{"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "public-gw"}]' "$(q 'd["spec"]["targetRefs"]')" "targetRefs"
  assert_eq '["b", "a"]' "$(q 'list(d["spec"]["pluginConfig"])')" "the config's member order"
  assert_eq "other_root NETWORK wp" "$(q 'd["spec"]["pluginName"] + " " + d["spec"]["type"] + " " + d["metadata"]["name"]')" "given fields"
}

# Strings a YAML reader refuses raw (DEL, C1 controls) or reads as line breaks (NEL, U+2028),
# and a byte order mark, in a plugin config's keys and values: the YAML reads back the same.
test_yaml_escapes()
{
  local config="$TEST_DIR/odd-config.json"
  printf '%s' '{"k\u007f\u2029":"a\u007fb\u2028c\u0085d\ufeffe\u0001f\u0090g","plain":"ok \ud83d\ude00 \u00e9"}' >"$config"
  render wasmplugin wasmplugin "$REGISTRY/filters/header:v1" --plugin-config "@$config"
  "$PYTHON" -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["spec"]["pluginConfig"] != json.load(open(sys.argv[2])))' \
    "$DOC" "$config" || fail "the plugin config read back from the YAML differs: $(q 'd["spec"]["pluginConfig"]')"
  assert_contains "$(<"$YAML")" 'a\u007Fb\u2028c\u0085d\uFEFFe\u0001f\u0090g'
  assert_contains "$(<"$YAML")" "ok 😀 é"
}

test_trafficextension()
{
  render trafficextension trafficextension "$REGISTRY/filters/header:v1" --selector app=details \
    --phase AUTHZ --priority -5 --plugin-config "$CONFIG"
  assert_eq "oci://$REGISTRY/filters/header:v1 $SOLO_HEX" "$(q 'd["spec"]["wasm"]["url"] + " " + d["spec"]["wasm"]["sha256"]')" "wasm url and sha256"
  assert_eq "AUTHZ -5 resp_header_demo" "$(q 'd["spec"]["phase"] + " " + str(d["spec"]["priority"]) + " " + d["spec"]["wasm"]["pluginName"]')" "phase, priority, root id"
  assert_eq "resp-header-demo" "$(q 'd["spec"]["wasm"]["pluginConfig"]["header"]')" "pluginConfig"
}

test_envoyextensionpolicy()
{
  render envoyextensionpolicy envoyextensionpolicy "$REGISTRY/filters/header:v1" \
    --target-ref Gateway/eg --target-ref HTTPRoute/backend --pull-secret regcred --fail-open \
    --plugin-config "$CONFIG"
  assert_eq "$REGISTRY/filters/header:v1 $SOLO_HEX Image" "$(q 'd["spec"]["wasm"][0]["code"]["image"]["url"] + " " + d["spec"]["wasm"][0]["code"]["image"]["sha256"] + " " + d["spec"]["wasm"][0]["code"]["type"]')" "code.image"
  assert_eq '{"group": "", "kind": "Secret", "name": "regcred"}' "$(q 'd["spec"]["wasm"][0]["code"]["image"]["pullSecretRef"]')" "pullSecretRef"
  assert_eq "Gateway HTTPRoute" "$(q '" ".join(r["kind"] for r in d["spec"]["targetRefs"])')" "targetRefs"
  assert_eq "resp_header_demo" "$(q 'd["spec"]["wasm"][0]["rootID"]')" "rootID"
  assert_eq "true" "$(q 'd["spec"]["wasm"][0]["failOpen"]')" "failOpen"
  run_coras render envoyextensionpolicy "$REGISTRY/filters/header:v1"
  assert_rc 2
  assert_eq "" "$OUT" "stdout without --target-ref"
}

test_envoyfilter()
{
  render envoyfilter envoyfilter "$REGISTRY/filters/header:v1" --workload app=details,version=v1 \
    --plugin-config "$CONFIG"
  local config='d["spec"]["configPatches"][0]["patch"]["value"]["typed_config"]["value"]["config"]'
  assert_eq "/var/local/lib/wasm-filters/$SOLO_HEX.wasm" "$(q "$config[\"vm_config\"][\"code\"][\"local\"][\"filename\"]")" "the file coras sync writes"
  assert_eq "resp_header_demo envoy.wasm.runtime.v8" "$(q "$config[\"root_id\"] + \" \" + $config[\"vm_config\"][\"runtime\"]")" "root id, runtime"
  assert_eq "$CONFIG" "$(q "$config[\"configuration\"][\"value\"]")" "configuration as a StringValue"
  assert_eq "HTTP_FILTER SIDECAR_INBOUND INSERT_BEFORE envoy.filters.http.router" \
    "$(q 'd["spec"]["configPatches"][0]["applyTo"] + " " + d["spec"]["configPatches"][0]["match"]["context"] + " " + d["spec"]["configPatches"][0]["patch"]["operation"] + " " + d["spec"]["configPatches"][0]["match"]["listener"]["filterChain"]["filter"]["subFilter"]["name"]')" "patch"
  assert_eq '{"app": "details", "version": "v1"}' "$(q 'd["spec"]["workloadSelector"]["labels"]')" "workload"
  render envoyfilter envoyfilter "$REGISTRY/filters/header:v1" --workload app=details \
    --dir /srv/filters --context SIDECAR_OUTBOUND
  assert_eq "/srv/filters/$SOLO_HEX.wasm SIDECAR_OUTBOUND" "$(q "$config[\"vm_config\"][\"code\"][\"local\"][\"filename\"] + \" \" + d[\"spec\"][\"configPatches\"][0][\"match\"][\"context\"]")" "--dir, --context"
  # The pod-template patch mounts the same directory read-only into the sidecar.
  run_coras render envoyfilter --pod-patch "$REGISTRY/filters/header:v1" --workload app=details --dir /srv/filters --format json
  assert_rc 0
  printf '%s\n' "$OUT" >"$TEST_DIR/patch.json"
  "$PYTHON" - "$TEST_DIR/patch.json" <<'PY' || fail "the pod-template patch"
import json, sys
annotations = json.load(open(sys.argv[1]))["spec"]["template"]["metadata"]["annotations"]
volume = json.loads(annotations["sidecar.istio.io/userVolume"])
mount = json.loads(annotations["sidecar.istio.io/userVolumeMount"])
assert volume == [{"name": "wasm-filters", "hostPath": {"path": "/srv/filters"}}], volume
assert mount == [{"mountPath": "/srv/filters", "name": "wasm-filters", "readOnly": True}], mount
PY
  run_coras render envoyfilter "$REGISTRY/filters/header:v1"
  assert_rc 2
}

test_asmfilterdeployment()
{
  render asmfilterdeployment asmfilterdeployment "$REGISTRY/filters/header:v1" \
    --workload app=details,version=v1 --pull-secret asmwasm-cache --plugin-config "$CONFIG" \
    --name details-v1-wasmfiltersample --namespace default
  assert_eq "$REGISTRY/filters/header@$SOLO_DIGEST" "$(q 'd["spec"]["filter"]["image"]')" "image pinned by digest"
  assert_eq "$CONFIG" "$(q 'd["spec"]["filter"]["parameters"]')" "parameters"
  assert_eq "resp_header_demo details-v1-wasmfiltersample.default asmwasm-cache Deployment" \
    "$(q 'd["spec"]["filter"]["rootID"] + " " + d["spec"]["filter"]["id"] + " " + d["spec"]["filter"]["imagePullOptions"]["pullSecret"] + " " + d["spec"]["workload"]["kind"]')" "filter fields"
}

# What the fetchers of Istio and Envoy Gateway would not load is refused; the node-side resources
# take any layout coras can pull.
test_refused_layouts()
{
  local format kind
  for format in cncf wasm-to-oci; do
    push_format "$REGISTRY/filters/$format:v1" "$format"
    for kind in wasmplugin trafficextension; do
      run_coras render "$kind" "$REGISTRY/filters/$format:v1" --selector app=details
      assert_rc 1
      assert_eq "" "$OUT" "stdout of a refused $kind"
      assert_one_line_error "$REGISTRY/filters/$format:v1" "cannot load" "$format" "--wasm-format compat"
    done
    run_coras render envoyextensionpolicy "$REGISTRY/filters/$format:v1" --target-ref Gateway/eg
    assert_rc 1
    assert_one_line_error "Envoy Gateway cannot load"
    render envoyfilter envoyfilter "$REGISTRY/filters/$format:v1" --workload app=details
  done
  # The ASM guide's one-layer push: not for Istio's fetcher, fine for the node-side EnvoyFilter.
  push_example "$STAGE" "$REGISTRY/filters/asm:v1"
  assert_rc 0
  run_coras render wasmplugin "$REGISTRY/filters/asm:v1"
  assert_rc 1
  assert_one_line_error "solo-1layer" "number of layers must be 2"
  render asmfilterdeployment asmfilterdeployment "$REGISTRY/filters/asm:v1" --workload app=details
  # compat loads.
  push_format "$REGISTRY/filters/compat:v1" compat
  render wasmplugin wasmplugin "$REGISTRY/filters/compat:v1"
  assert_eq "${DIGEST#sha256:}" "$(q 'd["spec"]["sha256"]')" "compat sha256"
}

test_module_over_256_mib()
{
  local big="$TEST_DIR/big.wasm"
  # A module holding one 257 MiB custom section: \0asm, version 1, section 0, LEB128 size, name.
  "$PYTHON" - "$big" <<'PY'
import sys
size = 257 * 1024 * 1024
name = b"\x04pads"
payload = len(name) + size
leb = bytearray()
while True:
    b = payload & 0x7F
    payload >>= 7
    leb.append(b | (0x80 if payload else 0))
    if not payload:
        break
with open(sys.argv[1], "wb") as f:
    f.write(b"\0asm\x01\0\0\0\x00" + bytes(leb) + name)
    f.truncate(8 + 1 + len(leb) + len(name) + size)
PY
  local big_digest mark
  big_digest=$(sha256sum "$big" | cut -d' ' -f1)
  cd "$TEST_DIR"
  run_coras push "$REGISTRY/filters/big:v1" big.wasm --wasm-format solo --no-verify
  assert_rc 0
  rm -f "$big"
  mark=$(log_mark)
  run_coras render wasmplugin "$REGISTRY/filters/big:v1"
  assert_rc 1
  assert_eq "" "$OUT" "stdout"
  assert_one_line_error "$REGISTRY/filters/big" "256 MiB"
  # Refused before the module was downloaded.
  log_sync
  assert_not_contains "$(log_since "$mark")" "GET /v2/filters/big/blobs/sha256:$big_digest"
}

test_render_resolves_now()
{
  push_format "$REGISTRY/filters/moving:v1" solo --root-id first
  local first=${DIGEST#sha256:}
  render wasmplugin wasmplugin "$REGISTRY/filters/moving:v1"
  assert_eq "$first first" "$(q 'd["spec"]["sha256"] + " " + d["spec"]["pluginName"]')" "before"
  push_format "$REGISTRY/filters/moving:v1" solo --root-id second
  assert_ne "$first" "${DIGEST#sha256:}" "a new push"
  render wasmplugin wasmplugin "$REGISTRY/filters/moving:v1"
  assert_eq "${DIGEST#sha256:} second" "$(q 'd["spec"]["sha256"] + " " + d["spec"]["pluginName"]')" "after the tag moved"
  # By digest: the URL names the digest.
  render wasmplugin wasmplugin "$REGISTRY/filters/moving@$DIGEST"
  assert_eq "oci://$REGISTRY/filters/moving@$DIGEST" "$(q 'd["spec"]["url"]')" "url by digest"
}

test_bad_input()
{
  run_coras render wasmplugin "$REGISTRY/filters/header:nope"
  assert_rc 1
  assert_eq "" "$OUT" "stdout for an unknown tag"
  assert_one_line_error "$REGISTRY/filters/header" "nope"
  run_coras render wasmplugin "$REGISTRY/filters/header:v1" --selector app
  assert_rc 2
  assert_one_line_error "app" "label"
  run_coras render wasmplugin "$REGISTRY/filters/header:v1" --plugin-config '[1,2]'
  assert_rc 2
  assert_one_line_error "plugin config" "object"
  run_coras render wasmplugin "$REGISTRY/filters/header:v1" --plugin-config '{"a":'
  assert_rc 1
  assert_one_line_error "plugin config"
  run_coras render wasmplugin "$REGISTRY/filters/header:v1" --plugin-config "@$TEST_DIR/absent.json"
  assert_rc 1
  assert_one_line_error "absent.json"
  run_coras render wasmplugin "$REGISTRY/filters/header:v1" --target-ref Widget/x
  assert_rc 2
  assert_one_line_error "Widget/x"
  run_coras render wasmplugin "$REGISTRY/filters/header:v1" --name Bad_Name
  assert_rc 2
  assert_one_line_error "Bad_Name"
  run_coras render wasmplugin "localhost:$(free_port)/filters/header:v1"
  assert_rc 1
  assert_eq "" "$OUT" "stdout for a dead registry"
  assert_one_line_error "filters/header"
}

test_daemonset()
{
  render daemonset daemonset --list wasm-filters --image registry.example.com/coras:1 \
    --pull-secret regcred --namespace istio-system --interval 300
  local pod='d["spec"]["template"]["spec"]'
  assert_eq "coras sync --list /etc/coras/list/filters --dir /var/local/lib/wasm-filters --registry-config /etc/coras/pull-secret/config.json --interval 300 --prune" \
    "$(q "\" \".join($pod[\"containers\"][0][\"command\"])")" "the sync command"
  assert_eq "true" "$(q 'd["spec"]["selector"]["matchLabels"] == d["spec"]["template"]["metadata"]["labels"]')" "selector matches the pod labels"
  "$PYTHON" - "$DOC" <<'PY' || fail "the DaemonSet's volumes"
import json, sys
volumes = {v["name"]: v for v in json.load(open(sys.argv[1]))["spec"]["template"]["spec"]["volumes"]}
assert volumes["wasm-filters"]["hostPath"] == {"path": "/var/local/lib/wasm-filters", "type": "DirectoryOrCreate"}, volumes
assert volumes["filter-list"]["configMap"]["name"] == "wasm-filters", volumes
assert volumes["pull-secret"]["secret"] == {"secretName": "regcred", "items": [{"key": ".dockerconfigjson", "path": "config.json"}]}, volumes
PY
  assert_eq "[true, 65532, true, false]" "$(q "[$pod[\"containers\"][0][\"securityContext\"][k] for k in [\"runAsNonRoot\", \"runAsUser\", \"readOnlyRootFilesystem\", \"allowPrivilegeEscalation\"]]")" "non-root, read-only"
  assert_eq "chown 65532:65532 /var/local/lib/wasm-filters" "$(q "\" \".join($pod[\"initContainers\"][0][\"command\"])")" "the init container"
  render daemonset daemonset --list wasm-filters --image img --run-as-user 0 --no-prune
  assert_eq "[false, false]" "$(q "[\"initContainers\" in $pod, \"--prune\" in $pod[\"containers\"][0][\"command\"]]")" "root: no init container; --no-prune"
  run_coras render daemonset --list Bad_Map --image img
  assert_rc 2
  assert_one_line_error "Bad_Map"
  run_coras render daemonset --list wasm-filters
  assert_rc 2
}

# The schema check itself can fail: a rendered resource with a bad field is refused.
test_schema_check_can_fail()
{
  render wasmplugin wasmplugin "$REGISTRY/filters/header:v1" --selector app=details
  sed 's/^\(  sha256: \).*/\1"ABC"/' "$YAML" >"$TEST_DIR/mutated.yaml"
  if "$PYTHON" "$CHECK" wasmplugin "$TEST_DIR/mutated.yaml" "$TEST_DIR/mutated.json" 2>/dev/null; then
    fail "the schema check accepted sha256 ABC"
  fi
  sed 's/^kind: WasmPlugin/kind: WasmPlugins/' "$YAML" >"$TEST_DIR/mutated.yaml"
  if "$PYTHON" "$CHECK" wasmplugin "$TEST_DIR/mutated.yaml" "$TEST_DIR/mutated.json" 2>/dev/null; then
    fail "the schema check accepted kind WasmPlugins"
  fi
}

# The file the EnvoyFilter loads is the one `coras sync` writes for the same reference, and the
# DaemonSet's command line is one coras accepts.
test_envoyfilter_names_the_file_sync_writes()
{
  local dir="$TEST_DIR/node" list="$TEST_DIR/list.txt" file
  mkdir -p "$dir"
  printf '%s\n' "$REGISTRY/filters/header:v1" >"$list"
  run_coras sync --list "$list" --dir "$dir"
  assert_rc 0
  render envoyfilter envoyfilter "$REGISTRY/filters/header:v1" --workload app=details --dir "$dir"
  file=$(q 'd["spec"]["configPatches"][0]["patch"]["value"]["typed_config"]["value"]["config"]["vm_config"]["code"]["local"]["filename"]')
  [[ -f $file ]] || fail "the EnvoyFilter names $file, which coras sync did not write (it wrote: $(ls "$dir"))"
  cmp -s "$file" "$STAGE/example-filter.wasm" || fail "$file is not the example module"
  # An index (one filter in two layouts): sync names the file after the index's digest, and so
  # does the EnvoyFilter; the WasmPlugin's sha256 is the manifest Istio's agent takes.
  push_format "$REGISTRY/filters/multi:compat" compat
  local compat_hex=${DIGEST#sha256:}
  push_format "$REGISTRY/filters/multi:cncf" cncf
  run_coras manifest index create "$REGISTRY/filters/multi:v1" compat cncf
  assert_rc 0
  local index_digest
  index_digest=$(printed_digest)
  printf '%s\n' "$REGISTRY/filters/multi:v1" >"$list"
  run_coras sync --list "$list" --dir "$dir"
  assert_rc 0
  render envoyfilter envoyfilter "$REGISTRY/filters/multi:v1" --workload app=details --dir "$dir"
  file=$(q 'd["spec"]["configPatches"][0]["patch"]["value"]["typed_config"]["value"]["config"]["vm_config"]["code"]["local"]["filename"]')
  assert_eq "$dir/${index_digest#sha256:}.wasm" "$file" "the EnvoyFilter's file for an index"
  [[ -f $file ]] || fail "the EnvoyFilter names $file, which coras sync did not write (it wrote: $(ls "$dir"))"
  render wasmplugin wasmplugin "$REGISTRY/filters/multi:v1"
  assert_eq "$compat_hex" "$(q 'd["spec"]["sha256"]')" "the WasmPlugin's sha256 for an index"
  render daemonset daemonset --list wasm-filters --image img
  local args
  args=$(q '" ".join(d["spec"]["template"]["spec"]["containers"][0]["command"][2:])')
  # shellcheck disable=SC2086 # the DaemonSet's arguments, split as the container runtime would
  run_coras sync --help
  for flag in $args; do
    [[ $flag != --* ]] || [[ $OUT == *"$flag"* ]] || fail "the DaemonSet passes $flag, which coras sync does not take"
  done
}

run_test "render wasmplugin: pinned by digest, every flag, deterministic, YAML = JSON" test_wasmplugin
run_test "render: strings YAML would not read back raw are escaped" test_yaml_escapes
run_test "render trafficextension" test_trafficextension
run_test "render envoyextensionpolicy" test_envoyextensionpolicy
run_test "render envoyfilter and its pod-template patch" test_envoyfilter
run_test "render asmfilterdeployment" test_asmfilterdeployment
run_test "layouts the fetcher would not load are refused" test_refused_layouts
run_test "a module over 256 MiB is refused before it is downloaded" test_module_over_256_mib
run_test "render resolves the tag now" test_render_resolves_now
run_test "bad input: one-line errors, nothing on stdout" test_bad_input
run_test "render daemonset" test_daemonset
run_test "the EnvoyFilter names the file coras sync writes" test_envoyfilter_names_the_file_sync_writes
run_test "the schema check rejects a broken resource" test_schema_check_can_fail
finish
