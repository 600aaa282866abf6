#!/usr/bin/env bash
# test_attach_discover.sh: `coras attach` and `coras discover` against a real docker-registry
# (distribution 2.8, which has no referrers API and answers 404): referrers go through the
# `sha256-<hex>` tag schema, nested referrers and a cycle are listed once, --depth and
# --artifact-type filter, --distribution-spec forces either way, skopeo reads the subject back,
# an OCI layout works the same way, and `manifest delete` of a referrer takes it out of the
# index.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry curl sha256sum "$PYTHON"
start_registry main

STAGE="$TEST_DIR/stage"
stage_example "$STAGE"
SBOM_TYPE=application/vnd.example.sbom+json
SIG_TYPE=application/vnd.example.signature

# push_subject REPO: pushes the example as REPO:v1; sets SUBJECT to its digest.
push_subject()
{
  push_example "$STAGE" "$REGISTRY/$1:v1"
  assert_rc 0
  SUBJECT=$(printed_digest)
}

# attach_file REF TYPE NAME: attaches a small file NAME of artifact type TYPE to REF; sets
# ATTACHED to the referrer's digest (and OUT, ERR, RC as run_coras).
attach_file()
{
  local dir old_pwd=$PWD
  dir=$(mktemp -d "$TEST_DIR/attach-XXXXXX")
  printf '{"name":"%s"}\n' "$3" >"$dir/$3"
  cd "$dir"
  run_coras attach --artifact-type "$2" "$1" "$3"
  cd "$old_pwd"
  assert_rc 0
  ATTACHED=$(printed_digest)
}

test_attach_through_the_tag_schema()
{
  local subject sbom mark index
  push_subject app
  subject=$SUBJECT
  mark=$(log_mark)
  attach_file "$REGISTRY/app:v1" "$SBOM_TYPE" sbom.json
  sbom=$ATTACHED
  assert_contains "$OUT" "Attached to [registry] $REGISTRY/app@$subject"
  assert_contains "$OUT" "ArtifactType: $SBOM_TYPE"
  log_sync
  # The API was tried (404 on distribution 2.8), then the index was pushed under the tag.
  assert_contains "$(log_since "$mark")" "GET /v2/app/referrers/$subject"
  assert_contains "$(log_since "$mark")" "PUT /v2/app/manifests/sha256-${subject#sha256:}"
  fetch_manifest app "sha256-${subject#sha256:}" "$TEST_DIR/index.json"
  index=$(json_query "$TEST_DIR/index.json" '[m["digest"] + " " + m["artifactType"] for m in d["manifests"]]')
  assert_eq "[\"$sbom $SBOM_TYPE\"]" "$index" "the referrers index"
  fetch_manifest app "$sbom" "$TEST_DIR/sbom-manifest.json"
  assert_eq "$subject" "$(json_query "$TEST_DIR/sbom-manifest.json" 'd["subject"]["digest"]')" \
    "the referrer's subject"
}

test_discover_tree_json_depth_and_filter()
{
  local subject sbom sig sbom_sig
  push_subject tree
  subject=$SUBJECT
  attach_file "$REGISTRY/tree:v1" "$SBOM_TYPE" sbom.json
  sbom=$ATTACHED
  attach_file "$REGISTRY/tree@$subject" "$SIG_TYPE" sig.json
  sig=$ATTACHED
  attach_file "$REGISTRY/tree@$sbom" "$SIG_TYPE" sbom-sig.json
  sbom_sig=$ATTACHED

  run_coras discover "$REGISTRY/tree:v1"
  assert_rc 0
  assert_eq "$REGISTRY/tree@$subject
├── $SBOM_TYPE
│   └── $sbom
│       └── $SIG_TYPE
│           └── $sbom_sig
└── $SIG_TYPE
    └── $sig" "$OUT" "discover's tree"

  run_coras discover "$REGISTRY/tree:v1" --format json
  assert_rc 0
  assert_eq 2 "$(json_query "$OUT_FILE" 'len(d["referrers"])')" "referrers of the subject"
  assert_eq "[\"$sbom_sig\"]" \
    "$(json_query "$OUT_FILE" "[c['digest'] for r in d['referrers'] if r['digest'] == '$sbom' for c in r['referrers']]")" \
    "referrers of the SBOM"

  run_coras discover "$REGISTRY/tree:v1" --depth 1 --format json
  assert_rc 0
  assert_eq "[0, 0]" "$(json_query "$OUT_FILE" '[len(r["referrers"]) for r in d["referrers"]]')" \
    "children at --depth 1"

  run_coras discover "$REGISTRY/tree:v1" --artifact-type "$SIG_TYPE" --format 'go-template={{range .referrers}}{{.digest}}{{end}}'
  assert_rc 0
  assert_eq "$sig" "$OUT" "referrers of type $SIG_TYPE"
}

