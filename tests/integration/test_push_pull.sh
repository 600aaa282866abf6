#!/usr/bin/env bash
# test_push_pull.sh: `coras push` and `coras pull` against a real docker-registry (issue #2):
# the ASM guide's push, byte-identical pulls, deduplicated re-push, error paths and path safety.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry curl sha256sum cmp "$PYTHON"
start_registry main

STAGE="$TEST_DIR/stage"
stage_example "$STAGE"

# push_asm_test: pushes the example as asm-test:v0.1 (each case that reads it pushes it itself).
push_asm_test()
{
  push_example "$STAGE" "$REGISTRY/asm-test:v0.1"
  assert_rc 0
}

# (a) The command from the issue; the manifest is what ASM expects and the printed digest is the
# digest of the bytes the registry serves.
test_push_asm_guide_command()
{
  local digest manifest="$TEST_DIR/a-manifest.json" blob="$TEST_DIR/a-blob"
  push_example "$STAGE" "$REGISTRY/asm-test:v0.1"
  assert_rc 0
  digest=$(printed_digest)

  fetch_manifest asm-test v0.1 "$manifest"
  assert_eq "$(sha256_of "$manifest")" "$digest" "printed digest vs sha256 of the served manifest"
  assert_eq "$digest" "$(head_manifest_digest asm-test v0.1)" "Docker-Content-Digest of the tag"

  assert_eq 2 "$(json_query "$manifest" 'd["schemaVersion"]')" "schemaVersion"
  assert_eq "$OCI_MANIFEST_TYPE" "$(json_query "$manifest" "d.get('mediaType', '$OCI_MANIFEST_TYPE')")" \
    "manifest mediaType"
  assert_eq "$WASM_CONFIG_TYPE" "$(json_query "$manifest" 'd["config"]["mediaType"]')" \
    "config.mediaType"
  assert_eq "$(sha256_of "$STAGE/runtime-config.json")" \
    "$(json_query "$manifest" 'd["config"]["digest"]')" "config.digest"
  assert_eq "$(size_of "$STAGE/runtime-config.json")" \
    "$(json_query "$manifest" 'd["config"]["size"]')" "config.size"
  assert_eq 1 "$(json_query "$manifest" 'len(d["layers"])')" "number of layers"
  assert_eq "$WASM_LAYER_TYPE" "$(json_query "$manifest" 'd["layers"][0]["mediaType"]')" \
    "layers[0].mediaType"
  assert_eq "$(sha256_of "$STAGE/example-filter.wasm")" \
    "$(json_query "$manifest" 'd["layers"][0]["digest"]')" "layers[0].digest"
  assert_eq "$(size_of "$STAGE/example-filter.wasm")" \
    "$(json_query "$manifest" 'd["layers"][0]["size"]')" "layers[0].size"
  assert_eq example-filter.wasm \
    "$(json_query "$manifest" 'd["layers"][0]["annotations"]["org.opencontainers.image.title"]')" \
    "layers[0] title annotation"

  # The registry holds the exact bytes.
  fetch_blob asm-test "$(sha256_of "$STAGE/runtime-config.json")" "$blob.config"
  assert_file_eq "$STAGE/runtime-config.json" "$blob.config"
  fetch_blob asm-test "$(sha256_of "$STAGE/example-filter.wasm")" "$blob.wasm"
  assert_file_eq "$STAGE/example-filter.wasm" "$blob.wasm"
}

# (b) Pulling it back gives the module byte for byte.
test_pull_example()
{
  local out="$TEST_DIR/b-out"
  push_asm_test
  run_coras pull "$REGISTRY/asm-test:v0.1" -o "$out"
  assert_rc 0
  assert_file_eq "$STAGE/example-filter.wasm" "$out/example-filter.wasm"
}

