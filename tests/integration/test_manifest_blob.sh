#!/usr/bin/env bash
# test_manifest_blob.sh: `coras manifest fetch|fetch-config|push`, `coras blob fetch|push` and
# the streams (`pull -o -`, `push REF -`, `blob push -`, `blob fetch -o -`) against a real
# docker-registry (issue #10): bytes exactly as served, digests checked both ways, bad input
# refused with one line and nothing created, stdin uploaded in PATCH chunks.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry curl sha256sum cmp head "$PYTHON"
start_registry main

STAGE="$TEST_DIR/stage"
stage_example "$STAGE"

# run_coras_pipe FILE ARGS...: run_coras with FILE's bytes on stdin through a pipe (not a
# seekable file), as `cat FILE | coras ARGS` would.
run_coras_pipe()
{
  local file=$1
  shift
  run_coras_with_stdin_ <(cat -- "$file") "$@"
}

# head_blob_status REPO DIGEST: the HTTP status of HEAD /v2/REPO/blobs/DIGEST.
head_blob_status()
{
  curl -sS "${REGISTRY_CURL_ARGS[@]}" --max-time 30 -o /dev/null -w '%{http_code}' -I \
    "$REGISTRY_URL/v2/$1/blobs/$2"
}

# head_manifest_status REPO REF: the HTTP status of HEAD /v2/REPO/manifests/REF.
head_manifest_status()
{
  curl -sS "${REGISTRY_CURL_ARGS[@]}" --max-time 30 -o /dev/null -w '%{http_code}' -I \
    -H "Accept: $MANIFEST_ACCEPT" "$REGISTRY_URL/v2/$1/manifests/$2"
}

# random_file FILE BYTES: BYTES random bytes in FILE.
random_file()
{
  head -c "$2" /dev/urandom >"$1"
}

# push_example_to REF: pushes the staged example module; fails the case on error.
push_example_to()
{
  push_example "$STAGE" "$1"
  assert_rc 0
}

# --- manifest fetch ------------------------------------------------------------------------------

test_manifest_fetch_bytes_as_served()
{
  local dir served
  dir=$(case_dir mf)
  push_example_to "$REGISTRY/mf:v1"
  served="$dir/served.json"
  fetch_manifest mf v1 "$served"

  run_coras manifest fetch "$REGISTRY/mf:v1"
  assert_rc 0
  cmp -s "$OUT_FILE" "$served" || fail "manifest fetch stdout differs from the served bytes"

  run_coras manifest get --output "$dir/out.json" "$REGISTRY/mf:v1"
  assert_rc 0
  assert_eq "" "$OUT" "stdout with --output FILE"
  assert_file_eq "$served" "$dir/out.json"

  run_coras manifest show --descriptor "$REGISTRY/mf:v1"
  assert_rc 0
  assert_eq "$(head_manifest_digest mf v1)" "$(json_query "$OUT_FILE" 'd["digest"]')" \
    "--descriptor digest vs Docker-Content-Digest"
  assert_eq "$(size_of "$served")" "$(json_query "$OUT_FILE" 'd["size"]')" "--descriptor size"

  run_coras manifest fetch --format json "$REGISTRY/mf:v1"
  assert_rc 0
  assert_eq "$(sha256_of "$served")" "$(json_query "$OUT_FILE" 'd["digest"]')" "json digest"
  assert_eq "$(json_query "$served" 'd["layers"][0]["digest"]')" \
    "$(json_query "$OUT_FILE" 'd["content"]["layers"][0]["digest"]')" "json content"

  run_coras manifest fetch --pretty "$REGISTRY/mf:v1"
  assert_rc 0
  assert_eq "$(json_query "$served" 'd')" "$(json_query "$OUT_FILE" 'd')" "--pretty is the same JSON"
  assert_contains "$OUT" $'\n  "'

  # By digest, with an Accept list the manifest is in.
  run_coras manifest fetch --media-type "$OCI_MANIFEST_TYPE,application/vnd.oci.image.index.v1+json" \
    "$REGISTRY/mf@$(sha256_of "$served")"
  assert_rc 0
  cmp -s "$OUT_FILE" "$served" || fail "manifest fetch by digest differs"
}

test_manifest_fetch_missing_leaves_no_file()
{
  local dir
  dir=$(case_dir mf-missing)
  run_coras manifest fetch -o "$dir/out.json" "$REGISTRY/mf:nope"
  assert_rc 1
  assert_one_line_error "nope"
  assert_no_path "$dir/out.json"
  assert_empty_or_absent_dir "$dir"

  run_coras manifest fetch --descriptor -o - "$REGISTRY/mf:v1"
  assert_rc 2
  assert_one_line_error "--descriptor"
}

