#!/usr/bin/env bash
# test_manifest_index.sh: `coras manifest index create|update` and `manifest fetch|fetch-config
# --platform` against a real docker-registry (issue 10): the example filter pushed in the compat
# layout (an OCI image, linux/amd64, which Istio loads) and the cncf layout (wasip1/wasm), plus an
# image manifest of another platform, listed in one index; the index read back by coras, by curl
# and by skopeo (same bytes, same digest); updates by --add, --remove, --merge and --tag; --output;
# the errors that must push nothing; an OCI layout; and pull and inspect of an index (they take
# its linux/amd64 entry, as Istio's agent does).
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry curl sha256sum "$PYTHON"
start_registry main

INDEX_TYPE='application/vnd.oci.image.index.v1+json'
STAGE="$TEST_DIR/stage"
stage_example "$STAGE"

# push_layout REF FORMAT [OPTION...]: pushes the example module in a Wasm layout; prints the
# digest.
push_layout()
{
  local ref=$1 format=$2
  shift 2
  (
    cd "$STAGE"
    run_coras push "$ref" example-filter.wasm --wasm-format "$format" "$@" >&2
    assert_rc 0 >&2
    printed_digest
  )
}

# The manifests every case lists, pushed once: repository "filters".
COMPAT=$(push_layout "$REGISTRY/filters:compat" compat) || fail "push compat failed"
CNCF=$(push_layout "$REGISTRY/filters:cncf" cncf) || fail "push cncf failed"
SOLO=$(push_layout "$REGISTRY/filters:solo" solo) || fail "push solo failed"
# An image manifest whose config names linux/arm64/v8 (image-spec v1.0 packing: --config).
printf '%s' '{"architecture":"arm64","os":"linux","variant":"v8","rootfs":{"type":"layers","diff_ids":[]}}' \
  >"$STAGE/arm64-config.json"
ARM64=$(
  cd "$STAGE"
  run_coras push "$REGISTRY/filters:arm64" \
    --config "arm64-config.json:application/vnd.oci.image.config.v1+json" runtime-config.json >&2
  assert_rc 0 >&2
  printed_digest
) || fail "push arm64 failed"
for digest_ in "$COMPAT" "$CNCF" "$SOLO" "$ARM64"; do
  [[ $digest_ == sha256:* ]] || fail "a setup push printed no digest"
done
unset digest_

# manifest_size TAG: the size of filters:TAG as the registry serves it.
manifest_size()
{
  fetch_manifest filters "$1" "$TEST_DIR/size-probe"
  size_of "$TEST_DIR/size-probe"
}

# entries FILE: "digest size os/arch[/variant]|-" per entry of the index FILE, one a line.
entries()
{
  "$PYTHON" - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], "rb"))
assert d["schemaVersion"] == 2 and d["mediaType"] == "application/vnd.oci.image.index.v1+json", d
for m in d["manifests"]:
    p = m.get("platform")
    plat = "-" if p is None else "/".join(x for x in (p["os"], p["architecture"], p.get("variant", "")) if x)
    print(m["digest"], m["size"], plat)
PY
}

test_create_from_two_layouts_and_an_image()
{
  local digest index="$TEST_DIR/all.json" expected raw="$TEST_DIR/all.skopeo"
  run_coras manifest index create "$REGISTRY/filters:all,latest" compat "cncf" "@$ARM64"
  assert_rc 0
  digest=$(printed_digest)
  assert_contains "$OUT" "Pushed [registry] $REGISTRY/filters:all"
  assert_contains "$OUT" "Pushed [registry] $REGISTRY/filters:latest"
  assert_eq "$digest" "$(head_manifest_digest filters all)" "the registry's digest of all"
  assert_eq "$digest" "$(head_manifest_digest filters latest)" "the registry's digest of latest"
  # Read back by coras: entries, digests, sizes, platforms.
  run_coras manifest fetch -o "$index" "$REGISTRY/filters:all"
  assert_rc 0
  assert_eq "$digest" "$(sha256_of "$index")" "digest of the fetched index"
  expected="$COMPAT $(manifest_size compat) linux/amd64
$CNCF $(manifest_size cncf) wasip1/wasm
$ARM64 $(manifest_size arm64) linux/arm64/v8"
  assert_eq "$expected" "$(entries "$index")" "index entries"
  assert_eq "$OCI_MANIFEST_TYPE" "$(json_query "$index" 'd["manifests"][1]["mediaType"]')" \
    "entry media type"
  assert_eq "false" "$(json_query "$index" '"annotations" in d')" "no annotations by default"
  # skopeo sees the same bytes.
  if command -v skopeo >/dev/null 2>&1; then
    skopeo --insecure-policy inspect --raw --tls-verify=false "docker://$REGISTRY/filters:all" \
      >"$raw" || fail "skopeo inspect failed"
    assert_eq "$digest" "$(sha256_of "$raw")" "digest of the index skopeo read"
    cmp -s "$raw" "$index" || fail "skopeo and coras read different bytes"
  else
    printf '  (skopeo not installed: its check skipped)\n'
  fi
  # The same sources again: the same index (no created time unless asked), by digest.
  run_coras manifest index pack --format json "$REGISTRY/filters" compat cncf "$ARM64"
  assert_rc 0
  assert_eq "$digest" "$(json_query "$OUT_FILE" 'd["digest"]')" "digest of the same index"
  assert_eq "$REGISTRY/filters@$digest" "$(json_query "$OUT_FILE" 'd["reference"]')" \
    "JSON reference when pushed by digest"
  assert_eq "$INDEX_TYPE" "$(json_query "$OUT_FILE" 'd["mediaType"]')" "JSON mediaType"
  assert_eq "$(size_of "$index")" "$(json_query "$OUT_FILE" 'd["size"]')" "JSON size"
}

