#!/usr/bin/env bash
# test_wasm_formats.sh: Wasm-aware push, pull and inspect against a real docker-registry.
#  - `coras push MODULE.wasm --wasm-format solo|compat|cncf|wasm-to-oci` builds each layout of
#    wasm-formats.md (§1.1, §1.2, §2, §3) field by field, reproducibly under SOURCE_DATE_EPOCH;
#    what it pushes pulls back byte-identical, and Istio's agent (replayed by
#    istio_layout_check.py) loads solo and compat and rejects cncf and wasm-to-oci.
#  - The ASM guide's explicit command keeps its one-layer artifact and warns about Istio.
#  - Every layout make_layouts.py builds by hand (solo, solo-1layer, legacy names, compat with
#    ./plugin.wasm, compat-docker, nested compat, cncf, wasm-to-oci, application/wasm artifact,
#    an index, a hostile tar) goes into the registry with skopeo (curl where skopeo refuses) and
#    comes back with `coras pull` byte-identical, with the right `Layout:`, and with
#    runtime-config.json where it has one; `coras inspect --format json` reports the layout,
#    Istio's verdict and the sha256 a WasmPlugin must pin. The hostile tar writes nothing outside
#    the output directory.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=lib_wasm.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib_wasm.sh"

require_cmd docker-registry skopeo curl sha256sum cmp gzip "$PYTHON"
start_registry main
# Pushes without the variable must not depend on the caller's environment.
unset SOURCE_DATE_EPOCH

STAGE="$TEST_DIR/stage"
stage_example "$STAGE"
MODULE="$STAGE/example-filter.wasm"
RUNTIME_CONFIG="$STAGE/runtime-config.json"
MODULE_DIGEST=$(sha256_of "$MODULE")
MODULE_SIZE=$(size_of "$MODULE")
# What push generates without --config for `--root-id resp_header_demo` (compared as JSON).
GENERATED_CONFIG='{"type": "envoy_proxy", "abiVersions": ["v0.2.1"], "config": {"rootIds": ["resp_header_demo"]}}'
FORMATS=(solo compat cncf wasm-to-oci)
EPOCH=1700000000

LAYOUTS_DIR="$TEST_DIR/layouts"
# The hostile tar's absolute entry points into the temp dir, so that a puller that follows it
# is caught (and harms nothing).
HOSTILE_ABSOLUTE="$TEST_DIR/hostile-absolute/x"
"$PYTHON" -B "$MAKE_LAYOUTS" --runtime-config "$RUNTIME_CONFIG" \
  --hostile-absolute "$HOSTILE_ABSOLUTE" "$MODULE" "$LAYOUTS_DIR" >/dev/null ||
  fail "make_layouts.py failed"
mapfile -t LAYOUT_NAMES < <(json_query "$LAYOUTS_DIR/layouts.json" "'\n'.join(d)")

# push_format FORMAT REPO [OPTION...]: from STAGE (the case's cwd from then on), `coras push
# $REGISTRY/REPO:v1 example-filter.wasm --wasm-format FORMAT OPTION...` through run_coras.
push_format()
{
  local format=$1 repo=$2
  shift 2
  cd "$STAGE"
  run_coras push "$REGISTRY/$repo:v1" example-filter.wasm --wasm-format "$format" "$@"
}

# format_manifest FORMAT: pushes --wasm-format FORMAT to fmt-FORMAT:v1 (each case that needs it
# pushes it itself; coras's own output goes to stderr) and prints the path of the manifest the
# registry serves for it, stored next to its digest (format_digest).
format_manifest()
{
  local format=$1 digest manifest="$TEST_DIR/fmt-$1.json"
  {
    push_format "$format" "fmt-$format" --root-id resp_header_demo
    assert_rc 0
    digest=$(printed_digest)
    fetch_manifest "fmt-$format" v1 "$manifest"
    assert_eq "$(sha256_of "$manifest")" "$digest" "printed digest vs sha256 of the served manifest"
    printf '%s\n' "$digest" >"$TEST_DIR/fmt-$format.digest"
  } >&2
  printf '%s\n' "$manifest"
}