# A referrers index that points back at the subject: each manifest is listed once.
test_cycle_listed_once()
{
  local subject sbom
  push_subject cycle
  subject=$SUBJECT
  attach_file "$REGISTRY/cycle:v1" "$SBOM_TYPE" sbom.json
  sbom=$ATTACHED
  fetch_manifest cycle v1 "$TEST_DIR/subject.json"
  cat >"$TEST_DIR/back.json" <<EOF
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"$subject","size":$(size_of "$TEST_DIR/subject.json"),"artifactType":"$SIG_TYPE"}]}
EOF
  put_manifest cycle "sha256-${sbom#sha256:}" "$TEST_DIR/back.json" application/vnd.oci.image.index.v1+json >/dev/null
  run_coras discover "$REGISTRY/cycle:v1" --format json
  assert_rc 0
  assert_eq "[\"$subject\"]" \
    "$(json_query "$OUT_FILE" '[c["digest"] for c in d["referrers"][0]["referrers"]]')" \
    "the subject met again below its referrer"
  assert_eq "[0]" \
    "$(json_query "$OUT_FILE" '[len(c["referrers"]) for c in d["referrers"][0]["referrers"]]')" \
    "children of the manifest met twice"
}

test_distribution_spec_flag()
{
  local subject sbom
  push_subject spec
  subject=$SUBJECT
  run_coras attach --artifact-type "$SBOM_TYPE" --distribution-spec v1.1-referrers-api \
    -a note=x "$REGISTRY/spec:v1"
  assert_rc 1
  assert_one_line_error "has no referrers API" "v1.1-referrers-tag"
  run_coras discover --distribution-spec v1.1-referrers-api "$REGISTRY/spec:v1"
  assert_rc 1
  assert_one_line_error "has no referrers API"

  run_coras attach --artifact-type "$SBOM_TYPE" --distribution-spec v1.1-referrers-tag \
    -a note=annotation-only "$REGISTRY/spec:v1"
  assert_rc 0
  sbom=$(printed_digest)
  run_coras discover --distribution-spec v1.1-referrers-tag "$REGISTRY/spec@$subject" --format json
  assert_rc 0
  assert_eq "annotation-only" \
    "$(json_query "$OUT_FILE" 'd["referrers"][0]["annotations"]["note"]')" "the referrer's annotation"
  assert_eq "$sbom" "$(json_query "$OUT_FILE" 'd["referrers"][0]["digest"]')" "the referrer"
}

test_attach_refusals()
{
  local mark
  push_subject refuse
  mark=$(log_mark)
  run_coras attach "$REGISTRY/refuse:v1" -a k=v
  assert_rc 2
  run_coras attach --artifact-type "$SBOM_TYPE" "$REGISTRY/refuse:v1"
  assert_rc 2
  assert_one_line_error "at least one file or one annotation"
  run_coras attach --artifact-type "$SBOM_TYPE" -a k=v "$REGISTRY/refuse"
  assert_rc 2
  assert_one_line_error "tag or digest"
  log_sync
  assert_eq "" "$(log_since "$mark" | grep -E '"(PUT|POST)' || true)" "writes after refused attaches"
  run_coras attach --artifact-type "$SBOM_TYPE" -a k=v "$REGISTRY/refuse:nope"
  assert_rc 1
  assert_one_line_error "nope"
  run_coras discover "$REGISTRY/refuse:nope"
  assert_rc 1
  assert_one_line_error "nope"
}

test_skopeo_reads_the_referrer()
{
  local subject sbom
  require_cmd skopeo
  push_subject peer
  subject=$SUBJECT
  attach_file "$REGISTRY/peer:v1" "$SBOM_TYPE" sbom.json
  sbom=$ATTACHED
  skopeo inspect --raw --tls-verify=false "docker://$REGISTRY/peer@$sbom" >"$TEST_DIR/peer.json" ||
    fail "skopeo inspect --raw of the referrer failed"
  assert_eq "$sbom" "$(sha256_of "$TEST_DIR/peer.json")" "digest of the bytes skopeo read"
  assert_eq "$subject" "$(json_query "$TEST_DIR/peer.json" 'd["subject"]["digest"]')" "subject"
}