test_fetch_platform()
{
  local out="$TEST_DIR/picked.json"
  run_coras manifest index create "$REGISTRY/filters:pick" compat cncf arm64
  assert_rc 0
  run_coras manifest fetch --platform wasip1/wasm --descriptor "$REGISTRY/filters:pick"
  assert_rc 0
  assert_eq "$CNCF" "$(json_query "$OUT_FILE" 'd["digest"]')" "wasip1/wasm entry"
  run_coras manifest fetch --platform linux/arm64 -o "$out" "$REGISTRY/filters:pick"
  assert_rc 0
  assert_eq "$ARM64" "$(sha256_of "$out")" "linux/arm64 manifest bytes"
  run_coras manifest fetch --platform linux/arm64/v7 "$REGISTRY/filters:pick"
  assert_rc 1
  assert_one_line_error linux/arm64/v7
  assert_eq "" "$OUT" "stdout of a failed fetch"
  run_coras manifest fetch-config --platform linux/amd64 "$REGISTRY/filters:pick"
  assert_rc 0
  assert_eq "linux amd64" "$(printf '%s' "$OUT" | "$PYTHON" -c \
    'import json,sys; d=json.load(sys.stdin); print(d["os"], d["architecture"])')" \
    "config of the linux/amd64 entry"
  run_coras manifest fetch-config --platform windows/amd64 "$REGISTRY/filters:pick"
  assert_rc 1
  assert_one_line_error windows/amd64
  run_coras manifest fetch --platform linux/ "$REGISTRY/filters:pick"
  assert_rc 2
  assert_one_line_error platform
  # An image manifest is taken when its config names the platform, refused otherwise.
  run_coras manifest fetch --platform linux/arm64 --descriptor "$REGISTRY/filters:arm64"
  assert_rc 0
  assert_eq "$ARM64" "$(json_query "$OUT_FILE" 'd["digest"]')" "the image manifest itself"
  run_coras manifest fetch --platform linux/amd64 "$REGISTRY/filters:arm64"
  assert_rc 1
  assert_one_line_error linux/amd64 linux/arm64
}

test_annotations_artifact_type_and_output()
{
  local file="$TEST_DIR/index-out.json" before
  before=$(head_manifest_digest filters compat)
  SOURCE_DATE_EPOCH=86400 run_coras manifest index create -o "$file" \
    --artifact-type application/vnd.example.filters -a org.example.note=two-layouts \
    "$REGISTRY/filters:written" compat cncf
  assert_rc 0
  assert_contains "$OUT" "Wrote $file"
  assert_eq "$(printed_digest)" "$(sha256_of "$file")" "printed digest of the written index"
  assert_eq "application/vnd.example.filters" "$(json_query "$file" 'd["artifactType"]')" \
    "artifactType"
  assert_eq "two-layouts" "$(json_query "$file" 'd["annotations"]["org.example.note"]')" "-a"
  assert_eq "1970-01-02T00:00:00Z" \
    "$(json_query "$file" 'd["annotations"]["org.opencontainers.image.created"]')" \
    "created from SOURCE_DATE_EPOCH"
  # --output: nothing pushed.
  run_coras resolve "$REGISTRY/filters:written"
  assert_rc 1
  # --output -: the exact bytes on stdout, and nothing else.
  SOURCE_DATE_EPOCH=86400 run_coras manifest index create --output - \
    --artifact-type application/vnd.example.filters -a org.example.note=two-layouts \
    "$REGISTRY/filters:written" compat cncf
  assert_rc 0
  cmp -s "$OUT_FILE" "$file" || fail "--output - and --output FILE differ"
  run_coras manifest index create --output - --format json "$REGISTRY/filters" compat
  assert_rc 2
  assert_one_line_error --output
  run_coras manifest index create -a novalue "$REGISTRY/filters:x" compat
  assert_rc 2
  assert_one_line_error novalue
  assert_eq "$before" "$(head_manifest_digest filters compat)" "compat after all this"
}