# format_digest FORMAT: pushes as format_manifest does and prints the digest of that push.
format_digest()
{
  format_manifest "$1" >/dev/null
  cat "$TEST_DIR/fmt-$1.digest"
}

# The `Layout:` name coras pull reports for what --wasm-format $1 pushed.
layout_of_format()
{
  printf '%s\n' "$1"
}

# --- Push each format -----------------------------------------------------------------------------

test_push_format()
{
  format_manifest "$CASE_FORMAT" >/dev/null
}

check_solo_manifest()
{
  local m=$1 repo=$2 config="$TEST_DIR/$2-config.json"
  assert_json "$m" "d.get('mediaType')" "$OCI_MANIFEST_TYPE"
  assert_json "$m" 'd["config"]["mediaType"]' "$WASM_CONFIG_TYPE"
  assert_json "$m" "d['config'].get('annotations', {}).get('$TITLE_KEY')" runtime-config.json
  assert_json "$m" 'len(d["layers"])' 2
  assert_json "$m" 'd["layers"][0] == d["config"]' true "layers[0] is the config descriptor"
  assert_json "$m" 'd["layers"][1]["mediaType"]' "$WASM_LAYER_TYPE"
  assert_json "$m" 'd["layers"][1]["digest"]' "$MODULE_DIGEST"
  assert_json "$m" 'd["layers"][1]["size"]' "$MODULE_SIZE"
  assert_json "$m" "d['layers'][1].get('annotations', {}).get('$TITLE_KEY')" example-filter.wasm
  assert_json "$m" "d.get('annotations', {}).get('module.wasm.runtime/type')" envoy_proxy
  assert_json "$m" "d.get('annotations', {}).get('module.wasm.runtime/abi_version')" v0.2.1
  fetch_blob "$repo" "$(json_query "$m" 'd["config"]["digest"]')" "$config"
  printf '%s\n' "$config"
}

check_compat_manifest()
{
  local m=$1 repo=$2 config="$TEST_DIR/$2-config.json" layer="$TEST_DIR/$2-layer.tar.gz"
  assert_json "$m" "d.get('mediaType')" "$OCI_MANIFEST_TYPE"
  assert_json "$m" 'd["config"]["mediaType"]' "$OCI_IMAGE_CONFIG_TYPE"
  assert_json "$m" 'len(d["layers"])' 1
  assert_json "$m" 'd["layers"][0]["mediaType"]' "$OCI_TAR_GZIP_TYPE"
  assert_json "$m" "d.get('annotations', {}).get('module.wasm.image/variant')" compat
  fetch_blob "$repo" "$(json_query "$m" 'd["config"]["digest"]')" "$config"
  fetch_blob "$repo" "$(json_query "$m" 'd["layers"][0]["digest"]')" "$layer"
  assert_json "$config" 'd.get("architecture")' amd64
  assert_json "$config" 'd.get("os")' linux
  assert_json "$config" 'd.get("rootfs", {}).get("type")' layers
  assert_json "$config" 'd.get("rootfs", {}).get("diff_ids")' "[\"$(gunzip_sha256 "$layer")\"]" \
    "rootfs.diff_ids (sha256 of the uncompressed tar)"
  printf '%s\n' "$layer"
}

