#!/usr/bin/env bash
# test_skopeo_interop.sh: an artifact coras pushes to a real docker-registry is what skopeo reads
# (same manifest bytes, copyable to an OCI layout), and one skopeo pushes is what coras pulls.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry skopeo curl sha256sum cmp "$PYTHON"
start_registry main

STAGE="$TEST_DIR/stage"
stage_example "$STAGE"
REPO=asm-skopeo

# run_skopeo ARGS...: skopeo without a signature policy file; fails with its output on error.
run_skopeo()
{
  printf '  $ skopeo %s\n' "$*"
  skopeo --insecure-policy "$@" >"$TEST_DIR/skopeo.out" 2>"$TEST_DIR/skopeo.err" ||
    fail "skopeo $* failed:
$(cat "$TEST_DIR/skopeo.err")"
}

# push_for_case: pushes the example to $REPO:v1 (each case pushes what it reads itself) and sets
# DIGEST to the digest coras printed.
push_for_case()
{
  push_example "$STAGE" "$REGISTRY/$REPO:v1"
  assert_rc 0
  DIGEST=$(printed_digest)
}

# copy_to_skopeo_layout LAYOUT: skopeo copies $REPO:v1 into the OCI layout LAYOUT as v1.
copy_to_skopeo_layout()
{
  run_skopeo copy --src-tls-verify=false "docker://$REGISTRY/$REPO:v1" "oci:$1:v1"
}

test_push()
{
  push_for_case
  assert_eq "$DIGEST" "$(head_manifest_digest "$REPO" v1)" "digest served for $REPO:v1"
}

test_skopeo_inspect_raw()
{
  local served="$TEST_DIR/served.json"
  push_for_case
  fetch_manifest "$REPO" v1 "$served"
  run_skopeo inspect --raw --tls-verify=false "docker://$REGISTRY/$REPO:v1"
  assert_file_eq "$served" "$TEST_DIR/skopeo.out"
  run_skopeo inspect --config --raw --tls-verify=false "docker://$REGISTRY/$REPO:v1"
  assert_file_eq "$STAGE/runtime-config.json" "$TEST_DIR/skopeo.out"
}

test_skopeo_copy_to_layout()
{
  local entry layout="$TEST_DIR/skopeo-layout"
  push_for_case
  copy_to_skopeo_layout "$layout"
  entry=$(json_query "$layout/index.json" \
    '[m["digest"] for m in d["manifests"] if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == "v1"]')
  assert_eq "[\"$DIGEST\"]" "$entry" "index.json entries named v1"
  assert_file_eq "$STAGE/example-filter.wasm" \
    "$layout/blobs/sha256/$(sha256sum "$STAGE/example-filter.wasm" | cut -d' ' -f1)"
}

# The other way round: skopeo pushes (from its layout) and coras pulls byte-identical files.
test_coras_pulls_what_skopeo_pushed()
{
  local out="$TEST_DIR/pulled" layout="$TEST_DIR/skopeo-layout-to-push"
  push_for_case
  copy_to_skopeo_layout "$layout"
  run_skopeo copy --dest-tls-verify=false "oci:$layout:v1" \
    "docker://$REGISTRY/from-skopeo:v1"
  run_coras pull "$REGISTRY/from-skopeo:v1" -o "$out"
  assert_rc 0
  assert_file_eq "$STAGE/example-filter.wasm" "$out/example-filter.wasm"
}

run_test "coras push" test_push
run_test "skopeo inspect --raw reads the same bytes" test_skopeo_inspect_raw
run_test "skopeo copy to an OCI layout" test_skopeo_copy_to_layout
run_test "coras pulls what skopeo pushed" test_coras_pulls_what_skopeo_pushed
finish