test_create_errors_push_nothing()
{
  run_coras manifest index create "$REGISTRY/filters:broken" compat nope
  assert_rc 1
  assert_one_line_error nope
  run_coras resolve "$REGISTRY/filters:broken"
  assert_rc 1
  run_coras manifest index create "$REGISTRY/filters:broken" compat 'bad*tag'
  assert_rc 2
  assert_one_line_error 'bad*tag'
  run_coras manifest index create "$REGISTRY/filters@$COMPAT" cncf
  assert_rc 2
  assert_one_line_error digest
  run_coras manifest index create "$REGISTRY/filters:broken" "sha256:$(printf '0%.0s' {1..64})"
  assert_rc 1
  assert_one_line_error "sha256:0000"
  run_coras resolve "$REGISTRY/filters:broken"
  assert_rc 1
}

test_update_add_remove_merge_tag()
{
  local index="$TEST_DIR/updated.json" digest old before tag
  run_coras manifest index create "$REGISTRY/filters:upd" compat cncf
  assert_rc 0
  old=$(printed_digest)
  run_coras manifest index create "$REGISTRY/filters:extra" arm64 compat
  assert_rc 0
  # Remove cncf, add solo (and compat again: dropped), merge extra (compat dropped again).
  run_coras manifest index update "$REGISTRY/filters:upd" --remove "$CNCF" --add solo \
    --add compat --merge extra --tag upd2 --tag upd3
  assert_rc 0
  digest=$(printed_digest)
  assert_ne "$old" "$digest" "digest after the update"
  assert_contains "$OUT" "Pushed [registry] $REGISTRY/filters:upd"
  assert_contains "$OUT" "Pushed [registry] $REGISTRY/filters:upd3"
  for tag in upd upd2 upd3; do
    assert_eq "$digest" "$(head_manifest_digest filters "$tag")" "digest of $tag"
  done
  fetch_manifest filters upd "$index"
  assert_eq "$COMPAT $(manifest_size compat) linux/amd64
$SOLO $(manifest_size solo) -
$ARM64 $(manifest_size arm64) linux/arm64/v8" "$(entries "$index")" "entries after the update"
  # By digest: the old index, updated, pushed by its new digest; the tag stays.
  run_coras manifest index update --format json "$REGISTRY/filters@$old" --add arm64
  assert_rc 0
  digest=$(json_query "$OUT_FILE" 'd["digest"]')
  assert_eq "$REGISTRY/filters@$digest" "$(json_query "$OUT_FILE" 'd["reference"]')" \
    "JSON reference of an update by digest"
  run_coras manifest fetch -o "$index" "$REGISTRY/filters@$digest"
  assert_rc 0
  assert_eq "$COMPAT $CNCF $ARM64" "$(entries "$index" | cut -d' ' -f1 | tr '\n' ' ' | sed 's/ $//')" \
    "entries of the index updated by digest"
  # --output -: printed, not pushed.
  before=$(head_manifest_digest filters upd)
  run_coras manifest index update --output - "$REGISTRY/filters:upd" --remove "$SOLO"
  assert_rc 0
  assert_eq "$COMPAT $ARM64" "$(entries "$OUT_FILE" | cut -d' ' -f1 | tr '\n' ' ' | sed 's/ $//')" \
    "entries written to stdout"
  assert_eq "$before" "$(head_manifest_digest filters upd)" "upd after --output -"
}