# check_compat_tar LAYER NAME=DIGEST...: the tar.gz LAYER holds exactly the files NAME (a
# leading ./ ignored), each with content DIGEST, mode 0644, uid/gid 0, mtime 0.
check_compat_tar()
{
  local layer=$1 entries="$TEST_DIR/.tar-entries.json" pair names=() expected
  shift
  tar_gz_entries "$layer" >"$entries"
  printf '  tar entries: %s\n' "$(json_query "$entries" '[e["name"] for e in d]')"
  for pair in "$@"; do
    names+=("${pair%%=*}")
    assert_json "$entries" "[e['sha256'] for e in d if e['name'].removeprefix('./') == '${pair%%=*}']" \
      "[\"${pair#*=}\"]" "content of ${pair%%=*} in the layer"
  done
  expected=$(printf '%s\n' "${names[@]}" | sort | "$PYTHON" -c 'import json, sys; print(json.dumps(sys.stdin.read().split()))')
  assert_json "$entries" 'sorted(e["name"].removeprefix("./") for e in d)' "$expected" "tar entries"
  assert_json "$entries" 'sorted({(e["type"], e["mode"], e["uid"], e["gid"], e["mtime"]) for e in d})' \
    '[["file", "0644", 0, 0, 0]]' "type, mode, uid, gid, mtime of the tar entries"
}

test_manifest_solo()
{
  local m config
  m=$(format_manifest solo)
  config=$(check_solo_manifest "$m" fmt-solo)
  assert_json "$config" "d == $GENERATED_CONFIG" true "generated runtime-config.json == $GENERATED_CONFIG"
}

test_manifest_compat()
{
  local m layer
  m=$(format_manifest compat)
  layer=$(check_compat_manifest "$m" fmt-compat)
  check_compat_tar "$layer" "plugin.wasm=$MODULE_DIGEST"
}

test_manifest_cncf()
{
  local m config="$TEST_DIR/fmt-cncf-config.json"
  m=$(format_manifest cncf)
  assert_json "$m" "d.get('mediaType')" "$OCI_MANIFEST_TYPE"
  assert_json "$m" 'd["config"]["mediaType"]' "$CNCF_CONFIG_TYPE"
  assert_json "$m" 'len(d["layers"])' 1
  assert_json "$m" 'd["layers"][0]["mediaType"]' "$CNCF_LAYER_TYPE"
  assert_json "$m" 'd["layers"][0]["digest"]' "$MODULE_DIGEST"
  assert_json "$m" 'd["layers"][0]["size"]' "$MODULE_SIZE"
  fetch_blob fmt-cncf "$(json_query "$m" 'd["config"]["digest"]')" "$config"
  assert_json "$config" 'd.get("architecture")' wasm
  assert_json "$config" 'd.get("os")' wasip1
  assert_json "$config" 'd.get("layerDigests")' "[\"$MODULE_DIGEST\"]"
  assert_json "$config" \
    '__import__("re").fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", str(d.get("created"))) is not None' \
    true "created is an RFC 3339 time ($(json_query "$config" 'd.get("created")'))"
  assert_json "$config" 'd.get("component")' null "component of a core module"
}

test_manifest_wasm_to_oci()
{
  local m config="$TEST_DIR/fmt-w2o-config.json"
  m=$(format_manifest wasm-to-oci)
  assert_json "$m" 'd["config"]["mediaType"]' "$W2O_CONFIG_TYPE"
  assert_json "$m" 'len(d["layers"])' 1
  assert_json "$m" 'd["layers"][0]["mediaType"]' "$W2O_LAYER_TYPE"
  assert_json "$m" 'd["layers"][0]["digest"]' "$MODULE_DIGEST"
  assert_json "$m" 'd["layers"][0]["size"]' "$MODULE_SIZE"
  fetch_blob fmt-wasm-to-oci "$(json_query "$m" 'd["config"]["digest"]')" "$config"
  assert_file_content "$config" '{}'
}

# --- Pull each format back ------------------------------------------------------------------------

