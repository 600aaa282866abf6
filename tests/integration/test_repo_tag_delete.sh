#!/usr/bin/env bash
# test_repo_tag_delete.sh: `coras repo ls`, `repo tags`, `tag`, `resolve`, `manifest delete` and
# `blob delete` against a real docker-registry (issue 10) and an OCI layout; paging through Link
# headers (the catalog pages with n=; a scripted server plays a hostile registry); and the same
# commands failing cleanly against a dead registry, a registry with deletion disabled and bad
# references.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry curl sha256sum "$PYTHON"
start_registry main

STAGE="$TEST_DIR/stage"
stage_example "$STAGE"
WASM_DIGEST=$(sha256_of "$STAGE/example-filter.wasm")

# push_to REF [OPTION...]: pushes the example to REF and sets DIGEST.
push_to()
{
  push_example "$STAGE" "$@"
  assert_rc 0
  DIGEST=$(printed_digest)
}

test_repo_ls_namespace_last_json()
{
  local mark requests
  push_to "$REGISTRY/ls/one:v1"
  push_to "$REGISTRY/ls/two:v1"
  push_to "$REGISTRY/other/three:v1"
  run_coras repo ls "$REGISTRY"
  assert_rc 0
  assert_contains "$OUT" "ls/one"
  assert_contains "$OUT" "other/three"
  run_coras repo ls "$REGISTRY/ls"
  assert_rc 0
  assert_eq $'one\ntwo' "$OUT" "repositories under ls/"
  run_coras repo list --last ls/one "$REGISTRY/ls"
  assert_rc 0
  assert_eq "two" "$OUT" "repositories under ls/ after ls/one"
  run_coras repo ls --format json "$REGISTRY/ls"
  assert_rc 0
  assert_eq '["one", "two"]' "$(json_query "$OUT_FILE" 'd["repositories"]')" \
    "JSON repositories"
  # One repository a page: the catalog is read in several pages, following Link.
  mark=$(log_mark)
  CORAS_LIST_PAGE_SIZE=1 run_coras repo ls "$REGISTRY/ls"
  assert_rc 0
  assert_eq $'one\ntwo' "$OUT" "repositories read a page at a time"
  log_sync
  requests=$(log_since "$mark" | grep -c 'GET /v2/_catalog?' || true)
  ((requests >= 3)) || fail "expected at least 3 catalog pages, the log has:
$(log_since "$mark")"
  log_since "$mark" | grep -q 'GET /v2/_catalog?n=1 ' || fail "no n=1 on the first page"
  CORAS_LIST_PAGE_SIZE=zero run_coras repo ls "$REGISTRY"
  assert_rc 2
  assert_one_line_error CORAS_LIST_PAGE_SIZE
}

test_repo_tags_many()
{
  local tags=() i expected
  push_to "$REGISTRY/many:t00"
  for ((i = 1; i < 30; i++)); do
    tags+=("$(printf 't%02d' "$i")")
  done
  run_coras tag "$REGISTRY/many:t00" "${tags[@]}" "sha256-${DIGEST#sha256:}"
  assert_rc 0
  assert_contains "$OUT" "Tagged t29"
  assert_eq 30 "$(grep -c '^Tagged ' "$OUT_FILE")" "Tagged lines"
  expected=$(printf 't%02d\n' $(seq 0 29))
  run_coras repo tags "$REGISTRY/many"
  assert_rc 0
  assert_eq "sha256-${DIGEST#sha256:}"$'\n'"$expected" "$OUT" "all tags, sorted"
  run_coras repo show-tags --exclude-digest-tags "$REGISTRY/many"
  assert_rc 0
  assert_eq "$expected" "$OUT" "tags without the digest tag"
  run_coras repo tags --exclude-digest-tags --last t27 "$REGISTRY/many"
  assert_rc 0
  assert_eq $'t28\nt29' "$OUT" "tags after t27"
  run_coras repo tags --format json --exclude-digest-tags --last t28 "$REGISTRY/many"
  assert_rc 0
  assert_eq '["t29"]' "$(json_query "$OUT_FILE" 'd["tags"]')" "JSON tags"
  CORAS_LIST_PAGE_SIZE=7 run_coras repo tags --exclude-digest-tags "$REGISTRY/many"
  assert_rc 0
  assert_eq "$expected" "$OUT" "tags with a page size"
}