test_manifest_fetch_config()
{
  local dir
  dir=$(case_dir mfc)
  push_example_to "$REGISTRY/mfc:v1"
  run_coras manifest fetch-config "$REGISTRY/mfc:v1"
  assert_rc 0
  cmp -s "$OUT_FILE" "$STAGE/runtime-config.json" || fail "fetch-config stdout differs"

  run_coras manifest get-config -o "$dir/config.json" --descriptor "$REGISTRY/mfc:v1"
  assert_rc 0
  assert_file_eq "$STAGE/runtime-config.json" "$dir/config.json"
  assert_eq "$(sha256_of "$STAGE/runtime-config.json")" "$(json_query "$OUT_FILE" 'd["digest"]')" \
    "fetch-config --descriptor digest"
}

# --- manifest push -------------------------------------------------------------------------------

test_manifest_push_file_and_stdin()
{
  local dir served digest
  dir=$(case_dir mp)
  push_example_to "$REGISTRY/mp:v1"
  served="$dir/served.json"
  fetch_manifest mp v1 "$served"
  digest=$(sha256_of "$served")

  run_coras manifest push "$REGISTRY/mp:from-file" "$served"
  assert_rc 0
  assert_contains "$OUT" "Pushed [registry] $REGISTRY/mp:from-file"
  assert_eq "$digest" "$(printed_digest)" "printed digest"
  fetch_manifest mp from-file "$dir/back.json"
  assert_file_eq "$served" "$dir/back.json"

  run_coras_pipe "$served" manifest push --format json "$REGISTRY/mp:stdin-a,stdin-b" -
  assert_rc 0
  assert_eq "$digest" "$(json_query "$OUT_FILE" 'd["digest"]')" "json digest"
  fetch_manifest mp stdin-b "$dir/back-b.json"
  assert_file_eq "$served" "$dir/back-b.json"

  # The same bytes again: nothing is PUT.
  local mark
  log_sync
  mark=$(log_mark)
  run_coras manifest push --descriptor "$REGISTRY/mp:from-file" "$served"
  assert_rc 0
  assert_eq "$digest" "$(json_query "$OUT_FILE" 'd["digest"]')" "re-push descriptor"
  assert_contains "$ERR" "Exists"
  log_sync
  assert_not_contains "$(log_since "$mark")" '"PUT '

  # By digest: the digest must be the bytes'.
  run_coras manifest push "$REGISTRY/mp@$digest" "$served"
  assert_rc 0
  run_coras manifest push "$REGISTRY/mp@sha256:$(printf '0%.0s' {1..64})" "$served"
  assert_rc 1
  assert_error_line "digest"
}

test_manifest_push_refuses_bad_input()
{
  local dir
  dir=$(case_dir mp-bad)
  printf '{"schemaVersion": 2, "layers": [' >"$dir/broken.json"
  run_coras manifest push "$REGISTRY/mp-bad:broken" "$dir/broken.json"
  assert_rc 1
  assert_one_line_error "json"

  printf '{"schemaVersion": 2, "layers": []}' >"$dir/untyped.json"
  run_coras manifest push "$REGISTRY/mp-bad:untyped" "$dir/untyped.json"
  assert_rc 2
  assert_one_line_error "mediaType"

  "$PYTHON" -c 'import sys; sys.stdout.write("{\"a\":\"" + "x" * (4 * 1024 * 1024) + "\"}")' \
    >"$dir/big.json"
  run_coras_pipe "$dir/big.json" manifest push "$REGISTRY/mp-bad:big" -
  assert_rc 1
  assert_one_line_error "4194304"

  run_coras manifest push "$REGISTRY/mp-bad:missing" "$dir/no-such-file.json"
  assert_rc 1
  assert_one_line_error "no-such-file.json"

  local tag
  for tag in broken untyped big missing; do
    assert_eq 404 "$(head_manifest_status mp-bad "$tag")" "HEAD mp-bad:$tag after a refused push"
  done
}

# --- blob push and fetch -------------------------------------------------------------------------