test_pull_format()
{
  local format=$CASE_FORMAT m out="$TEST_DIR/pull-$CASE_FORMAT" name file_out
  m=$(format_manifest "$format")
  run_coras pull "$REGISTRY/fmt-$format:v1" -o "$out"
  assert_rc 0
  assert_layout "$(layout_of_format "$format")"
  case $format in
    solo)
      name=example-filter.wasm
      fetch_blob fmt-solo "$(json_query "$m" 'd["config"]["digest"]')" "$TEST_DIR/pull-solo.config"
      assert_file_eq "$TEST_DIR/pull-solo.config" "$out/runtime-config.json"
      ;;
    compat)
      name=plugin.wasm
      assert_no_path "$out/runtime-config.json"
      ;;
    *)
      name=$(json_query "$m" "d['layers'][0].get('annotations', {}).get('$TITLE_KEY', 'module.wasm')")
      assert_no_path "$out/runtime-config.json"
      ;;
  esac
  assert_file_eq "$MODULE" "$out/$name"
  assert_only_wasm_file "$out" "$name"

  file_out="$TEST_DIR/pull-$format-file/filter-$format.wasm"
  mkdir -p "$(dirname "$file_out")"
  run_coras pull "$REGISTRY/fmt-$format:v1" -o "$file_out"
  assert_rc 0
  assert_file_eq "$MODULE" "$file_out"
}

# --- Istio's verdict on each format ---------------------------------------------------------------

test_istio_format()
{
  local format=$CASE_FORMAT digest module_out="$TEST_DIR/istio-fmt-$CASE_FORMAT.wasm"
  digest=$(format_digest "$format")
  istio_check_registry "fmt-$format" v1 --output "$module_out"
  assert_eq "${digest#sha256:}" "$(istio_checksum)" "the checksum Istio compares with WasmPlugin.sha256"
  case $format in
    solo)
      assert_istio_loads extractOCIArtifactImage
      assert_file_eq "$MODULE" "$module_out"
      ;;
    compat)
      assert_istio_loads extractOCIStandardImage
      assert_file_eq "$MODULE" "$module_out"
      istio_check_registry "fmt-$format" v1 --istio-version-le-1.15
      assert_istio_loads extractOCIStandardImage
      ;;
    cncf)
      assert_istio_rejects \
        "could not parse as compat variant: invalid media type $CNCF_LAYER_TYPE (expect $OCI_TAR_GZIP_TYPE)" \
        "could not parse as oci variant: number of layers must be 2 but got 1"
      ;;
    wasm-to-oci)
      assert_istio_rejects \
        "could not parse as compat variant: invalid media type $W2O_LAYER_TYPE (expect $OCI_TAR_GZIP_TYPE)" \
        "could not parse as oci variant: number of layers must be 2 but got 1"
      ;;
  esac
}

# --- inspect on each format -----------------------------------------------------------------------

# check_inspect_json LAYOUT LOADS SHA256_HEX: the last run_coras printed inspect's JSON with
# wasm.layout LAYOUT, wasm.istio.loads LOADS (true/false; a reason when false),
# wasm.wasmPluginSha256 SHA256_HEX, and the example module's facts.
check_inspect_json()
{
  assert_json "$OUT_FILE" "isinstance(d, dict) and isinstance(d.get('wasm'), dict)" true \
    "inspect's JSON has a wasm object"
  assert_json "$OUT_FILE" "d['wasm']['layout']" "$1"
  assert_json "$OUT_FILE" "d['wasm']['istio']['loads']" "$2"
  if [[ $2 == false ]]; then
    assert_json "$OUT_FILE" "isinstance(d['wasm']['istio'].get('reason'), str) and d['wasm']['istio']['reason'] != ''" \
      true "wasm.istio.reason is a non-empty string"
  fi
  assert_json "$OUT_FILE" "d['wasm']['wasmPluginSha256']" "$3"
  assert_json "$OUT_FILE" "d['wasm']['module']['kind']" core
  assert_json "$OUT_FILE" "d['wasm']['module']['size']" "$MODULE_SIZE"
  assert_json "$OUT_FILE" "d['wasm']['module']['digest']" "$MODULE_DIGEST"
  assert_json "$OUT_FILE" "d['wasm']['module']['abiVersion']" 0.2.1
}

