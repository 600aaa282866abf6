#!/usr/bin/env bash
# test_request_counts.sh: pull and inspect read each manifest once. From the registry's access
# log: a pull or inspect of a tag makes one manifest GET (the tag) and no manifest HEAD, plus one
# GET for the index entry actually used; no blob is fetched twice; an index entry that is not
# used is never fetched.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=lib_wasm.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib_wasm.sh"

require_cmd docker-registry skopeo curl sha256sum "$PYTHON"
start_registry main

# requests_of CMD...: runs coras CMD... and leaves in REQUESTS the access-log request lines it
# caused, as "METHOD PATH" (one per line).
requests_of()
{
  local mark
  log_sync
  mark=$(log_mark)
  run_coras "$@"
  log_sync
  REQUESTS=$(log_since "$mark" | sed -E 's/.*"([A-Z]+) ([^ ]+) HTTP[^"]*".*/\1 \2/')
  printf '%s\n' "$REQUESTS" | sed 's/^/    access: /'
}

# count PATTERN: how many lines of REQUESTS match the extended regex PATTERN.
count()
{
  grep -cE "$1" <<<"$REQUESTS" || true
}

# assert_blobs_once: no blob URL appears twice in REQUESTS.
assert_blobs_once()
{
  local twice
  twice=$(grep -E '^GET /v2/[^ ]*/blobs/' <<<"$REQUESTS" | sort | uniq -d)
  [[ -z $twice ]] || fail "blobs fetched more than once:
$twice"
}

# pushed_solo REPO: pushes the example filter as a solo Wasm artifact to REPO:v1.
pushed_solo()
{
  local stage
  stage=$(case_dir "stage-$1")
  stage_example "$stage"
  cd "$stage"
  run_coras push "$REGISTRY/$1:v1" example-filter.wasm --config runtime-config.json
  assert_rc 0
  cd "$TEST_DIR"
}

test_pull_tag_one_manifest_get()
{
  local out
  pushed_solo counts/pull
  out=$(case_dir pull-out)
  requests_of pull "$REGISTRY/counts/pull:v1" -o "$out"
  assert_rc 0
  assert_eq 1 "$(count '^GET /v2/counts/pull/manifests/v1$')" "manifest GETs by tag"
  assert_eq 0 "$(count '^HEAD /v2/[^ ]*/manifests/')" "manifest HEADs"
  assert_eq 1 "$(count '^[A-Z]+ /v2/[^ ]*/manifests/')" "manifest requests in all"
  assert_eq 2 "$(count '^GET /v2/counts/pull/blobs/')" "blob GETs (module and runtime config)"
  assert_blobs_once
}

test_inspect_tag_one_manifest_get()
{
  pushed_solo counts/inspect
  requests_of inspect "$REGISTRY/counts/inspect:v1"
  assert_rc 0
  assert_contains "$OUT" "Layout:     solo" "inspect output"
  assert_eq 1 "$(count '^GET /v2/counts/inspect/manifests/v1$')" "manifest GETs by tag"
  assert_eq 1 "$(count '^[A-Z]+ /v2/[^ ]*/manifests/')" "manifest requests in all"
  assert_blobs_once
}

test_generic_pull_one_manifest_get()
{
  local stage out
  stage=$(case_dir stage-generic)
  printf 'hello\n' >"$stage/a.txt"
  cd "$stage"
  run_coras push "$REGISTRY/counts/generic:v1" a.txt
  assert_rc 0
  cd "$TEST_DIR"
  out=$(case_dir generic-out)
  requests_of pull "$REGISTRY/counts/generic:v1" -o "$out"
  assert_rc 0
  assert_file_content "$out/a.txt" $'hello\n'
  assert_eq 1 "$(count '^[A-Z]+ /v2/[^ ]*/manifests/')" "manifest requests in all"
  assert_eq 1 "$(count '^GET /v2/counts/generic/blobs/')" "blob GETs"
}

# The index of make_layouts.py: linux/arm64 first, linux/amd64 (the one taken) second.
push_index()
{
  local layouts="$TEST_DIR/layouts"
  if [[ ! -f $layouts/layouts.json ]]; then
    stage_example "$TEST_DIR/stage-index"
    "$PYTHON" -B "$MAKE_LAYOUTS" --runtime-config "$TEST_DIR/stage-index/runtime-config.json" \
      --hostile-absolute "$TEST_DIR/hostile-absolute/x" "$TEST_DIR/stage-index/example-filter.wasm" \
      "$layouts" >/dev/null || fail "make_layouts.py failed"
  fi
  push_layout "$layouts/index" v1 counts/index
  fetch_manifest counts/index v1 "$TEST_DIR/index.json"
  AMD64=$(json_query "$TEST_DIR/index.json" \
    "[m['digest'] for m in d['manifests'] if m['platform']['architecture'] == 'amd64'][0]")
  ARM64=$(json_query "$TEST_DIR/index.json" \
    "[m['digest'] for m in d['manifests'] if m['platform']['architecture'] == 'arm64'][0]")
}

# assert_index_requests: one GET of the tag, one of the amd64 entry, none of the arm64 one.
assert_index_requests()
{
  assert_eq 1 "$(count '^GET /v2/counts/index/manifests/v1$')" "manifest GETs by tag"
  assert_eq 1 "$(count "^GET /v2/counts/index/manifests/$AMD64\$")" "GETs of the amd64 entry"
  assert_eq 0 "$(count "/manifests/$ARM64\$")" "requests for the arm64 entry (not used)"
  assert_eq 2 "$(count '^[A-Z]+ /v2/[^ ]*/manifests/')" "manifest requests in all"
  assert_blobs_once
}

test_index_pull_reads_the_used_entry_once()
{
  local out
  push_index
  out=$(case_dir index-out)
  requests_of pull "$REGISTRY/counts/index:v1" -o "$out"
  assert_rc 0
  assert_index_requests
  assert_eq 1 "$(count '^GET /v2/counts/index/blobs/')" "blob GETs (the compat layer)"
}

test_index_inspect_reads_the_used_entry_once()
{
  push_index
  requests_of inspect "$REGISTRY/counts/index:v1" --format json
  assert_rc 0
  assert_json "$OUT_FILE" "d['wasm']['layout']" compat
  assert_index_requests
}

run_test "pull of a tag: one manifest GET, no HEAD" test_pull_tag_one_manifest_get
run_test "inspect of a tag: one manifest GET, no HEAD" test_inspect_tag_one_manifest_get
run_test "generic pull: one manifest GET" test_generic_pull_one_manifest_get
run_test "pull of an index: the used entry once, the other never" test_index_pull_reads_the_used_entry_once
run_test "inspect of an index: the used entry once, the other never" test_index_inspect_reads_the_used_entry_once
finish
