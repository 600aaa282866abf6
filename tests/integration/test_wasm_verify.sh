#!/usr/bin/env bash
# test_wasm_verify.sh: `coras push` checks a Wasm module before it uploads anything.
#  - Corrupt modules (bad magic, bad version, truncated mid-section, a section length past the
#    end, a type section declaring 0xFFFFFFF0 entries) fail with exit 1 and one `Error:` line
#    naming the file (with a byte offset for the structural faults), quickly, and the registry's
#    access log shows no write.
#  - A component, or a valid core module without the proxy-wasm ABI, is refused as a filter;
#    --no-verify pushes it anyway.
#  - The example filter passes, and `coras inspect example-filter.wasm --format json` reports its
#    ABI, kind, exports and imports (wasm-formats.md §7.5, §8).
# shellcheck disable=SC2034,SC2317 # (CORAS_TIMEOUT is read by lib.sh; cases run via run_test)
CORAS_TIMEOUT=${CORAS_TIMEOUT:-30}
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=lib_wasm.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib_wasm.sh"

require_cmd docker-registry curl sha256sum cmp "$PYTHON"
start_registry main
unset SOURCE_DATE_EPOCH

STAGE="$TEST_DIR/stage"
stage_example "$STAGE"
MODULE="$STAGE/example-filter.wasm"
FIXTURES="$TEST_DIR/fixtures"
mkdir -p "$FIXTURES"
# Seconds a refusal may take (a parser that believes a huge count would take far longer).
REFUSAL_SECONDS=10

# fixture KIND: makes $FIXTURES/KIND.wasm (see wasm_fixture) and prints the fault's offset.
fixture()
{
  wasm_fixture "$1" "$FIXTURES/$1.wasm" "$MODULE"
}

# refused_push FILE [OPTION...]: from $FIXTURES, `coras push $REGISTRY/refused:v1 FILE OPTION...`
# exits 1 within REFUSAL_SECONDS with a one-line `Error:` naming FILE, and the registry saw no
# POST, PUT, PATCH or DELETE.
refused_push()
{
  local file=$1 mark started elapsed
  shift
  log_sync
  mark=$(log_mark)
  cd "$FIXTURES"
  started=$SECONDS
  run_coras push "$REGISTRY/refused:v1" "$file" "$@"
  elapsed=$((SECONDS - started))
  log_sync
  assert_rc 1
  assert_one_line_error "$file"
  assert_no_uploads "$mark"
  ((elapsed <= REFUSAL_SECONDS)) || fail "the refusal took ${elapsed}s (limit ${REFUSAL_SECONDS}s)"
}

# assert_error_offset: the last error gives a byte offset ("offset 123", "byte 0x7b", ...).
assert_error_offset()
{
  local lower=${ERR,,}
  [[ $lower =~ (offset|byte)[^0-9]{0,12}(0x[0-9a-f]+|[0-9]+) ]] ||
    fail "the error should give the byte offset of the fault; got: $ERR"
}

test_bad_magic()
{
  local format
  fixture bad-magic >/dev/null
  # Without \0asm the file is only a module when a --wasm-format says so.
  for format in solo compat cncf wasm-to-oci; do
    refused_push bad-magic.wasm --wasm-format "$format"
  done
}

test_bad_version()
{
  fixture bad-version >/dev/null
  refused_push bad-version.wasm
}

test_truncated()
{
  printf '  cut at byte %s\n' "$(fixture truncated)"
  refused_push truncated.wasm
  assert_error_offset
}

test_section_past_end()
{
  printf '  section at byte %s\n' "$(fixture section-past-end)"
  refused_push section-past-end.wasm
  assert_error_offset
}

test_huge_count()
{
  printf '  count at byte %s\n' "$(fixture huge-count)"
  refused_push huge-count.wasm
  assert_error_offset
  refused_push huge-count.wasm --wasm-format cncf
}

test_component_is_not_a_filter()
{
  fixture component >/dev/null
  refused_push component.wasm
  refused_push component.wasm --wasm-format solo
}