test_inspect_format()
{
  local format=$CASE_FORMAT digest loads=false line
  digest=$(format_digest "$format")
  [[ $format == solo || $format == compat ]] && loads=true
  run_coras inspect "$REGISTRY/fmt-$format:v1" --format json
  assert_rc 0
  check_inspect_json "$(layout_of_format "$format")" "$loads" "${digest#sha256:}"

  run_coras inspect "$REGISTRY/fmt-$format:v1"
  assert_rc 0
  assert_contains "$OUT" "Layout:" "inspect text output"
  assert_contains "$OUT" "Istio:" "inspect text output"
  line=$(grep -m 1 'WasmPlugin sha256:' "$OUT_FILE" || true)
  assert_contains "$line" "${digest#sha256:}" "the 'WasmPlugin sha256:' line"
}

# --- Reproducible pushes --------------------------------------------------------------------------

test_reproducible_format()
{
  local format=$CASE_FORMAT first second a="$TEST_DIR/repro-a.json" b="$TEST_DIR/repro-b.json"
  export SOURCE_DATE_EPOCH=$EPOCH
  push_format "$format" "repro-$format-a" --root-id resp_header_demo
  assert_rc 0
  first=$(printed_digest)
  push_format "$format" "repro-$format-b" --root-id resp_header_demo
  assert_rc 0
  second=$(printed_digest)
  assert_eq "$first" "$second" "manifest digests of two pushes with SOURCE_DATE_EPOCH=$EPOCH"
  fetch_manifest "repro-$format-a" v1 "$a"
  fetch_manifest "repro-$format-b" v1 "$b"
  assert_file_eq "$a" "$b"
}

# The compat layer and config depend on the module's bytes only (tar mtime 0), not on the file's
# mtime: without SOURCE_DATE_EPOCH their digests match the first compat push; with it, so does
# the manifest's.
test_compat_ignores_file_times()
{
  local other="$TEST_DIR/stage-touched" m touched="$TEST_DIR/compat-touched.json" expected
  m=$(format_manifest compat)
  mkdir -p "$other"
  cp -- "$MODULE" "$other/example-filter.wasm"
  touch -d '2001-02-03 04:05:06' "$other/example-filter.wasm"
  cd "$other"
  run_coras push "$REGISTRY/compat-touched:v1" example-filter.wasm --wasm-format compat \
    --root-id resp_header_demo
  assert_rc 0
  fetch_manifest compat-touched v1 "$touched"
  expected=$(json_query "$m" '[d["config"]["digest"]] + [l["digest"] for l in d["layers"]]')
  assert_json "$touched" '[d["config"]["digest"]] + [l["digest"] for l in d["layers"]]' \
    "$expected" "config and layer digests of a module file with another mtime"

  export SOURCE_DATE_EPOCH=$EPOCH
  push_format compat compat-touched-epoch-a --root-id resp_header_demo
  assert_rc 0
  expected=$(printed_digest)
  cd "$other"
  run_coras push "$REGISTRY/compat-touched-epoch-b:v1" example-filter.wasm --wasm-format compat \
    --root-id resp_header_demo
  assert_rc 0
  assert_eq "$expected" "$(printed_digest)" \
    "manifest digest with SOURCE_DATE_EPOCH, module file with another mtime"
}

# --- Push options ---------------------------------------------------------------------------------

test_default_format_is_solo()
{
  local manifest="$TEST_DIR/default.json" explicit
  export SOURCE_DATE_EPOCH=$EPOCH
  push_format solo default-explicit --root-id resp_header_demo
  assert_rc 0
  explicit=$(printed_digest)
  cd "$STAGE"
  run_coras push "$REGISTRY/default-format:v1" example-filter.wasm --root-id resp_header_demo
  assert_rc 0
  fetch_manifest default-format v1 "$manifest"
  check_solo_manifest "$manifest" default-format >/dev/null
  assert_eq "$explicit" "$(printed_digest)" "digest without --wasm-format vs --wasm-format solo"
}

