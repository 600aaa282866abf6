#!/usr/bin/env bash
# test_copy.sh: `coras copy` (alias cp) between real docker-registry instances and OCI layouts:
# a mount within one registry (no blob sent), a copy to another registry, through a layout
# directory and a layout tar and back with identical digests, several destination tags, one
# platform of an index, nothing sent the second time, skopeo agreeing on what was copied,
# one-line failures that leave no tag behind, and -r/--recursive taking referrers along (registry
# to registry, to and from a layout: discover shows the same tree at the destination).
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry curl sha256sum cmp tar "$PYTHON"

start_registry one
R1=$REGISTRY R1_URL=$REGISTRY_URL R1_LOG=$REGISTRY_LOG
start_registry two
R2=$REGISTRY R2_URL=$REGISTRY_URL R2_LOG=$REGISTRY_LOG

# use_registry 1|2: points the curl and access-log helpers at registry one or two.
use_registry()
{
  if [[ $1 == 1 ]]; then
    REGISTRY=$R1 REGISTRY_URL=$R1_URL REGISTRY_LOG=$R1_LOG
  else
    REGISTRY=$R2 REGISTRY_URL=$R2_URL REGISTRY_LOG=$R2_LOG
  fi
  REGISTRY_CURL_ARGS=()
}

STAGE="$TEST_DIR/stage"
mkdir -p "$STAGE"
printf 'a small file\n' >"$STAGE/small.txt"
# Over 1 MiB: streamed from the source to the destination.
head -c $((3 * 1024 * 1024 + 5)) /dev/urandom >"$STAGE/big.bin"

# push_source REPO:TAG: pushes the staged files to registry one and sets SRC_DIGEST.
push_source()
{
  use_registry 1
  cd "$STAGE"
  run_coras push "$R1/$1" small.txt big.bin
  assert_rc 0
  SRC_DIGEST=$(printed_digest)
}

# manifest_status REPO REF: the HTTP status of a manifest HEAD on the current registry.
manifest_status()
{
  curl -sS -o /dev/null -w '%{http_code}' "${REGISTRY_CURL_ARGS[@]}" --max-time 10 -I \
    -H "Accept: $MANIFEST_ACCEPT" "$REGISTRY_URL/v2/$1/manifests/$2"
}

# assert_pulls_back REGISTRY_REF: pulls the reference and compares the files with the staged ones.
assert_pulls_back()
{
  local out
  out=$(case_dir "pulled-$RANDOM")
  run_coras pull "$1" -o "$out"
  assert_rc 0
  assert_file_eq "$STAGE/small.txt" "$out/small.txt"
  assert_file_eq "$STAGE/big.bin" "$out/big.bin"
}

SIG_TYPE=application/vnd.example.signature
NOTE_TYPE=application/vnd.example.note
# The referrer tree of `coras discover --format json`, flattened: sorted "DIGEST TYPE [CHILDREN]".
TREE_EXPR='(lambda f: f(f, d["referrers"]))(lambda f, rs: sorted(r["digest"] + " " + r.get("artifactType", "") + " [" + ", ".join(f(f, r.get("referrers", []))) + "]" for r in rs))'

# attach_note REF TYPE NAME: attaches a small file NAME of artifact type TYPE to REF; sets
# ATTACHED to the referrer's digest.
attach_note()
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

# referrer_tree DISCOVER_ARGS...: the flattened tree `coras discover` prints for them (the
# command line run_coras echoes goes to stderr).
referrer_tree()
{
  run_coras discover "$@" --format json >&2
  assert_rc 0
  json_query "$OUT_FILE" "$TREE_EXPR"
}

# push_signed REPO: pushes the staged files as REPO:v1 to registry one, attaches a signature to
# it and a note to the signature; sets SRC_DIGEST, SIG, NOTE and TREE (the source's tree).
push_signed()
{
  push_source "$1:v1"
  attach_note "$R1/$1:v1" "$SIG_TYPE" sig.json
  SIG=$ATTACHED
  attach_note "$R1/$1@$SIG" "$NOTE_TYPE" note.json
  NOTE=$ATTACHED
  TREE=$(referrer_tree "$R1/$1:v1")
  assert_eq "[\"$SIG $SIG_TYPE [$NOTE $NOTE_TYPE []]\"]" "$TREE" "the source's referrer tree"
}

