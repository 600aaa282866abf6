#!/usr/bin/env bash
# test_oci_layout.sh: `coras push/pull --oci-layout` against a directory, and skopeo reading the
# layout coras wrote. Needs no registry.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd sha256sum cmp "$PYTHON"

STAGE="$TEST_DIR/stage"
stage_example "$STAGE"
printf 'notes that travel with the filter\n' >"$STAGE/notes.txt"

# push_to_layout LAYOUT: pushes the staged files into the OCI layout LAYOUT as v1 (each case
# pushes into a layout of its own) and sets DIGEST to the digest coras printed.
push_to_layout()
{
  cd "$STAGE"
  run_coras push --oci-layout "$1:v1" \
    --manifest-config "runtime-config.json:$WASM_CONFIG_TYPE" \
    "example-filter.wasm:$WASM_LAYER_TYPE" notes.txt
  assert_rc 0
  DIGEST=$(printed_digest)
}

test_push_to_layout()
{
  local digest blob name LAYOUT="$TEST_DIR/layout-push"
  push_to_layout "$LAYOUT"
  digest=$DIGEST

  [[ -f $LAYOUT/oci-layout ]] || fail "no oci-layout file in $LAYOUT"
  assert_eq 1.0.0 "$(json_query "$LAYOUT/oci-layout" 'd["imageLayoutVersion"]')" \
    "imageLayoutVersion"
  [[ -f $LAYOUT/index.json ]] || fail "no index.json in $LAYOUT"
  assert_eq "$digest" "$(json_query "$LAYOUT/index.json" \
    '[m["digest"] for m in d["manifests"] if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == "v1"][0]')" \
    "digest of the index.json entry named v1"

  # Every blob is stored under its own digest; the module and the config are there byte-exact.
  for blob in "$LAYOUT"/blobs/sha256/*; do
    name=${blob##*/}
    assert_eq "sha256:$name" "$(sha256_of "$blob")" "sha256 of $blob"
  done
  assert_file_eq "$STAGE/example-filter.wasm" \
    "$LAYOUT/blobs/sha256/$(sha256sum "$STAGE/example-filter.wasm" | cut -d' ' -f1)"
  assert_file_eq "$STAGE/runtime-config.json" \
    "$LAYOUT/blobs/sha256/$(sha256sum "$STAGE/runtime-config.json" | cut -d' ' -f1)"
  [[ -f $LAYOUT/blobs/sha256/${digest#sha256:} ]] || fail "manifest blob $digest missing"
}

test_pull_from_layout()
{
  local out="$TEST_DIR/pulled" LAYOUT="$TEST_DIR/layout-pull"
  push_to_layout "$LAYOUT"
  run_coras pull --oci-layout "$LAYOUT:v1" -o "$out"
  assert_rc 0
  assert_file_eq "$STAGE/example-filter.wasm" "$out/example-filter.wasm"
  assert_file_eq "$STAGE/notes.txt" "$out/notes.txt"
}

test_skopeo_reads_layout()
{
  local digest skout="$TEST_DIR/skopeo-dir" wasm_hex LAYOUT="$TEST_DIR/layout-skopeo"
  command -v skopeo >/dev/null 2>&1 || skip "skopeo not installed"
  push_to_layout "$LAYOUT"
  digest=$DIGEST
  skopeo --insecure-policy copy "oci:$LAYOUT:v1" "dir:$skout" >"$TEST_DIR/skopeo.log" 2>&1 ||
    fail "skopeo copy oci:$LAYOUT:v1 dir:$skout failed: $(cat "$TEST_DIR/skopeo.log")"
  wasm_hex=$(sha256sum "$STAGE/example-filter.wasm" | cut -d' ' -f1)
  assert_file_eq "$STAGE/example-filter.wasm" "$skout/$wasm_hex"
  assert_file_eq "$STAGE/notes.txt" "$skout/$(sha256sum "$STAGE/notes.txt" | cut -d' ' -f1)"
  assert_file_eq "$LAYOUT/blobs/sha256/${digest#sha256:}" "$skout/manifest.json"
}

# Every command that creates a layout directory removes it again when it fails, and never
# removes one that was there.
test_failures_leave_no_new_layout()
{
  local layout="$TEST_DIR/never" existing="$TEST_DIR/existing"
  printf '\0asm\1\0\0\0' >"$STAGE/bare.wasm"
  cd "$STAGE"
  run_coras push --oci-layout "$layout:v1" bare.wasm
  assert_rc 1
  assert_one_line_error bare.wasm
  assert_no_path "$layout"
  run_coras push --oci-layout "$layout:v1" - <<<"x"
  assert_rc 1
  assert_no_path "$layout"
  run_coras attach --oci-layout --artifact-type application/vnd.example "$layout:v1" notes.txt
  assert_rc 1
  assert_one_line_error v1
  assert_no_path "$layout"
  run_coras blob push --oci-layout "$layout@sha256:$(printf 'other' | sha256sum | cut -d' ' -f1)" notes.txt
  assert_rc 1
  assert_no_path "$layout"
  run_coras copy --from-oci-layout --to-oci-layout "$TEST_DIR/no-such-source:v1" "$layout:v1"
  assert_rc 1
  assert_no_path "$layout"
  # An empty directory that was there stays.
  mkdir "$existing"
  run_coras push --oci-layout "$existing:v1" bare.wasm
  assert_rc 1
  [[ -d $existing ]] || fail "a failed push removed a directory it did not create"
}

run_test "push to an OCI layout" test_push_to_layout
run_test "pull from the OCI layout" test_pull_from_layout
run_test "skopeo copies the layout to a dir" test_skopeo_reads_layout
run_test "a failed command leaves no layout directory it created" test_failures_leave_no_new_layout
finish