test_solo_with_config()
{
  local manifest="$TEST_DIR/solo-config.json" config out="$TEST_DIR/pull-solo-config"
  cd "$STAGE"
  run_coras push "$REGISTRY/solo-config:v1" example-filter.wasm --wasm-format solo \
    --config runtime-config.json
  assert_rc 0
  fetch_manifest solo-config v1 "$manifest"
  config=$(check_solo_manifest "$manifest" solo-config)
  assert_file_eq "$RUNTIME_CONFIG" "$config"
  run_coras pull "$REGISTRY/solo-config:v1" -o "$out"
  assert_rc 0
  assert_layout solo
  assert_file_eq "$MODULE" "$out/example-filter.wasm"
  assert_file_eq "$RUNTIME_CONFIG" "$out/runtime-config.json"
}

test_solo_root_ids()
{
  local manifest="$TEST_DIR/solo-roots.json" config
  cd "$STAGE"
  run_coras push "$REGISTRY/solo-roots:v1" example-filter.wasm --wasm-format solo \
    --root-id first_root --root-id second_root
  assert_rc 0
  fetch_manifest solo-roots v1 "$manifest"
  config=$(check_solo_manifest "$manifest" solo-roots)
  assert_json "$config" 'd' \
    '{"type": "envoy_proxy", "abiVersions": ["v0.2.1"], "config": {"rootIds": ["first_root", "second_root"]}}' \
    "generated runtime-config.json"
}

test_compat_with_config()
{
  local manifest="$TEST_DIR/compat-config.json" layer out="$TEST_DIR/pull-compat-config"
  cd "$STAGE"
  run_coras push "$REGISTRY/compat-config:v1" example-filter.wasm --wasm-format compat \
    --config runtime-config.json
  assert_rc 0
  fetch_manifest compat-config v1 "$manifest"
  layer=$(check_compat_manifest "$manifest" compat-config)
  check_compat_tar "$layer" "plugin.wasm=$MODULE_DIGEST" \
    "runtime-config.json=$(sha256_of "$RUNTIME_CONFIG")"
  run_coras pull "$REGISTRY/compat-config:v1" -o "$out"
  assert_rc 0
  assert_layout compat
  assert_file_eq "$MODULE" "$out/plugin.wasm"
  assert_file_eq "$RUNTIME_CONFIG" "$out/runtime-config.json"
  istio_check_registry compat-config v1
  assert_istio_loads extractOCIStandardImage
}

# The ASM guide's command (FILE:MEDIATYPE arguments) is not repacked: one layer, as oras makes it,
# plus a warning that Istio cannot load it.
test_asm_guide_command()
{
  local manifest="$TEST_DIR/asm.json" warning out="$TEST_DIR/pull-asm"
  push_example "$STAGE" "$REGISTRY/asm-guide:v0.1"
  assert_rc 0
  fetch_manifest asm-guide v0.1 "$manifest"
  assert_json "$manifest" 'd["config"]["mediaType"]' "$WASM_CONFIG_TYPE"
  assert_json "$manifest" 'd["config"]["digest"]' "$(sha256_of "$RUNTIME_CONFIG")"
  assert_json "$manifest" 'len(d["layers"])' 1
  assert_json "$manifest" 'd["layers"][0]["mediaType"]' "$WASM_LAYER_TYPE"
  assert_json "$manifest" 'd["layers"][0]["digest"]' "$MODULE_DIGEST"
  warning=$(grep '^Warning:' "$ERR_FILE" | grep -i 'istio' | grep -F -- '--wasm-format' || true)
  [[ -n $warning ]] || fail "stderr should have a 'Warning:' line naming Istio and --wasm-format; got:
$ERR"
  printf '  %s\n' "$warning"
  istio_check_registry asm-guide v0.1
  assert_istio_rejects "number of layers must be 2 but got 1"
  run_coras pull "$REGISTRY/asm-guide:v0.1" -o "$out"
  assert_rc 0
  assert_layout solo-1layer
  assert_file_eq "$MODULE" "$out/example-filter.wasm"
  assert_file_eq "$RUNTIME_CONFIG" "$out/runtime-config.json"
}