# (c) Several files, one of 5 MiB and one in a subdirectory, come back under the same names.
test_several_files_round_trip()
{
  local src="$TEST_DIR/c-src" out="$TEST_DIR/c-out" file
  mkdir -p "$src/sub"
  printf 'alpha\n' >"$src/a.txt"
  head -c $((5 * 1024 * 1024)) /dev/urandom >"$src/big.bin"
  printf 'bravo, in a subdirectory\n' >"$src/sub/b.txt"
  cd "$src"
  run_coras push "$REGISTRY/files:v1" a.txt big.bin sub/b.txt
  assert_rc 0
  run_coras pull "$REGISTRY/files:v1" -o "$out"
  assert_rc 0
  for file in a.txt big.bin sub/b.txt; do
    assert_file_eq "$src/$file" "$out/$file"
  done
  assert_eq 3 "$(find "$out" -type f | wc -l | tr -d ' ')" "number of files pulled into $out"
}

# (d) Pushing the same content again uploads no blob: the access log between the two pushes holds
# no POST/PUT/PATCH to a blob URL, and any blob request is a HEAD.
test_repush_uploads_nothing()
{
  local mark lines blob_lines uploads
  push_asm_test
  log_sync
  mark=$(log_mark)
  push_example "$STAGE" "$REGISTRY/asm-test:v0.1"
  assert_rc 0
  log_sync
  lines=$(log_since "$mark")
  printf '%s\n' "$lines" | sed 's/^/    access: /'
  [[ -n $lines ]] || fail "the second push made no request at all"
  uploads=$(grep -E '"(POST|PUT|PATCH) /v2/[^ ]*/blobs/' <<<"$lines" || true)
  [[ -z $uploads ]] || fail "the second push uploaded blobs:
$uploads"
  blob_lines=$(grep -E '"[A-Z]+ /v2/[^ ]*/blobs/' <<<"$lines" | grep -v '"HEAD ' || true)
  [[ -z $blob_lines ]] || fail "blob requests other than HEAD in the second push:
$blob_lines"
}

# (e) A missing tag: exit 1, one error line naming the tag, nothing written.
test_pull_missing_tag()
{
  local out="$TEST_DIR/e-out"
  push_asm_test # the repository exists, the tag does not
  run_coras pull "$REGISTRY/asm-test:nope" -o "$out"
  assert_rc 1
  assert_one_line_error nope "manifest unknown"
  assert_empty_or_absent_dir "$out"
}

# (f) -k (keep old files): an existing file is an error and stays as it was.
test_pull_keep_old_files()
{
  local out="$TEST_DIR/f-out"
  push_asm_test
  mkdir -p "$out"
  printf 'precious\n' >"$out/example-filter.wasm"
  run_coras pull -k "$REGISTRY/asm-test:v0.1" -o "$out"
  assert_rc 1
  assert_last_error_line
  assert_file_content "$out/example-filter.wasm" $'precious\n'
  assert_eq example-filter.wasm "$(ls -A "$out")" "files in $out"
}

# push_titled_layer TAG TITLE: pushes (by curl) to repo `evil` a manifest with one text layer
# whose title annotation is TITLE.
push_titled_layer()
{
  local tag=$1 title=$2 dir="$TEST_DIR/g-blobs" config layer
  mkdir -p "$dir"
  printf '{}' >"$dir/config.json"
  printf 'written by a hostile manifest\n' >"$dir/layer.txt"
  config=$(upload_blob evil "$dir/config.json")
  layer=$(upload_blob evil "$dir/layer.txt")
  "$PYTHON" - "$dir/manifest.json" "$config" "$layer" "$(size_of "$dir/layer.txt")" "$title" <<'EOF'
import json, sys
path, config, layer, size, title = sys.argv[1:]
manifest = {
    "schemaVersion": 2,
    "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.unknown.config.v1+json", "digest": config, "size": 2},
    "layers": [{"mediaType": "text/plain", "digest": layer, "size": int(size),
                "annotations": {"org.opencontainers.image.title": title}}],
}
with open(path, "w") as f:
    json.dump(manifest, f)
EOF
  put_manifest evil "$tag" "$dir/manifest.json" >/dev/null
}

