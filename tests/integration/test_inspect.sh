#!/usr/bin/env bash
# test_inspect.sh: `coras inspect` on an artifact in a real docker-registry: the text view names
# the digest, the media types and the layer size; --raw prints the served bytes exactly;
# --format json is one JSON document.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry curl sha256sum cmp "$PYTHON"
start_registry main

STAGE="$TEST_DIR/stage"
stage_example "$STAGE"
REF="$REGISTRY/asm-inspect:v1"

# push_for_case: pushes the example to $REF (each case pushes what it inspects itself) and sets
# DIGEST to the digest coras printed.
push_for_case()
{
  push_example "$STAGE" "$REF"
  assert_rc 0
  DIGEST=$(printed_digest)
}

test_push()
{
  push_for_case
  assert_eq "$DIGEST" "$(head_manifest_digest asm-inspect v1)" "digest served for $REF"
}

test_inspect_text()
{
  push_for_case
  run_coras inspect "$REF"
  assert_rc 0
  assert_contains "$OUT" "$DIGEST" "inspect output"
  assert_contains "$OUT" "$WASM_CONFIG_TYPE" "inspect output"
  assert_contains "$OUT" "$WASM_LAYER_TYPE" "inspect output"
  assert_contains "$OUT" "$(size_of "$STAGE/example-filter.wasm")" "inspect output (layer size)"
}

test_inspect_raw()
{
  local served="$TEST_DIR/served.json"
  push_for_case
  run_coras inspect --raw "$REF"
  assert_rc 0
  fetch_manifest asm-inspect v1 "$served"
  assert_file_eq "$served" "$OUT_FILE"
}

test_inspect_raw_by_digest()
{
  local served="$TEST_DIR/served-by-digest.json"
  push_for_case
  run_coras inspect --raw "$REGISTRY/asm-inspect@$DIGEST"
  assert_rc 0
  fetch_manifest asm-inspect "$DIGEST" "$served"
  assert_file_eq "$served" "$OUT_FILE"
  assert_eq "$DIGEST" "$(sha256_of "$OUT_FILE")" "sha256 of inspect --raw output"
}

test_inspect_json()
{
  push_for_case
  run_coras inspect --format json "$REF"
  assert_rc 0
  json_query "$OUT_FILE" '1' >/dev/null || fail "inspect --format json is not valid JSON:
$OUT"
  assert_contains "$OUT" "$DIGEST" "inspect --format json output"
}

run_test "push the example" test_push
run_test "inspect (text)" test_inspect_text
run_test "inspect --raw prints the served bytes" test_inspect_raw
run_test "inspect --raw by digest" test_inspect_raw_by_digest
run_test "inspect --format json" test_inspect_json
finish