# An explicit media type means oras's packing: the file is one layer of that type, no warning.
test_explicit_media_type_is_not_packed()
{
  local manifest="$TEST_DIR/explicit.json" type=application/vnd.example.module.v1
  cd "$STAGE"
  run_coras push "$REGISTRY/explicit-type:v1" "example-filter.wasm:$type"
  assert_rc 0
  fetch_manifest explicit-type v1 "$manifest"
  assert_json "$manifest" 'len(d["layers"])' 1
  assert_json "$manifest" 'd["layers"][0]["mediaType"]' "$type"
  assert_json "$manifest" 'd["layers"][0]["digest"]' "$MODULE_DIGEST"
  assert_json "$manifest" "d['layers'][0].get('annotations', {}).get('$TITLE_KEY')" \
    example-filter.wasm
  assert_json "$manifest" "d.get('annotations', {}).get('module.wasm.image/variant')" null
}

# --- Hand-made layouts ----------------------------------------------------------------------------

# layout_pushed NAME: copies the hand-made layout NAME into the registry as layout/NAME:v1 and
# checks the digest there (each case that needs it copies it itself).
layout_pushed()
{
  local name=$1
  push_layout "$LAYOUTS_DIR/$name" v1 "layout/$name"
  printf '  copied by %s\n' "$PUSHED_BY"
  assert_eq "$(layout_expect "$name" manifestDigest)" "$(head_manifest_digest "layout/$name" v1)" \
    "digest of layout/$name:v1 in the registry"
}

test_layout_copy()
{
  layout_pushed "$CASE_LAYOUT"
}

test_layout_istio()
{
  local name=$CASE_LAYOUT module_out="$TEST_DIR/istio-layout-$CASE_LAYOUT.wasm"
  layout_pushed "$name"
  istio_check_registry "layout/$name" v1 --output "$module_out"
  if [[ $(layout_expect "$name" istio) == loads ]]; then
    assert_istio_loads "$(layout_expect "$name" istioMessage)"
    assert_file_eq "$MODULE" "$module_out"
  else
    assert_istio_rejects "$(layout_expect "$name" istioMessage)"
  fi
  assert_eq "$(layout_expect "$name" checksum)" "$(istio_checksum)" "Istio's checksum"
  istio_check_registry "layout/$name" v1 --istio-version-le-1.15
  if [[ $(layout_expect "$name" istioLe115) == loads ]]; then
    assert_istio_loads
  else
    assert_istio_rejects "$(layout_expect "$name" istioLe115Message)"
  fi
}

test_layout_pull()
{
  local name=$CASE_LAYOUT out="$TEST_DIR/layout-pull-$CASE_LAYOUT" file file_out
  layout_pushed "$name"
  run_coras pull "$REGISTRY/layout/$name:v1" -o "$out"
  assert_rc 0
  assert_layout "$(layout_expect "$name" pullLayout)"
  file=$(layout_expect "$name" moduleFile)
  assert_file_eq "$MODULE" "$out/$file"
  assert_only_wasm_file "$out" "$file"
  if [[ $(layout_expect "$name" runtimeConfig) == true ]]; then
    assert_file_eq "$RUNTIME_CONFIG" "$out/runtime-config.json"
  else
    assert_no_path "$out/runtime-config.json"
  fi

  file_out="$TEST_DIR/layout-pull-$name-file/from-$name.wasm"
  mkdir -p "$(dirname "$file_out")"
  run_coras pull "$REGISTRY/layout/$name:v1" -o "$file_out"
  assert_rc 0
  assert_file_eq "$MODULE" "$file_out"
}

test_layout_inspect()
{
  local name=$CASE_LAYOUT loads=false
  layout_pushed "$name"
  [[ $(layout_expect "$name" istio) == loads ]] && loads=true
  run_coras inspect "$REGISTRY/layout/$name:v1" --format json
  assert_rc 0
  # For the index, Istio pins the linux/amd64 child's manifest digest (wasm-formats.md §4.2).
  check_inspect_json "$(layout_expect "$name" pullLayout)" "$loads" \
    "$(layout_expect "$name" checksum)"
}