# (g) A layer title that leads out of the output directory (`../`, absolute, `sub/../../`) makes
# pull fail with exit 1 and write nothing outside (or inside) the output directory.
test_pull_refuses_escaping_titles()
{
  local base="$TEST_DIR/g" tag title escaped
  local -a cases=(
    "dotdot|../evil.txt|$base/evil.txt"
    "absolute|$base/absolute-evil.txt|$base/absolute-evil.txt"
    "nested|sub/../../nested-evil.txt|$base/nested-evil.txt"
  )
  local entry
  for entry in "${cases[@]}"; do
    IFS='|' read -r tag title escaped <<<"$entry"
    rm -rf "$base"
    mkdir -p "$base"
    push_titled_layer "$tag" "$title"
    run_coras pull "$REGISTRY/evil:$tag" -o "$base/out"
    assert_rc 1
    assert_last_error_line
    assert_no_path "$escaped"
    assert_empty_or_absent_dir "$base/out"
    assert_eq "" "$(find "$base" -mindepth 1 -not -path "$base/out" | sort)" \
      "paths written under $base for title $title"
  done
}

# (h) `repo:t1,t2` tags one manifest twice.
test_push_multiple_tags()
{
  local digest
  cd "$STAGE"
  run_coras push "$REGISTRY/multi:t1,t2" "example-filter.wasm:$WASM_LAYER_TYPE"
  assert_rc 0
  digest=$(printed_digest)
  assert_eq "$digest" "$(head_manifest_digest multi t1)" "digest of multi:t1"
  assert_eq "$digest" "$(head_manifest_digest multi t2)" "digest of multi:t2"
}

# (i) --export-manifest writes the exact manifest bytes that were pushed.
test_export_manifest()
{
  local dir="$TEST_DIR/i" digest
  mkdir -p "$dir"
  push_example "$STAGE" "$REGISTRY/exported:v1" --export-manifest "$dir/m.json"
  assert_rc 0
  digest=$(printed_digest)
  assert_eq "$digest" "$(sha256_of "$dir/m.json")" "sha256 of the exported manifest"
  fetch_manifest exported v1 "$dir/served.json"
  assert_file_eq "$dir/served.json" "$dir/m.json"
}

# (j) With SOURCE_DATE_EPOCH fixed, the same inputs give the same manifest digest.
test_reproducible_with_source_date_epoch()
{
  local first second
  export SOURCE_DATE_EPOCH=0
  push_example "$STAGE" "$REGISTRY/repro-a:v1"
  assert_rc 0
  first=$(printed_digest)
  # A clock-based timestamp would now differ.
  sleep 1.1
  push_example "$STAGE" "$REGISTRY/repro-b:v1"
  assert_rc 0
  second=$(printed_digest)
  assert_eq "$first" "$second" "digests of two pushes with SOURCE_DATE_EPOCH=0"
  assert_eq "$first" "$(head_manifest_digest repro-b v1)" "digest served for repro-b:v1"
}

# (k) A malformed reference is a usage error; an unreachable registry is named in the error.
test_bad_reference_and_dead_registry()
{
  local dir="$TEST_DIR/k"
  mkdir -p "$dir"
  cd "$dir"
  printf 'x\n' >f
  run_coras push Bad/Ref:x f
  assert_rc 2
  assert_one_line_error

  run_coras push localhost:1/x:y f
  assert_rc 1
  assert_one_line_error localhost:1

  run_coras pull localhost:1/x:y -o "$dir/out"
  assert_rc 1
  assert_one_line_error localhost:1
  assert_empty_or_absent_dir "$dir/out"
}