test_repo_tags_of_one_manifest()
{
  local first
  push_to "$REGISTRY/filter:a"
  first=$DIGEST
  run_coras tag "$REGISTRY/filter:a" b
  assert_rc 0
  # Another manifest (another annotation) under c.
  push_to "$REGISTRY/filter:c" -a "org.example.note=other"
  assert_ne "$first" "$DIGEST" "the second manifest's digest"
  run_coras repo tags "$REGISTRY/filter:b"
  assert_rc 0
  assert_eq $'a\nb' "$OUT" "tags on the manifest of b"
  run_coras repo tags "$REGISTRY/filter@$DIGEST"
  assert_rc 0
  assert_eq "c" "$OUT" "tags on the second manifest"
}

test_tag_then_resolve()
{
  local resolved
  push_to "$REGISTRY/resolve:v1"
  run_coras tag "$REGISTRY/resolve:v1" v2 latest
  assert_rc 0
  assert_eq $'Tagged latest\nTagged v2' "$(sort "$OUT_FILE")" "tag output"
  run_coras resolve "$REGISTRY/resolve:v2"
  assert_rc 0
  resolved=$OUT
  assert_eq "$DIGEST" "$resolved" "resolve v2"
  run_coras resolve "$REGISTRY/resolve:latest"
  assert_eq "$DIGEST" "$OUT" "resolve latest"
  assert_eq "$DIGEST" "$(head_manifest_digest resolve v2)" "the registry's digest of v2"
  run_coras resolve -l "$REGISTRY/resolve:v1"
  assert_rc 0
  assert_eq "$REGISTRY/resolve@$DIGEST" "$OUT" "resolve --full-reference"
  run_coras resolve "$REGISTRY/resolve@$DIGEST"
  assert_eq "$DIGEST" "$OUT" "resolve by digest"
  run_coras resolve "$REGISTRY/resolve:nope"
  assert_rc 1
  assert_one_line_error nope
  run_coras tag "$REGISTRY/resolve:nope" x
  assert_rc 1
  assert_one_line_error nope
  run_coras tag "$REGISTRY/resolve:v1" 'bad*tag'
  assert_rc 2
  assert_one_line_error 'bad*tag'
  run_coras tag list
  assert_rc 2
  assert_one_line_error "repo tags"
}

test_resolve_platform()
{
  local amd64 arm64 index="$TEST_DIR/index.json"
  push_to "$REGISTRY/multi:amd64"
  amd64=$DIGEST
  push_to "$REGISTRY/multi:arm64" -a "org.example.arch=arm64"
  arm64=$DIGEST
  "$PYTHON" - "$amd64" "$arm64" "$(size_of_manifest multi amd64)" \
    "$(size_of_manifest multi arm64)" >"$index" <<'PY'
import json, sys
amd64, arm64, amd64_size, arm64_size = sys.argv[1:5]
m = "application/vnd.oci.image.manifest.v1+json"
print(json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
  "manifests": [
    {"mediaType": m, "digest": amd64, "size": int(amd64_size),
     "platform": {"os": "linux", "architecture": "amd64"}},
    {"mediaType": m, "digest": arm64, "size": int(arm64_size),
     "platform": {"os": "linux", "architecture": "arm64", "variant": "v8"}}]}), end="")
PY
  put_manifest multi index "$index" application/vnd.oci.image.index.v1+json >/dev/null
  run_coras resolve --platform linux/arm64 "$REGISTRY/multi:index"
  assert_rc 0
  assert_eq "$arm64" "$OUT" "linux/arm64 entry"
  run_coras resolve --platform linux/amd64 "$REGISTRY/multi:index"
  assert_eq "$amd64" "$OUT" "linux/amd64 entry"
  run_coras resolve --platform linux/s390x "$REGISTRY/multi:index"
  assert_rc 1
  assert_one_line_error linux/s390x
  # A platform with an empty part is a usage error (a bare "linux" means the host's
  # architecture, as oras takes it).
  run_coras resolve --platform linux/ "$REGISTRY/multi:index"
  assert_rc 2
  assert_one_line_error platform
}

# size_of_manifest REPO TAG: the byte size of the manifest the registry serves.
size_of_manifest()
{
  fetch_manifest "$1" "$2" "$TEST_DIR/size-probe"
  size_of "$TEST_DIR/size-probe"
}