test_oci_layout()
{
  local layout="$TEST_DIR/layout" subject sbom
  cd "$STAGE"
  run_coras push --oci-layout "$layout:v1" example-filter.wasm
  assert_rc 0
  subject=$(printed_digest)
  printf 'x\n' >"$TEST_DIR/note.txt"
  cd "$TEST_DIR"
  run_coras attach --oci-layout --artifact-type "$SBOM_TYPE" "$layout:v1" note.txt
  assert_rc 0
  assert_contains "$OUT" "Attached to [oci-layout] $layout@$subject"
  sbom=$(printed_digest)
  run_coras discover --oci-layout "$layout:v1" --format json
  assert_rc 0
  assert_eq "$sbom" "$(json_query "$OUT_FILE" 'd["referrers"][0]["digest"]')" "layout referrer"
}

# discovered REF [--oci-layout]: the digests discover lists directly under REF, one line each.
discovered()
{
  run_coras discover "$@" --format json >&2
  assert_rc 0
  json_query "$OUT_FILE" '"\n".join(r["digest"] for r in d.get("referrers") or [])'
}

test_manifest_delete_updates_the_index()
{
  local subject sbom sig layout="$TEST_DIR/del-layout"
  push_subject del
  subject=$SUBJECT
  attach_file "$REGISTRY/del:v1" "$SBOM_TYPE" sbom.json
  sbom=$ATTACHED
  attach_file "$REGISTRY/del:v1" "$SIG_TYPE" sig.json
  sig=$ATTACHED
  assert_eq "$sbom"$'\n'"$sig" "$(discovered "$REGISTRY/del:v1")" "referrers before"
  run_coras manifest delete -f "$REGISTRY/del@$sbom"
  assert_rc 0
  assert_eq "$sig" "$(discovered "$REGISTRY/del:v1")" "referrers after deleting one"
  fetch_manifest del "sha256-${subject#sha256:}" "$TEST_DIR/del-index.json"
  assert_eq "[\"$sig\"]" "$(json_query "$TEST_DIR/del-index.json" '[m["digest"] for m in d["manifests"]]')" \
    "the tag schema index"
  # The last one: the tag then holds an empty index (the old one is left for GC, as oras does).
  run_coras manifest delete -f "$REGISTRY/del@$sig"
  assert_rc 0
  assert_eq "" "$(discovered "$REGISTRY/del:v1")" "referrers after deleting both"
  fetch_manifest del "sha256-${subject#sha256:}" "$TEST_DIR/del-index.json"
  assert_eq "[]" "$(json_query "$TEST_DIR/del-index.json" 'd["manifests"]')" "the emptied index"
  # The same in an OCI layout.
  cd "$STAGE"
  run_coras push --oci-layout "$layout:v1" example-filter.wasm
  assert_rc 0
  cd "$TEST_DIR"
  printf 'x\n' >"$TEST_DIR/note.txt"
  run_coras attach --oci-layout --artifact-type "$SBOM_TYPE" "$layout:v1" note.txt
  assert_rc 0
  sbom=$(printed_digest)
  assert_eq "$sbom" "$(discovered --oci-layout "$layout:v1")" "layout referrers before"
  run_coras manifest delete -f --oci-layout "$layout@$sbom"
  assert_rc 0
  assert_eq "" "$(discovered --oci-layout "$layout:v1")" "layout referrers after"
}

run_test "attach goes through the sha256-<hex> tag schema on distribution 2.8" test_attach_through_the_tag_schema
run_test "discover: tree, JSON, --depth and --artifact-type" test_discover_tree_json_depth_and_filter
run_test "a cycle in the referrer graph is visited once" test_cycle_listed_once
run_test "--distribution-spec forces the API or the tag schema" test_distribution_spec_flag
run_test "attach refuses what it cannot do before writing" test_attach_refusals
run_test "skopeo reads the referrer and its subject" test_skopeo_reads_the_referrer
run_test "attach and discover on an OCI layout" test_oci_layout
run_test "manifest delete of a referrer takes it out of the tag schema index" test_manifest_delete_updates_the_index
finish