test_blob_push_file_then_fetch()
{
  local dir digest
  dir=$(case_dir bp)
  random_file "$dir/blob" 300000
  digest=$(sha256_of "$dir/blob")

  run_coras blob push "$REGISTRY/bp" "$dir/blob"
  assert_rc 0
  assert_contains "$OUT" "Pushed [registry] $REGISTRY/bp@$digest"
  assert_eq "$digest" "$(printed_digest)" "printed digest"

  run_coras blob push --descriptor --media-type application/x-test "$REGISTRY/bp@$digest" "$dir/blob"
  assert_rc 0
  assert_contains "$ERR" "Exists"
  assert_eq application/x-test "$(json_query "$OUT_FILE" 'd["mediaType"]')" "descriptor media type"
  assert_eq 300000 "$(json_query "$OUT_FILE" 'd["size"]')" "descriptor size"

  run_coras blob fetch -o "$dir/back" "$REGISTRY/bp@$digest"
  assert_rc 0
  assert_file_eq "$dir/blob" "$dir/back"

  run_coras blob get --output - "$REGISTRY/bp@$digest"
  assert_rc 0
  cmp -s "$OUT_FILE" "$dir/blob" || fail "blob fetch -o - differs from the blob"

  run_coras blob fetch --descriptor "$REGISTRY/bp@$digest"
  assert_rc 0
  assert_eq "$digest" "$(json_query "$OUT_FILE" 'd["digest"]')" "blob fetch --descriptor"

  run_coras blob fetch "$REGISTRY/bp@$digest"
  assert_rc 2
  assert_one_line_error "--output"

  run_coras blob push --size 5 "$REGISTRY/bp" "$dir/blob"
  assert_rc 1
  assert_error_line "size"
}

test_blob_push_stdin_chunked()
{
  local dir digest mark log
  dir=$(case_dir bps)
  # Over the 8 MiB chunk: at least two PATCH requests.
  random_file "$dir/blob" $((9 * 1024 * 1024 + 123))
  digest=$(sha256_of "$dir/blob")

  log_sync
  mark=$(log_mark)
  run_coras_pipe "$dir/blob" blob push --format json "$REGISTRY/bps" -
  assert_rc 0
  assert_eq "$digest" "$(json_query "$OUT_FILE" 'd["digest"]')" "computed digest"
  assert_eq "$(size_of "$dir/blob")" "$(json_query "$OUT_FILE" 'd["size"]')" "counted size"
  log_sync
  log=$(log_since "$mark")
  assert_eq 2 "$(grep -c '"PATCH /v2/bps/blobs/uploads/' <<<"$log")" "PATCH chunks in the access log"
  assert_contains "$log" '"PUT /v2/bps/blobs/uploads/'

  run_coras blob fetch -o "$dir/back" "$REGISTRY/bps@$digest"
  assert_rc 0
  assert_file_eq "$dir/blob" "$dir/back"
  run_coras blob fetch -o - "$REGISTRY/bps@$digest"
  assert_rc 0
  cmp -s "$OUT_FILE" "$dir/blob" || fail "blob fetch -o - differs from the stdin pushed"

  # A small one, with the right digest given.
  printf 'hello, stream\n' >"$dir/small"
  run_coras_pipe "$dir/small" blob push "$REGISTRY/bps@$(sha256_of "$dir/small")" -
  assert_rc 0
  assert_eq 200 "$(head_blob_status bps "$(sha256_of "$dir/small")")" "HEAD of the small blob"
}

test_blob_push_stdin_wrong_digest_leaves_nothing()
{
  local dir wrong mark log
  dir=$(case_dir bpw)
  random_file "$dir/blob" 100000
  printf 'something else' >"$dir/other"
  wrong=$(sha256_of "$dir/other")

  log_sync
  mark=$(log_mark)
  run_coras_pipe "$dir/blob" blob push "$REGISTRY/bpw@$wrong" -
  assert_rc 1
  assert_error_line "digest"
  log_sync
  log=$(log_since "$mark")
  assert_contains "$log" '"DELETE /v2/bpw/blobs/uploads/'
  assert_not_contains "$log" '"PUT '
  assert_eq 404 "$(head_blob_status bpw "$wrong")" "HEAD of the wrong digest"
  assert_eq 404 "$(head_blob_status bpw "$(sha256_of "$dir/blob")")" "HEAD of the real digest"

  run_coras_pipe "$dir/blob" blob push --size 99 "$REGISTRY/bpw" -
  assert_rc 1
  assert_error_line "size"
  assert_eq 404 "$(head_blob_status bpw "$(sha256_of "$dir/blob")")" "HEAD after a wrong --size"
}

test_blob_fetch_missing_leaves_no_file()
{
  local dir missing
  dir=$(case_dir bfm)
  printf 'never pushed' >"$dir/x"
  missing=$(sha256_of "$dir/x")
  run_coras blob fetch -o "$dir/out" "$REGISTRY/bfm@$missing"
  assert_rc 1
  assert_error_line "${missing:7:12}"
  assert_no_path "$dir/out"
  [[ -z $(find "$dir" -name '.*' -newer "$dir/x") ]] || fail "a temporary file was left in $dir"
}