test_manifest_delete()
{
  push_to "$REGISTRY/del:v1"
  run_coras tag "$REGISTRY/del:v1" v2
  assert_rc 0
  # Standard input is no terminal (run_coras reads /dev/null): refused, nothing deleted.
  run_coras manifest delete "$REGISTRY/del:v1"
  assert_rc 2
  assert_one_line_error --force
  assert_eq "" "$OUT" "stdout of a refused delete"
  run_coras resolve "$REGISTRY/del:v1"
  assert_eq "$DIGEST" "$OUT" "v1 after the refused delete"
  run_coras manifest delete -f "$REGISTRY/del:v1"
  assert_rc 0
  assert_eq "Deleted [registry] $REGISTRY/del@$DIGEST" "$OUT" "delete output"
  # The registry removed every tag on that manifest.
  run_coras resolve "$REGISTRY/del:v2"
  assert_rc 1
  run_coras manifest rm -f "$REGISTRY/del@$DIGEST"
  assert_rc 1
  assert_one_line_error "${DIGEST}" "does not exist"
  run_coras manifest remove -f "$REGISTRY/del:v1"
  assert_rc 1
  assert_one_line_error v1 "does not exist"
  push_to "$REGISTRY/del:v3"
  run_coras manifest delete -f --descriptor "$REGISTRY/del:v3"
  assert_rc 0
  assert_eq "$DIGEST" "$(json_query "$OUT_FILE" 'd["digest"]')" "descriptor digest"
  assert_eq "$OCI_MANIFEST_TYPE" "$(json_query "$OUT_FILE" 'd["mediaType"]')" "descriptor type"
}

test_blob_delete()
{
  local out="$TEST_DIR/blob-probe" code
  push_to "$REGISTRY/blobdel:v1"
  run_coras blob delete "$REGISTRY/blobdel@$WASM_DIGEST"
  assert_rc 2
  assert_one_line_error --force
  run_coras blob delete -f --descriptor "$REGISTRY/blobdel@$WASM_DIGEST"
  assert_rc 0
  assert_eq "$WASM_DIGEST" "$(json_query "$OUT_FILE" 'd["digest"]')" "descriptor digest"
  assert_eq "$(size_of "$STAGE/example-filter.wasm")" "$(json_query "$OUT_FILE" 'd["size"]')" \
    "descriptor size"
  code=$(curl -sS -o "$out" -w '%{http_code}' "$REGISTRY_URL/v2/blobdel/blobs/$WASM_DIGEST")
  assert_eq 404 "$code" "GET of the deleted blob"
  run_coras blob rm -f "$REGISTRY/blobdel@$WASM_DIGEST"
  assert_rc 1
  assert_one_line_error "$WASM_DIGEST" "does not exist"
  run_coras blob delete -f "$REGISTRY/blobdel:v1"
  assert_rc 2
  assert_one_line_error digest
}

test_oci_layout()
{
  local layout="$TEST_DIR/layout" digest
  push_to "$layout:v1" --oci-layout
  digest=$DIGEST
  run_coras tag --oci-layout "$layout:v1" v2 v3
  assert_rc 0
  assert_eq $'Tagged v2\nTagged v3' "$OUT" "tag output"
  run_coras resolve --oci-layout "$layout:v3"
  assert_rc 0
  assert_eq "$digest" "$OUT" "resolve v3"
  run_coras resolve -l --oci-layout "$layout:v3"
  assert_eq "$layout@$digest" "$OUT" "resolve -l in a layout"
  run_coras repo tags --oci-layout "$layout"
  assert_rc 0
  assert_eq $'v1\nv2\nv3' "$OUT" "layout tags"
  run_coras manifest delete --oci-layout "$layout:v2"
  assert_rc 2
  run_coras manifest delete -f --oci-layout "$layout:v2"
  assert_rc 0
  assert_eq "Deleted [oci-layout] $layout@$digest" "$OUT" "layout delete output"
  run_coras repo tags --oci-layout "$layout"
  assert_rc 0
  assert_eq "" "$OUT" "no tags left"
  assert_no_path "$layout/blobs/sha256/${digest#sha256:}"
  run_coras manifest delete -f --oci-layout "$layout@$digest"
  assert_rc 1
  assert_one_line_error "$digest"
  run_coras blob delete -f --oci-layout "$layout@$WASM_DIGEST"
  assert_rc 0
  assert_no_path "$layout/blobs/sha256/${WASM_DIGEST#sha256:}"
  run_coras blob delete -f --oci-layout "$layout@$WASM_DIGEST"
  assert_rc 1
  run_coras repo tags --oci-layout "$TEST_DIR/no-such-layout"
  assert_rc 1
  assert_one_line_error no-such-layout
}