test_recursive_registry_to_registry()
{
  local mark
  push_signed rec
  use_registry 2
  mark=$(log_mark)
  run_coras cp -r "$R1/rec:v1" "$R2/rec-copy:v1"
  assert_rc 0
  assert_eq "$SRC_DIGEST" "$(printed_digest)" "printed digest"
  assert_eq "$SRC_DIGEST" "$(head_manifest_digest rec-copy v1)" "digest on registry two"
  assert_eq "$TREE" "$(referrer_tree "$R2/rec-copy:v1")" "the referrer tree on registry two"
  log_sync
  # The referrers index is read and written under its tag, sha256-<hex> (oras#2148).
  assert_contains "$(log_since "$mark")" "GET /v2/rec-copy/manifests/sha256-${SRC_DIGEST#sha256:}"
  assert_contains "$(log_since "$mark")" "PUT /v2/rec-copy/manifests/sha256-${SRC_DIGEST#sha256:}"
  # Again: nothing is uploaded and the tree stays as it is.
  mark=$(log_mark)
  run_coras cp -r --no-tty "$R1/rec:v1" "$R2/rec-copy:v1"
  assert_rc 0
  log_sync
  assert_not_contains "$(log_since "$mark")" "/blobs/uploads/"
  assert_eq "$TREE" "$(referrer_tree "$R2/rec-copy:v1")" "the tree after a second copy"
}