test_core_module_without_abi()
{
  local manifest="$TEST_DIR/not-a-filter.json"
  fixture not-a-filter >/dev/null
  refused_push not-a-filter.wasm
  run_coras push "$REGISTRY/not-a-filter:v1" not-a-filter.wasm --no-verify
  assert_rc 0
  fetch_manifest not-a-filter v1 "$manifest"
  assert_eq "$(printed_digest)" "$(sha256_of "$manifest")" "printed digest"
  assert_json "$manifest" 'd["config"]["mediaType"]' "$WASM_CONFIG_TYPE"
  assert_json "$manifest" '[l["digest"] for l in d["layers"] if l["mediaType"] == "'"$WASM_LAYER_TYPE"'"]' \
    "[\"$(sha256_of "$FIXTURES/not-a-filter.wasm")\"]" "the module layer"
}

# A component packed as cncf (with --no-verify: it is no proxy-wasm filter) says wasip2 and
# carries the component object.
test_component_as_cncf()
{
  local manifest="$TEST_DIR/component.json" config="$TEST_DIR/component-config.json"
  fixture component >/dev/null
  cd "$FIXTURES"
  run_coras push "$REGISTRY/component:v1" component.wasm --wasm-format cncf --no-verify
  assert_rc 0
  fetch_manifest component v1 "$manifest"
  assert_json "$manifest" 'd["config"]["mediaType"]' "$CNCF_CONFIG_TYPE"
  assert_json "$manifest" 'd["layers"][0]["digest"]' "$(sha256_of "$FIXTURES/component.wasm")"
  fetch_blob component "$(json_query "$manifest" 'd["config"]["digest"]')" "$config"
  assert_json "$config" 'd.get("architecture")' wasm
  assert_json "$config" 'd.get("os")' wasip2
  assert_json "$config" \
    'isinstance(d.get("component"), dict) and isinstance(d["component"].get("imports"), list) and isinstance(d["component"].get("exports"), list)' \
    true "config.component has imports and exports lists"
}

test_example_filter_passes()
{
  local manifest="$TEST_DIR/example.json"
  cd "$STAGE"
  run_coras push "$REGISTRY/example:v1" example-filter.wasm
  assert_rc 0
  fetch_manifest example v1 "$manifest"
  assert_eq "$(printed_digest)" "$(sha256_of "$manifest")" "printed digest"
}

test_inspect_example_file()
{
  local json
  cd "$STAGE"
  run_coras inspect example-filter.wasm --format json
  assert_rc 0
  json=$OUT_FILE
  assert_json "$json" "isinstance(d.get('wasm'), dict) and isinstance(d['wasm'].get('module'), dict)" \
    true "inspect's JSON has a wasm.module object"
  assert_json "$json" "d['wasm']['module']['kind']" core
  assert_json "$json" "d['wasm']['module']['abiVersion']" 0.2.1
  assert_json "$json" "d['wasm']['module']['size']" "$(size_of "$MODULE")"
  assert_json "$json" "d['wasm']['module']['digest']" "$(sha256_of "$MODULE")"
  assert_json "$json" \
    "[e['signature'] for e in d['wasm']['module']['exports'] if e['name'] == 'proxy_on_response_headers']" \
    '["(i32, i32, i32) -> i32"]' "signature of the export proxy_on_response_headers"
  assert_json "$json" \
    "[i['signature'] for i in d['wasm']['module']['imports'] if (i['module'], i['name']) == ('env', 'proxy_add_header_map_value')]" \
    '["(i32, i32, i32, i32, i32) -> i32"]' "signature of the import env.proxy_add_header_map_value"
  assert_json "$json" \
    "all({'name', 'kind', 'signature'} <= set(e) for e in d['wasm']['module']['exports'])" \
    true "every export has name, kind and signature"
  assert_json "$json" \
    "all({'module', 'name', 'signature'} <= set(i) for i in d['wasm']['module']['imports'])" \
    true "every import has module, name and signature"
}

run_test "bad magic is refused in every --wasm-format" test_bad_magic
run_test "an unknown version is refused" test_bad_version
run_test "a module cut mid-section is refused with the offset" test_truncated
run_test "a section longer than the file is refused with the offset" test_section_past_end
run_test "a type section declaring 0xFFFFFFF0 entries is refused quickly" test_huge_count
run_test "a component is refused as a proxy-wasm filter" test_component_is_not_a_filter
run_test "a core module without the proxy-wasm ABI needs --no-verify" test_core_module_without_abi
run_test "a component as cncf says wasip2" test_component_as_cncf
run_test "the example filter passes" test_example_filter_passes
run_test "inspect example-filter.wasm --format json" test_inspect_example_file
finish
