#!/usr/bin/env bash
# test_backup_restore.sh: `coras backup` and `coras restore` against two real docker-registry
# instances (distribution 2.8: referrers through the sha256-<hex> tag schema): the example filter
# under two tags with a signature and a note on it backed up into a layout directory and a tar
# (valid blobs and index.json, read by skopeo), restored into an empty registry with identical
# digests and the same referrer tree, --dry-run pushing nothing, --exclude-referrers leaving them
# out, and failures (a missing or damaged input, a missing repository) in one line that leave no
# tag and no output behind.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry curl sha256sum tar "$PYTHON"

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

# tags_of REPO: the tags registry two lists for REPO, sorted, space-separated ("" when none or
# when the repository does not exist).
tags_of()
{
  curl -sS --max-time 10 "$R2_URL/v2/$1/tags/list" |
    "$PYTHON" -c 'import json, sys; print(" ".join(sorted(json.load(sys.stdin).get("tags") or [])))' ||
    true
}

# assert_valid_layout DIR: oci-layout and index.json are what image-layout.md asks, and every
# blob's bytes hash to its name.
assert_valid_layout()
{
  local dir=$1 blob
  assert_eq '1.0.0' "$(json_query "$dir/oci-layout" 'd["imageLayoutVersion"]')" "oci-layout"
  assert_eq 2 "$(json_query "$dir/index.json" 'd["schemaVersion"]')" "index.json schemaVersion"
  for blob in "$dir"/blobs/sha256/*; do
    assert_eq "$(basename "$blob")" "$(sha256sum "$blob" | cut -d' ' -f1)" "blob $blob"
  done
}

# tag_digest DIR TAG: the digest index.json of the layout DIR lists under TAG.
tag_digest()
{
  json_query "$1/index.json" \
    "[m['digest'] for m in d['manifests'] if m.get('annotations', {}).get('org.opencontainers.image.ref.name') == '$2'][0]"
}

# assert_no_leftovers: no hidden temporary directory or file of a backup in $TEST_DIR.
assert_no_leftovers()
{
  local left
  left=$(find "$TEST_DIR" -maxdepth 1 -name '.*coras*' -print)
  assert_eq "" "$left" "temporary files left in $TEST_DIR"
}

# The source: the example filter as v1 and v2 (another digest), a signature on v1 and a note on
# the signature.
STAGE="$TEST_DIR/stage"
stage_example "$STAGE"
use_registry 1
push_example "$STAGE" "$R1/filters/header:v1"
assert_rc 0
V1=$(printed_digest)
push_example "$STAGE" "$R1/filters/header:v2" -a build=two
assert_rc 0
V2=$(printed_digest)
attach_note "$R1/filters/header:v1" "$SIG_TYPE" sig.json
SIG=$ATTACHED
attach_note "$R1/filters/header@$SIG" "$NOTE_TYPE" note.json
NOTE=$ATTACHED
TREE=$(referrer_tree "$R1/filters/header:v1")
[[ $TREE == "[\"$SIG $SIG_TYPE [$NOTE $NOTE_TYPE []]\"]" ]] || fail "source tree: $TREE"
BACKUP_DIR="$TEST_DIR/backup"
BACKUP_TAR="$TEST_DIR/backup.tar"

test_backup_to_a_directory()
{
  local raw="$TEST_DIR/dir.raw"
  run_coras backup --no-tty --include-referrers --output "$BACKUP_DIR" "$R1/filters/header"
  assert_rc 0
  assert_contains "$OUT" "Pulled $R1/filters/header:v1"
  assert_contains "$OUT" "Backed up 2 tag(s) of $R1/filters/header to $BACKUP_DIR"
  assert_contains "$ERR" "Pulled"
  assert_valid_layout "$BACKUP_DIR"
  assert_eq "$V1" "$(tag_digest "$BACKUP_DIR" v1)" "index.json v1"
  assert_eq "$V2" "$(tag_digest "$BACKUP_DIR" v2)" "index.json v2"
  [[ -f $BACKUP_DIR/blobs/sha256/${SIG#sha256:} ]] || fail "the signature is not in the layout"
  [[ -f $BACKUP_DIR/blobs/sha256/${NOTE#sha256:} ]] || fail "the note is not in the layout"
  assert_eq "$TREE" "$(referrer_tree --oci-layout "$BACKUP_DIR:v1")" "the tree in the layout"
  assert_no_leftovers
  if command -v skopeo >/dev/null 2>&1; then
    skopeo --insecure-policy inspect --raw "oci:$BACKUP_DIR:v2" >"$raw" ||
      fail "skopeo cannot read oci:$BACKUP_DIR:v2"
    assert_eq "$V2" "$(sha256_of "$raw")" "digest skopeo reads from the directory"
  fi
}

test_backup_to_a_tar()
{
  local raw="$TEST_DIR/tar.raw" listing
  run_coras backup --include-referrers --output "$BACKUP_TAR" --format json \
    "$R1/filters/header:v1,v2"
  assert_rc 0
  assert_eq "tar" "$(json_query "$OUT_FILE" 'd["outputType"]')" "JSON outputType"
  assert_eq "$BACKUP_TAR" "$(json_query "$OUT_FILE" 'd["output"]')" "JSON output"
  assert_eq "[\"v1 $V1\", \"v2 $V2\"]" \
    "$(json_query "$OUT_FILE" '[t["tag"] + " " + t["digest"] for t in d["tags"]]')" "JSON tags"
  assert_eq "[\"$SIG\", \"$NOTE\"]" "$(json_query "$OUT_FILE" '[r["digest"] for r in d["referrers"]]')" \
    "JSON referrers"
  listing=$(tar -tf "$BACKUP_TAR") || fail "tar cannot list $BACKUP_TAR"
  assert_contains "$listing" "oci-layout"
  assert_contains "$listing" "index.json"
  assert_contains "$listing" "blobs/sha256/${V1#sha256:}"
  mkdir -p "$TEST_DIR/untarred"
  tar -xf "$BACKUP_TAR" -C "$TEST_DIR/untarred"
  assert_valid_layout "$TEST_DIR/untarred"
  assert_eq "$V1" "$(tag_digest "$TEST_DIR/untarred" v1)" "index.json v1 in the tar"
  assert_no_leftovers
  if command -v skopeo >/dev/null 2>&1; then
    skopeo --insecure-policy inspect --raw "oci-archive:$BACKUP_TAR:v1" >"$raw" ||
      fail "skopeo cannot read oci-archive:$BACKUP_TAR:v1"
    assert_eq "$V1" "$(sha256_of "$raw")" "digest skopeo reads from the tar"
  fi
}

test_restore_gives_identical_digests()
{
  [[ -d $BACKUP_DIR ]] || fail "no backup directory (the backup case failed)"
  use_registry 2
  run_coras restore --no-tty --input "$BACKUP_DIR" "$R2/restored"
  assert_rc 0
  assert_contains "$OUT" "Pushed $R2/restored:v1"
  assert_contains "$OUT" "Restored 2 tag(s) from $BACKUP_DIR to $R2/restored"
  assert_contains "$ERR" "Pushed"
  assert_eq "$V1" "$(head_manifest_digest restored v1)" "v1 on registry two"
  assert_eq "$V2" "$(head_manifest_digest restored v2)" "v2 on registry two"
  assert_eq "$TREE" "$(referrer_tree "$R2/restored:v1")" "the referrer tree on registry two"
  assert_eq "$(printf '%s\n' "sha256-${SIG#sha256:}" "sha256-${V1#sha256:}" v1 v2 | LC_ALL=C sort |
    paste -sd' ')" "$(tags_of restored)" "tags: v1, v2 and the referrers index tags"
}

test_restore_from_a_tar()
{
  [[ -f $BACKUP_TAR ]] || fail "no backup tar (the backup case failed)"
  use_registry 2
  run_coras restore --input "$BACKUP_TAR" "$R2/from-tar:v2" --format json
  assert_rc 0
  assert_eq "[\"v2 $V2\"]" \
    "$(json_query "$OUT_FILE" '[t["tag"] + " " + t["digest"] for t in d["tags"]]')" "JSON tags"
  assert_eq "$V2" "$(head_manifest_digest from-tar v2)" "v2 from the tar"
  assert_eq "v2" "$(tags_of from-tar)" "only the tag named"
  run_coras restore --input "$BACKUP_TAR" "$R2/from-tar:v1"
  assert_rc 0
  assert_eq "$TREE" "$(referrer_tree "$R2/from-tar:v1")" "the referrer tree from the tar"
}

test_dry_run_pushes_nothing()
{
  local mark
  [[ -d $BACKUP_DIR ]] || fail "no backup directory (the backup case failed)"
  use_registry 2
  mark=$(log_mark)
  run_coras restore --dry-run --input "$BACKUP_DIR" "$R2/dry"
  assert_rc 0
  assert_contains "$OUT" "Would push $R2/dry:v1"
  assert_contains "$OUT" "Digest: $V2"
  assert_contains "$OUT" "Referrers: 2"
  assert_contains "$OUT" "Dry run: nothing was pushed"
  log_sync
  assert_not_contains "$(log_since "$mark")" "/v2/dry/"
  assert_eq "" "$(tags_of dry)" "tags after a dry run"
}

test_exclude_referrers()
{
  [[ -d $BACKUP_DIR ]] || fail "no backup directory (the backup case failed)"
  use_registry 2
  run_coras restore --exclude-referrers --input "$BACKUP_DIR" "$R2/noref"
  assert_rc 0
  assert_eq "$V1" "$(head_manifest_digest noref v1)" "v1"
  assert_eq "[]" "$(referrer_tree "$R2/noref:v1")" "referrers with --exclude-referrers"
  assert_eq "v1 v2" "$(tags_of noref)" "tags"
}

test_bad_inputs()
{
  local damaged="$TEST_DIR/damaged" layer
  use_registry 2
  run_coras restore --input "$TEST_DIR/no-such-backup" "$R2/bad:v1"
  assert_rc 1
  assert_one_line_error "$TEST_DIR/no-such-backup"
  [[ -d $BACKUP_DIR ]] || fail "no backup directory (the backup case failed)"
  cp -r "$BACKUP_DIR" "$damaged"
  layer=$(json_query "$damaged/blobs/sha256/${V1#sha256:}" 'd["layers"][-1]["digest"]')
  "$PYTHON" - "$damaged/blobs/sha256/${layer#sha256:}" <<'PY'
import sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
data[len(data) // 2] ^= 1
open(path, "wb").write(bytes(data))
PY
  run_coras restore --no-tty --input "$damaged" "$R2/bad:v1,v2"
  assert_rc 1
  assert_error_line "$layer" "restore v1"
  assert_eq "" "$(tags_of bad)" "tags after a failed restore"
}

test_backup_of_a_missing_repository()
{
  local out
  for out in "$TEST_DIR/missing-dir" "$TEST_DIR/missing.tar"; do
    run_coras backup --output "$out" "$R1/no/such/repo"
    assert_rc 1
    assert_one_line_error "no/such/repo"
    assert_no_path "$out"
    run_coras backup --output "$out" "$R1/filters/header:v1,nope"
    assert_rc 1
    assert_error_line "nope"
    assert_no_path "$out"
  done
  assert_no_leftovers
}

test_backup_makes_missing_parents()
{
  local mode umask_was
  umask_was=$(umask)
  umask 022
  run_coras backup --output "$TEST_DIR/new/a/layout" "$R1/filters/header:v1"
  umask "$umask_was"
  assert_rc 0
  assert_valid_layout "$TEST_DIR/new/a/layout"
  mode=$(stat -c %a "$TEST_DIR/new/a/layout")
  assert_eq 755 "$mode" "mode of the new layout directory under umask 022"
  run_coras backup --output "$TEST_DIR/new/b/c/layout.tar" "$R1/filters/header:v1"
  assert_rc 0
  tar -tf "$TEST_DIR/new/b/c/layout.tar" >/dev/null || fail "no tar in new parent directories"
  # A failed backup takes the parents it made with it, not those that were there.
  run_coras backup --output "$TEST_DIR/new/d/e/layout.tar" "$R1/filters/header:nope"
  assert_rc 1
  assert_error_line "nope"
  assert_no_path "$TEST_DIR/new/d"
  [[ -d $TEST_DIR/new ]] || fail "a failed backup removed a directory it did not make"
  assert_eq "" "$(find "$TEST_DIR/new" -name '.*coras*' -print)" "temporary files left"
}

run_test "backup with referrers into a layout directory" test_backup_to_a_directory
run_test "backup of named tags into a .tar, --format json" test_backup_to_a_tar
run_test "restore into an empty registry: identical digests and referrer tree" test_restore_gives_identical_digests
run_test "restore one tag from a .tar" test_restore_from_a_tar
run_test "restore --dry-run pushes nothing" test_dry_run_pushes_nothing
run_test "restore --exclude-referrers leaves them out" test_exclude_referrers
run_test "a missing or damaged input fails in one line and sets no tag" test_bad_inputs
run_test "backup of a missing repository or tag leaves no output" test_backup_of_a_missing_repository
run_test "backup makes missing parents (mode after the umask), and removes them if it fails" test_backup_makes_missing_parents
finish