test_recursive_through_a_layout()
{
  local layout="$TEST_DIR/rec-layout" index_digest
  push_signed rec-layout
  run_coras cp -r "$R1/rec-layout:v1" --to-oci-layout "$layout:v1"
  assert_rc 0
  assert_eq "$TREE" "$(referrer_tree --oci-layout "$layout:v1")" "the referrer tree in the layout"
  index_digest=$(json_query "$layout/index.json" \
    "[m['digest'] for m in d['manifests'] if m.get('annotations', {}).get('org.opencontainers.image.ref.name') == 'sha256-${SRC_DIGEST#sha256:}'][0]")
  assert_eq "[\"$SIG\"]" \
    "$(json_query "$layout/blobs/sha256/${index_digest#sha256:}" '[m["digest"] for m in d["manifests"]]')" \
    "the layout's referrers index under sha256-<hex>"
  run_coras cp -r --from-oci-layout "$layout:v1" "$R2/rec-back:v1"
  assert_rc 0
  use_registry 2
  assert_eq "$SRC_DIGEST" "$(head_manifest_digest rec-back v1)" "digest back from the layout"
  assert_eq "$TREE" "$(referrer_tree "$R2/rec-back:v1")" "the referrer tree back from the layout"
}

test_without_recursive_only_the_graph()
{
  push_signed rec-plain
  run_coras cp "$R1/rec-plain:v1" "$R2/rec-plain:v1"
  assert_rc 0
  use_registry 2
  assert_eq "[]" "$(referrer_tree "$R2/rec-plain:v1")" "referrers without -r"
  assert_eq 404 "$(manifest_status rec-plain "$SIG")" "the signature without -r"
  assert_eq 404 "$(manifest_status rec-plain "sha256-${SRC_DIGEST#sha256:}")" "the referrers tag"
}

test_mount_within_one_registry()
{
  local mark requests
  push_source mnt-src:v1
  mark=$(log_mark)
  run_coras cp --no-tty "$R1/mnt-src:v1" "$R1/mnt-dst:v1"
  assert_rc 0
  assert_contains "$OUT" "Copied [registry] $R1/mnt-src:v1 => [registry] $R1/mnt-dst:v1"
  assert_eq "$SRC_DIGEST" "$(printed_digest)" "printed digest"
  assert_contains "$ERR" "Mounted"
  log_sync
  requests=$(log_since "$mark")
  assert_contains "$requests" "POST /v2/mnt-dst/blobs/uploads/?mount="
  assert_not_contains "$requests" "PUT /v2/mnt-dst/blobs/"
  assert_not_contains "$requests" "PATCH /v2/mnt-dst/blobs/"
  assert_not_contains "$requests" "GET /v2/mnt-src/blobs/"
  assert_eq "$SRC_DIGEST" "$(head_manifest_digest mnt-dst v1)" "digest of mnt-dst:v1"
}

test_registry_to_registry()
{
  push_source r2r:v1
  run_coras copy "$R1/r2r:v1" "$R2/r2r-copy:v1"
  assert_rc 0
  assert_eq "$SRC_DIGEST" "$(printed_digest)" "printed digest"
  use_registry 2
  assert_eq "$SRC_DIGEST" "$(head_manifest_digest r2r-copy v1)" "digest on registry two"
  assert_pulls_back "$R2/r2r-copy:v1"
}

test_second_copy_sends_no_blob()
{
  local mark1 mark2 requests
  push_source again:v1
  run_coras copy "$R1/again:v1" "$R2/again:v1"
  assert_rc 0
  use_registry 1
  mark1=$(log_mark)
  use_registry 2
  mark2=$(log_mark)
  run_coras copy --no-tty "$R1/again:v1" "$R2/again:v1"
  assert_rc 0
  assert_contains "$ERR" "Exists"
  log_sync
  requests=$(log_since "$mark2")
  assert_contains "$requests" "HEAD /v2/again/manifests/$SRC_DIGEST"
  assert_not_contains "$requests" "/blobs/"
  use_registry 1
  log_sync
  assert_not_contains "$(log_since "$mark1")" "/blobs/"
}

test_layout_round_trip()
{
  local layout="$TEST_DIR/round-trip-layout"
  push_source round:v1
  run_coras copy "$R1/round:v1" --to-oci-layout "$layout:v1"
  assert_rc 0
  assert_contains "$OUT" "=> [oci-layout] $layout:v1"
  assert_eq "$SRC_DIGEST" "$(json_query "$layout/index.json" \
    '[m["digest"] for m in d["manifests"] if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == "v1"][0]')" \
    "index.json entry v1"
  assert_file_eq "$STAGE/big.bin" "$layout/blobs/sha256/$(sha256sum "$STAGE/big.bin" | cut -d' ' -f1)"
  run_coras copy --from-oci-layout "$layout:v1" "$R2/round-back:v1"
  assert_rc 0
  assert_contains "$OUT" "Copied [oci-layout] $layout:v1 => [registry] $R2/round-back:v1"
  assert_eq "$SRC_DIGEST" "$(printed_digest)" "digest back from the layout"
  use_registry 2
  assert_eq "$SRC_DIGEST" "$(head_manifest_digest round-back v1)" "digest on registry two"
}

test_layout_tar_as_source()
{
  local layout="$TEST_DIR/tar-layout" archive="$TEST_DIR/layout.tar"
  push_source fromtar:v1
  run_coras copy "$R1/fromtar:v1" --to-oci-layout "$layout:v1"
  assert_rc 0
  tar -cf "$archive" -C "$layout" .
  run_coras copy --from-oci-layout "$archive:v1" "$R2/fromtar:v2" --format json
  assert_rc 0
  assert_eq "$R2/fromtar@$SRC_DIGEST" "$(json_query "$OUT_FILE" 'd["reference"]')" "JSON reference"
  assert_eq "$SRC_DIGEST" "$(json_query "$OUT_FILE" 'd["digest"]')" "JSON digest"
  assert_eq "$OCI_MANIFEST_TYPE" "$(json_query "$OUT_FILE" 'd["mediaType"]')" "JSON mediaType"
  use_registry 2
  assert_eq "$SRC_DIGEST" "$(head_manifest_digest fromtar v2)" "digest copied from the tar"
  assert_pulls_back "$R2/fromtar:v2"
  # The tar is only read.
  run_coras copy "$R1/fromtar:v1" --to-oci-layout "$archive:v3"
  assert_rc 1
  assert_one_line_error "read-only"
}

test_multi_tag_destination()
{
  local tag
  push_source multi:v1
  run_coras copy "$R1/multi:v1" "$R2/multi-copy:a,b,c"
  assert_rc 0
  use_registry 2
  for tag in a b c; do
    assert_eq "$SRC_DIGEST" "$(head_manifest_digest multi-copy "$tag")" "digest of multi-copy:$tag"
  done
  assert_eq 404 "$(manifest_status multi-copy v1)" "the source tag is not added"
}

# make_index REPO: pushes two artifacts (linux/amd64 and linux/arm64/v8) and an index of them
# tagged "multi" to registry one; sets AMD, ARM and INDEX to their digests.
make_index()
{
  local repo=$1 dir index="$TEST_DIR/index.json" amd_file arm_file
  dir=$(case_dir index-src)
  printf 'amd64 build\n' >"$dir/filter-amd64.bin"
  printf 'arm64 build\n' >"$dir/filter-arm64.bin"
  use_registry 1
  cd "$dir"
  run_coras push "$R1/$repo:amd" filter-amd64.bin
  assert_rc 0
  AMD=$(printed_digest)
  run_coras push "$R1/$repo:arm" filter-arm64.bin
  assert_rc 0
  ARM=$(printed_digest)
  amd_file="$TEST_DIR/amd.json" arm_file="$TEST_DIR/arm.json"
  fetch_manifest "$repo" amd "$amd_file"
  fetch_manifest "$repo" arm "$arm_file"
  "$PYTHON" - "$AMD" "$(size_of "$amd_file")" "$ARM" "$(size_of "$arm_file")" >"$index" <<'EOF'
import json, sys
entry = lambda d, s, p: {"mediaType": "application/vnd.oci.image.manifest.v1+json",
                         "digest": d, "size": int(s), "platform": p}
print(json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                  "manifests": [entry(sys.argv[1], sys.argv[2], {"architecture": "amd64", "os": "linux"}),
                                entry(sys.argv[3], sys.argv[4], {"architecture": "arm64", "os": "linux", "variant": "v8"})]},
                 separators=(",", ":")), end="")
EOF
  INDEX=$(put_manifest "$repo" multi "$index" application/vnd.oci.image.index.v1+json)
  [[ -n $INDEX ]] || fail "no digest for the index"
}