test_update_errors_push_nothing()
{
  local before
  run_coras manifest index create "$REGISTRY/filters:keep" compat cncf
  assert_rc 0
  before=$(head_manifest_digest filters keep)
  # A missing manifest to add.
  run_coras manifest index update "$REGISTRY/filters:keep" --add nope --remove "$CNCF"
  assert_rc 1
  assert_one_line_error nope
  # A digest the index does not list.
  run_coras manifest index update "$REGISTRY/filters:keep" --remove "$SOLO"
  assert_rc 1
  assert_one_line_error "$SOLO"
  # Not an index: the reference, or what --merge names.
  run_coras manifest index update "$REGISTRY/filters:compat" --add cncf
  assert_rc 1
  assert_one_line_error compat "not an index"
  run_coras manifest index update "$REGISTRY/filters:keep" --merge solo
  assert_rc 1
  assert_one_line_error solo "not an index"
  # Usage errors.
  run_coras manifest index update "$REGISTRY/filters:keep" --remove solo
  assert_rc 2
  assert_one_line_error --remove
  run_coras manifest index update "$REGISTRY/filters:keep"
  assert_rc 2
  assert_one_line_error "nothing to update"
  run_coras manifest index update "$REGISTRY/filters:keep" --add solo --tag x -o "$TEST_DIR/x.json"
  assert_rc 2
  assert_one_line_error --tag --output
  run_coras manifest index update "$REGISTRY/filters" --add solo
  assert_rc 2
  assert_one_line_error "no index to update"
  run_coras manifest index update "$REGISTRY/filters:nope" --add solo
  assert_rc 1
  assert_one_line_error nope
  assert_eq "$before" "$(head_manifest_digest filters keep)" "keep after the failed updates"
  assert_eq "$COMPAT" "$(head_manifest_digest filters compat)" "compat after the failed updates"
  run_coras resolve "$REGISTRY/filters:x"
  assert_rc 1
}

# pull and inspect of an index take the entry Istio's agent would: linux/amd64, here the compat
# layout, so that an index of several layouts still serves Istio.
test_pull_and_inspect_of_an_index()
{
  local out
  run_coras manifest index create "$REGISTRY/filters:both" cncf compat
  assert_rc 0
  run_coras inspect "$REGISTRY/filters:both"
  assert_rc 0
  assert_contains "$OUT" "$INDEX_TYPE"
  assert_contains "$OUT" "$COMPAT"
  printf '%s\n' "$OUT" | sed 's/^/  | /'
  out=$(case_dir pull-index)
  run_coras pull -o "$out" "$REGISTRY/filters:both"
  assert_rc 0
  assert_contains "$OUT" "Layout: compat"
  assert_file_eq "$STAGE/example-filter.wasm" "$out/plugin.wasm"
  # One entry by its digest still pulls as ever.
  out=$(case_dir pull-entry)
  run_coras pull -o "$out" "$REGISTRY/filters@$CNCF"
  assert_rc 0
  assert_file_eq "$STAGE/example-filter.wasm" "$out/example-filter.wasm"
}

test_oci_layout()
{
  local layout="$TEST_DIR/layout" compat cncf file="$TEST_DIR/layout-index.json"
  compat=$(push_layout "$layout:compat" compat --oci-layout) || fail "push compat to the layout"
  cncf=$(push_layout "$layout:cncf" cncf --oci-layout) || fail "push cncf to the layout"
  run_coras manifest index create --oci-layout "$layout:all" compat "$cncf"
  assert_rc 0
  assert_contains "$OUT" "Pushed [oci-layout] $layout:all"
  run_coras manifest fetch --oci-layout -o "$file" "$layout:all"
  assert_rc 0
  assert_eq "$compat $cncf" "$(entries "$file" | cut -d' ' -f1 | tr '\n' ' ' | sed 's/ $//')" \
    "layout index entries"
  run_coras manifest fetch --oci-layout --platform wasip1/wasm --descriptor "$layout:all"
  assert_rc 0
  assert_eq "$cncf" "$(json_query "$OUT_FILE" 'd["digest"]')" "wasip1/wasm in the layout"
  run_coras manifest index update --oci-layout "$layout:all" --remove "$compat"
  assert_rc 0
  run_coras repo tags --oci-layout "$layout"
  assert_contains "$OUT" "all"
  run_coras manifest index create --oci-layout "$TEST_DIR/no-layout:x" compat
  assert_rc 1
  assert_no_path "$TEST_DIR/no-layout"
}

run_test "create: compat, cncf and an image, platforms, skopeo agrees" \
  test_create_from_two_layouts_and_an_image
run_test "manifest fetch and fetch-config --platform" test_fetch_platform
run_test "create: --artifact-type, -a, SOURCE_DATE_EPOCH, --output" \
  test_annotations_artifact_type_and_output
run_test "create: errors push nothing" test_create_errors_push_nothing
run_test "update: --add, --remove, --merge, --tag, by digest, --output -" \
  test_update_add_remove_merge_tag
run_test "update: errors push nothing" test_update_errors_push_nothing
run_test "pull and inspect of an index take its linux/amd64 (compat) entry" \
  test_pull_and_inspect_of_an_index
run_test "create and update in an OCI layout" test_oci_layout
finish