# --- streams through push and pull ---------------------------------------------------------------

test_pull_to_stdout()
{
  local dir
  dir=$(case_dir pull-stdout)
  push_example_to "$REGISTRY/pull-stdout:v1"
  run_coras pull -o - "$REGISTRY/pull-stdout:v1"
  assert_rc 0
  assert_eq "$(sha256_of "$STAGE/example-filter.wasm")" "sha256:$(sha256sum <"$OUT_FILE" | cut -d' ' -f1)" \
    "sha256sum of pull -o -"

  # Two titled layers: refused, naming them.
  printf 'a\n' >"$dir/a.txt"
  printf 'b\n' >"$dir/b.txt"
  pushd "$dir" >/dev/null || fail "cd $dir"
  run_coras push "$REGISTRY/pull-stdout:two" a.txt b.txt
  popd >/dev/null || fail "cd back"
  assert_rc 0
  run_coras pull -o - "$REGISTRY/pull-stdout:two"
  assert_rc 2
  assert_error_line "a.txt" "b.txt" "-o dir"
  assert_eq "" "$OUT" "stdout of a refused pull -o -"
}

test_push_from_stdin_then_pull()
{
  local dir mark log manifest
  dir=$(case_dir push-stdin)
  random_file "$dir/data" $((8 * 1024 * 1024 + 4096))

  log_sync
  mark=$(log_mark)
  run_coras_pipe "$dir/data" push --format json "$REGISTRY/push-stdin:v1" -:application/x-data
  assert_rc 0
  log_sync
  log=$(log_since "$mark")
  assert_eq 2 "$(grep -c '"PATCH /v2/push-stdin/blobs/uploads/' <<<"$log")" "PATCH chunks"

  manifest="$dir/manifest.json"
  fetch_manifest push-stdin v1 "$manifest"
  assert_eq application/x-data "$(json_query "$manifest" 'd["layers"][0]["mediaType"]')" "layer type"
  assert_eq "$(sha256_of "$dir/data")" "$(json_query "$manifest" 'd["layers"][0]["digest"]')" \
    "layer digest"
  assert_eq "$(size_of "$dir/data")" "$(json_query "$manifest" 'd["layers"][0]["size"]')" "layer size"
  assert_eq None "$(json_query "$manifest" 'str(d["layers"][0].get("annotations"))')" "no title"

  run_coras pull -o - "$REGISTRY/push-stdin:v1"
  assert_rc 0
  cmp -s "$OUT_FILE" "$dir/data" || fail "pull -o - differs from what was pushed from stdin"

  # Named: pulled into a directory under that name.
  run_coras_pipe "$dir/data" push --stdin-name data.bin "$REGISTRY/push-stdin:named" -
  assert_rc 0
  run_coras pull -o "$dir/out" "$REGISTRY/push-stdin:named"
  assert_rc 0
  assert_file_eq "$dir/data" "$dir/out/data.bin"

  # An OCI layout takes no stream: refused before any blob is written.
  run_coras_pipe "$dir/data" push --oci-layout "$dir/layout:v1" -
  assert_rc 1
  assert_error_line "standard input" "layout"
  assert_empty_or_absent_dir "$dir/layout/blobs"

  run_coras push --stdin-name x "$REGISTRY/push-stdin:bad" "$STAGE/runtime-config.json"
  assert_rc 2
  assert_one_line_error "--stdin-name"
}

run_test "manifest fetch prints the bytes as served" test_manifest_fetch_bytes_as_served
run_test "manifest fetch of a missing tag leaves no file" test_manifest_fetch_missing_leaves_no_file
run_test "manifest fetch-config" test_manifest_fetch_config
run_test "manifest push from a file and from stdin, re-push skipped" test_manifest_push_file_and_stdin
run_test "manifest push refuses bad input, nothing created" test_manifest_push_refuses_bad_input
run_test "blob push of a file, then fetch to a file and stdout" test_blob_push_file_then_fetch
run_test "blob push from stdin in PATCH chunks" test_blob_push_stdin_chunked
run_test "blob push from stdin with a wrong digest stores nothing" test_blob_push_stdin_wrong_digest_leaves_nothing
run_test "blob fetch of a missing digest leaves no file" test_blob_fetch_missing_leaves_no_file
run_test "pull -o - writes the one file to stdout" test_pull_to_stdout
run_test "push REF - streams stdin, pull gives it back" test_push_from_stdin_then_pull
finish