test_deletion_disabled()
{
  local main_registry=$REGISTRY
  push_to "$REGISTRY/nodelete:v1"
  REGISTRY_STORAGE_DELETE_ENABLED=false start_registry nodelete
  push_to "$REGISTRY/nodelete:v1"
  run_coras manifest delete -f "$REGISTRY/nodelete:v1"
  assert_rc 1
  assert_one_line_error "deletion is disabled" "$REGISTRY/nodelete"
  run_coras blob delete -f "$REGISTRY/nodelete@$WASM_DIGEST"
  assert_rc 1
  assert_one_line_error "deletion is disabled"
  REGISTRY=$main_registry
}

test_dead_registry_and_bad_references()
{
  local dead
  dead="localhost:$(free_port)"
  for args in "repo ls $dead" "repo tags $dead/x" "resolve $dead/x:v1" "tag $dead/x:v1 v2" \
    "manifest delete -f $dead/x:v1" "blob delete -f $dead/x@$WASM_DIGEST"; do
    # shellcheck disable=SC2086 # the words of a command line
    run_coras $args --retries 0
    assert_rc 1
    assert_one_line_error "$dead"
  done
  run_coras resolve "not a reference"
  assert_rc 2
  assert_one_line_error reference
  run_coras repo tags "$REGISTRY/UPPER"
  assert_rc 2
  run_coras repo ls "$REGISTRY/Bad Namespace"
  assert_rc 2
  assert_one_line_error "Bad Namespace"
  run_coras manifest delete -f "$REGISTRY/repo-without-tag"
  assert_rc 2
  run_coras repo tags "$REGISTRY/never-pushed"
  assert_rc 1
  assert_one_line_error never-pushed
}

test_hostile_paging()
{
  local ref
  start_hostile_server pages
  ref="localhost:$HOSTILE_PORT/x"
  hostile_routes pages '[{"path": "^/v2/x/tags/list", "status": 200,
    "headers": {"Content-Type": "application/json",
                "Link": "<http://127.0.0.1:9/v2/x/tags/list?last=a>; rel=\"next\""},
    "body": "{\"tags\":[\"a\"]}"}]'
  run_coras repo tags "$ref"
  assert_rc 1
  assert_one_line_error "$ref" "page 1" origin
  hostile_routes pages '[{"path": "^/v2/x/tags/list", "status": 200,
    "headers": {"Content-Type": "application/json",
                "Link": "</v2/x/tags/list?last=a>; rel=\"next\""},
    "body": "{\"tags\":[\"a\"]}"}]'
  run_coras repo tags "$ref"
  assert_rc 1
  assert_one_line_error "$ref" "page 2" loop
  hostile_routes pages '[{"path": "^/v2/x/tags/list", "status": 200,
    "headers": {"Content-Type": "text/html"}, "body": "<html>hello</html>"}]'
  run_coras repo tags "$ref"
  assert_rc 1
  assert_one_line_error "$ref" "page 1" json
  assert_eq "" "$OUT" "stdout of a failed listing"
  hostile_routes pages '[{"path": "^/v2/_catalog", "status": 200,
    "headers": {"Content-Type": "application/json", "Link": "<//evil.example/v2/_catalog>; rel=next"},
    "body": "{\"repositories\":[\"x\"]}"}]'
  run_coras repo ls "localhost:$HOSTILE_PORT"
  assert_rc 1
  assert_one_line_error "catalog page 1" origin
}

run_test "repo ls: namespace, --last, JSON, several pages" test_repo_ls_namespace_last_json
run_test "repo tags: thirty tags, --last, --exclude-digest-tags, JSON" test_repo_tags_many
run_test "repo tags REF:tag and REF@digest: the tags on one manifest" test_repo_tags_of_one_manifest
run_test "tag then resolve: the same digest; resolve -l" test_tag_then_resolve
run_test "resolve --platform picks an index entry" test_resolve_platform
run_test "manifest delete: refused without a terminal, -f, twice, --descriptor" test_manifest_delete
run_test "blob delete: -f, --descriptor, twice" test_blob_delete
run_test "OCI layout: tag, resolve, repo tags, manifest and blob delete" test_oci_layout
run_test "a registry with deletion disabled" test_deletion_disabled
run_test "a dead registry and bad references fail cleanly" test_dead_registry_and_bad_references
run_test "hostile paging: other origin, loop, not JSON" test_hostile_paging
finish