# The hostile tar (an absolute entry, then ../plugin.wasm): pull yields DIR/plugin.wasm (or
# FILE.wasm) and writes nothing outside DIR, with both -o DIR and -o FILE.wasm.
test_hostile_tar()
{
  local base="$TEST_DIR/hostile" out="$TEST_DIR/hostile/out" file_out="$TEST_DIR/hostile/file/x.wasm"
  local dir_rc file_rc dir_err
  layout_pushed hostile
  mkdir -p "$base/cwd" "$base/file"
  # From a directory of our own: a puller resolving entries against its cwd is caught too.
  cd "$base/cwd"
  run_coras pull "$REGISTRY/layout/hostile:v1" -o "$out"
  dir_rc=$RC
  dir_err=$ERR
  run_coras pull "$REGISTRY/layout/hostile:v1" -o "$file_out"
  file_rc=$RC
  # First what matters most: nothing escaped.
  assert_no_path "$HOSTILE_ABSOLUTE"
  assert_no_path "$(dirname "$HOSTILE_ABSOLUTE")"
  assert_no_path "$base/plugin.wasm"
  assert_no_path "$TEST_DIR/plugin.wasm"
  assert_empty_or_absent_dir "$base/cwd"
  assert_eq "" "$(find "$base" -mindepth 1 -maxdepth 1 ! -name cwd ! -name file ! -name out)" \
    "entries of $base other than cwd, file and out"
  assert_eq "" "$(find "$base/file" -mindepth 1 ! -name x.wasm)" \
    "entries of $base/file other than x.wasm"
  assert_eq "" "$(find "$base" -type l)" "symlinks under $base"
  # Then: coras takes the module by its base name, plugin.wasm, and nothing else.
  assert_eq 0 "$dir_rc" "exit code of pull -o DIR (stderr: $dir_err)"
  assert_file_eq "$MODULE" "$out/plugin.wasm"
  assert_eq 0 "$file_rc" "exit code of pull -o FILE.wasm"
  assert_file_eq "$MODULE" "$file_out"
}

for CASE_FORMAT in "${FORMATS[@]}"; do
  run_test "push --wasm-format $CASE_FORMAT" test_push_format
done
run_test "solo manifest, field by field" test_manifest_solo
run_test "compat manifest, image config and tar, field by field" test_manifest_compat
run_test "cncf manifest and config, field by field" test_manifest_cncf
run_test "wasm-to-oci manifest and config, field by field" test_manifest_wasm_to_oci
for CASE_FORMAT in "${FORMATS[@]}"; do
  run_test "pull what --wasm-format $CASE_FORMAT pushed" test_pull_format
  run_test "Istio's verdict on --wasm-format $CASE_FORMAT" test_istio_format
  run_test "inspect what --wasm-format $CASE_FORMAT pushed" test_inspect_format
  run_test "--wasm-format $CASE_FORMAT is reproducible under SOURCE_DATE_EPOCH" \
    test_reproducible_format
done
run_test "compat ignores the module file's mtime" test_compat_ignores_file_times
run_test "the default --wasm-format is solo" test_default_format_is_solo
run_test "solo with --config uses that file" test_solo_with_config
run_test "solo with two --root-id" test_solo_root_ids
run_test "compat with --config puts runtime-config.json in the tar" test_compat_with_config
run_test "the ASM guide's command: one layer and a warning" test_asm_guide_command
run_test "FILE:MEDIATYPE is not packed" test_explicit_media_type_is_not_packed
for CASE_LAYOUT in "${LAYOUT_NAMES[@]}"; do
  run_test "layout $CASE_LAYOUT: copy into the registry" test_layout_copy
  run_test "layout $CASE_LAYOUT: Istio's verdict" test_layout_istio
  [[ $CASE_LAYOUT == hostile ]] || run_test "layout $CASE_LAYOUT: coras pull" test_layout_pull
  run_test "layout $CASE_LAYOUT: coras inspect" test_layout_inspect
done
run_test "hostile tar: nothing written outside the output directory" test_hostile_tar
finish