test_index_with_platform()
{
  make_index plat
  run_coras copy --platform linux/arm64 "$R1/plat:multi" "$R2/plat-arm:v1"
  assert_rc 0
  assert_eq "$ARM" "$(printed_digest)" "digest of the arm64 pick"
  use_registry 2
  assert_eq "$ARM" "$(head_manifest_digest plat-arm v1)" "plat-arm:v1"
  assert_eq 404 "$(manifest_status plat-arm "$AMD")" "the amd64 manifest is not copied"

  run_coras copy "$R1/plat:multi" "$R2/plat-all:v1"
  assert_rc 0
  assert_eq "$INDEX" "$(head_manifest_digest plat-all v1)" "the whole index"
  assert_eq 200 "$(manifest_status plat-all "$AMD")" "the amd64 manifest"

  run_coras copy --platform linux/s390x "$R1/plat:multi" "$R2/plat-none:v1"
  assert_rc 1
  assert_one_line_error "linux/s390x"
  assert_eq 404 "$(manifest_status plat-none v1)" "no tag after a failed copy"

  # A layout directory a failed copy created is not left behind.
  run_coras copy --platform linux/s390x "$R1/plat:multi" --to-oci-layout "$TEST_DIR/none-layout:v1"
  assert_rc 1
  assert_no_path "$TEST_DIR/none-layout"
}