test_push_mounts_from_another_repository()
{
  local stage out mark digest
  stage=$(case_dir stage-mount)
  head -c 3000000 /dev/urandom >"$stage/big.bin"
  digest=sha256:$(sha256sum "$stage/big.bin" | cut -d' ' -f1)
  cd "$stage"
  run_coras push "$REGISTRY/mount/source:v1" big.bin
  assert_rc 0
  log_sync
  mark=$(log_mark)
  run_coras push "$REGISTRY/mount/target:v1" big.bin --from mount/source
  assert_rc 0
  assert_contains "$ERR" "Mounted     ${digest:7:12} big.bin" "progress lines"
  log_sync
  assert_eq 1 "$(log_since "$mark" | grep -cE "\"POST /v2/mount/target/blobs/uploads/\?mount=$digest&from=mount(%2F|/)source HTTP/1.1\" 201 ")" \
    "mount requests answered 201"
  assert_eq 0 "$(log_since "$mark" | grep -cE "\"PUT /v2/mount/target/blobs/uploads/[^ ]*digest=$digest")" \
    "uploads of the mounted blob"
  # A repository without the blob: the registry opens a session instead, and coras uploads.
  mark=$(log_mark)
  run_coras push "$REGISTRY/mount/other:v1" big.bin --from mount/empty
  assert_rc 0
  assert_contains "$ERR" "Uploaded    ${digest:7:12} big.bin" "progress lines"
  log_sync
  # Two refused mounts (the empty config and big.bin), each session DELETEd.
  assert_eq 2 "$(log_since "$mark" | grep -cE '"DELETE /v2/mount/other/blobs/uploads/[^ ]* HTTP/1.1" 204 ')" \
    "sessions opened by the refused mounts and DELETEd"
  cd "$TEST_DIR"
  out=$(case_dir out-mount)
  run_coras pull "$REGISTRY/mount/target:v1" -o "$out"
  assert_rc 0
  cmp -s "$stage/big.bin" "$out/big.bin" || fail "the mounted blob differs"
}

# (m) --format go-template prints what the template picks from the JSON result, and a template
# that is missing or does not parse is refused before anything is sent.
test_format_go_template()
{
  local digest
  cd "$STAGE"
  run_coras push "$REGISTRY/templated:v1" "example-filter.wasm:$WASM_LAYER_TYPE" \
    --format 'go-template={{.digest}} {{.mediaType}}'
  assert_rc 0
  digest=$(head_manifest_digest templated v1)
  assert_eq "$OUT" "$digest application/vnd.oci.image.manifest.v1+json" "templated push output"

  run_coras pull "$REGISTRY/templated:v1" -o "$TEST_DIR/m-out" \
    --format go-template --template '{{range .files}}{{println .digest}}{{end}}'
  assert_rc 0
  assert_eq "$OUT" "$(sha256_of example-filter.wasm)" "templated pull output"

  run_coras push "$REGISTRY/templated:v2" "example-filter.wasm:$WASM_LAYER_TYPE" \
    --format go-template
  assert_rc 2
  assert_one_line_error "needs a template"
  run_coras push "$REGISTRY/templated:v2" "example-filter.wasm:$WASM_LAYER_TYPE" \
    --format 'go-template={{.digest | printf "%s"}}'
  assert_rc 2
  assert_one_line_error "unsupported expression"
  run_coras push "$REGISTRY/templated:v2" "example-filter.wasm:$WASM_LAYER_TYPE" \
    --template '{{.digest}}'
  assert_rc 2
  assert_one_line_error "--template needs --format go-template"
  [[ $(curl -s -o /dev/null -w '%{http_code}' "${REGISTRY_CURL_ARGS[@]}" -H "Accept: $MANIFEST_ACCEPT" \
    "$REGISTRY_URL/v2/templated/manifests/v2") == 404 ]] || fail "templated:v2 was pushed"
}

run_test "(a) push with the ASM guide's command" test_push_asm_guide_command
run_test "(b) pull the example back" test_pull_example
run_test "(c) several files round trip" test_several_files_round_trip
run_test "(d) a second identical push uploads nothing" test_repush_uploads_nothing
run_test "(e) pull of a missing tag" test_pull_missing_tag
run_test "(f) pull -k keeps an existing file" test_pull_keep_old_files
run_test "(g) pull refuses titles escaping the output dir" test_pull_refuses_escaping_titles
run_test "(h) push to two tags at once" test_push_multiple_tags
run_test "(i) --export-manifest" test_export_manifest
run_test "(j) SOURCE_DATE_EPOCH makes pushes reproducible" test_reproducible_with_source_date_epoch
run_test "(k) malformed reference and dead registry" test_bad_reference_and_dead_registry
run_test "(l) push --from mounts a blob from another repository" test_push_mounts_from_another_repository
run_test "(m) --format go-template picks fields; a bad template sends nothing" test_format_go_template
finish