test_skopeo_reads_the_copy()
{
  local layout="$TEST_DIR/skopeo-layout" raw="$TEST_DIR/skopeo.raw" digest
  command -v skopeo >/dev/null 2>&1 || skip "skopeo not installed"
  stage_example "$TEST_DIR/example"
  use_registry 1
  push_example "$TEST_DIR/example" "$R1/sk-src:v1"
  assert_rc 0
  digest=$(printed_digest)
  run_coras copy "$R1/sk-src:v1" "$R2/sk-copy:v1"
  assert_rc 0
  skopeo --insecure-policy inspect --raw --tls-verify=false "docker://$R2/sk-copy:v1" >"$raw" ||
    fail "skopeo inspect failed"
  assert_eq "$digest" "$(sha256_of "$raw")" "digest of the manifest skopeo read"
  skopeo --insecure-policy copy --src-tls-verify=false "docker://$R2/sk-copy:v1" \
    "oci:$layout:v1" >/dev/null 2>"$TEST_DIR/skopeo.err" || fail "skopeo copy failed:
$(cat "$TEST_DIR/skopeo.err")"
  # And the layout coras writes is one skopeo reads.
  run_coras copy "$R2/sk-copy:v1" --to-oci-layout "$TEST_DIR/coras-layout:v1"
  assert_rc 0
  skopeo --insecure-policy inspect --raw "oci:$TEST_DIR/coras-layout:v1" >"$raw" ||
    fail "skopeo inspect of the layout coras wrote failed"
  assert_eq "$digest" "$(sha256_of "$raw")" "digest skopeo reads from coras's layout"
}

test_unknown_source_tag()
{
  run_coras copy "$R1/r2r:nope" "$R2/fail-unknown:v1"
  assert_rc 1
  assert_one_line_error "nope"
  use_registry 2
  assert_eq 404 "$(manifest_status fail-unknown v1)" "destination tag"
}

test_dead_destination()
{
  local dead
  push_source dead:v1
  dead=$(free_port)
  run_coras copy "$R1/dead:v1" "localhost:$dead/x:v1" --retries 0
  assert_rc 1
  assert_one_line_error "localhost:$dead"
}

test_wrong_password_at_destination()
{
  local good=copier:right-pass-$RANDOM
  register_secret "${good#*:}"
  register_secret "wrong-pass"
  push_source auth:v1
  start_htpasswd_registry auth "$good"
  local auth=$REGISTRY
  run_coras_stdin 'wrong-pass' copy "$R1/auth:v1" "$auth/auth:v1" \
    --to-username copier --to-password-stdin --to-ca-file "$CA_FILE"
  assert_rc 1
  assert_one_line_error "401"
  REGISTRY_CURL_ARGS=(--cacert "$CA_FILE" -u "$good")
  assert_eq 404 "$(manifest_status auth v1)" "destination tag after a refused copy"
  run_coras_stdin "${good#*:}" copy "$R1/auth:v1" "$auth/auth:v1" \
    --to-username copier --to-password-stdin --to-ca-file "$CA_FILE"
  assert_rc 0
  assert_eq "$SRC_DIGEST" "$(head_manifest_digest auth v1)" "digest with the right password"
  assert_no_secret_leaked
}

run_test "cp within one registry mounts blobs: no blob is uploaded" test_mount_within_one_registry
run_test "copy to another registry" test_registry_to_registry
run_test "a second copy sends no blob" test_second_copy_sends_no_blob
run_test "registry -> OCI layout directory -> registry keeps the digest" test_layout_round_trip
run_test "a layout .tar as the source" test_layout_tar_as_source
run_test "several destination tags" test_multi_tag_destination
run_test "an index: --platform copies one manifest" test_index_with_platform
run_test "skopeo reads what copy wrote" test_skopeo_reads_the_copy
run_test "an unknown source tag fails in one line" test_unknown_source_tag
run_test "a dead destination fails in one line" test_dead_destination
run_test "a wrong password at the destination fails in one line, no tag" test_wrong_password_at_destination
run_test "cp -r copies the referrer tree registry -> registry" test_recursive_registry_to_registry
run_test "cp -r through an OCI layout keeps the referrer tree" test_recursive_through_a_layout
run_test "cp without -r copies no referrer" test_without_recursive_only_the_graph
finish
