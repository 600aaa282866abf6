#!/usr/bin/env bash
# test_sync.sh: `coras sync` against real docker-registry instances: a list of three references
# (one bad) gives two modules named by manifest digest and their per-reference links, the bad
# one reported on one line and a non-zero exit; a second run downloads nothing (no blob GET in
# the access log); a re-tagged reference moves its link to a new module; --prune removes the
# stale module and link and nothing else; ConfigMap lists in YAML and JSON; a Kubernetes
# dockerconfigjson Secret (JSON and YAML) as --registry-config for a registry with htpasswd
# auth; --interval stopped by SIGTERM exits 0 with complete files; --format json.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry htpasswd openssl curl sha256sum cmp base64 "$PYTHON"

PULL_PW="pull-pw-$RANDOM$RANDOM"
register_secret "$PULL_PW" "$(printf 'puller:%s' "$PULL_PW" | base64 -w0)"

# The authenticated registry first, its globals kept; then the plain one the cases use.
make_test_ca "$TEST_DIR/tls"
start_htpasswd_registry secured "puller:$PULL_PW"
AUTH_REGISTRY=$REGISTRY
start_registry main

WASM=$(example_wasm)
STAGE="$TEST_DIR/stage"
mkdir -p "$STAGE"
cp "$WASM" "$STAGE/filter.wasm"
# A second build: the same module with a custom section appended (id 0, size 5, name "test").
cp "$WASM" "$STAGE/filter-v2.wasm"
printf '\x00\x05\x04test' >>"$STAGE/filter-v2.wasm"

# push_module REF FILE [OPTION...]: pushes FILE (in $STAGE) to REF; sets PUSHED (its digest).
push_module()
{
  local ref=$1 file=$2
  shift 2
  cd "$STAGE"
  run_coras push "$ref" "$file" "$@"
  cd - >/dev/null
  assert_rc 0
  PUSHED=$(printed_digest)
}

# link_name REF: the link sync gives REF (oras/ops/sync.hpp: '/' and ':' become '_').
link_name()
{
  printf '%s.wasm\n' "$(printf '%s' "$1" | tr -c 'A-Za-z0-9.\n-' '_')"
}

# assert_synced DIR REF DIGEST SOURCE: DIR/<hex>.wasm is SOURCE byte for byte and DIR/<link of
# REF> is a symbolic link to it.
assert_synced()
{
  local dir=$1 ref=$2 hex=${3#sha256:} source=$4 link
  link="$dir/$(link_name "$ref")"
  assert_file_eq "$source" "$dir/$hex.wasm"
  [[ -L $link ]] || fail "$link should be a symbolic link"
  assert_eq "$hex.wasm" "$(readlink "$link")" "target of $link"
}

# blob_gets MARK: the blob GETs the registry logged since MARK.
blob_gets()
{
  log_sync
  log_since "$1" | grep -E '"GET /v2/[^ ]*/blobs/' || true
}

A_REF="$REGISTRY/sync/a:v1"
B_REF="$REGISTRY/sync/b:v1"
BAD_REF="$REGISTRY/sync/missing:v1"
# Two layouts, so that the two digests differ even when pushed within the same second.
push_module "$A_REF" filter.wasm --wasm-format compat
A_DIGEST=$PUSHED
push_module "$B_REF" filter.wasm --wasm-format solo
B_DIGEST=$PUSHED
[[ $A_DIGEST != "$B_DIGEST" ]] || fail "the two pushes gave one digest: $A_DIGEST"

# --- one list, run twice ------------------------------------------------------------------------

test_three_references_one_bad()
{
  local dir list mark
  dir=$(case_dir three)/filters
  list="$TEST_DIR/three/list.txt"
  printf '# node filters\n%s\n\n%s   # the solo layout\n%s\n' "$A_REF" "$B_REF" "$BAD_REF" >"$list"
  run_coras sync --list "$list" --dir "$dir"
  assert_rc 1
  assert_synced "$dir" "$A_REF" "$A_DIGEST" "$STAGE/filter.wasm"
  assert_synced "$dir" "$B_REF" "$B_DIGEST" "$STAGE/filter.wasm"
  assert_contains "$OUT" "Downloaded $A_REF $A_DIGEST"
  assert_contains "$OUT" "Downloaded $B_REF $B_DIGEST"
  assert_contains "$OUT" "Synced 2 of 3 references"
  assert_eq 1 "$(grep -c "^Error: sync $BAD_REF: resolve: " "$ERR_FILE")" "error lines for the bad one"
  assert_contains "$ERR" "Error: 1 of 3 references failed to sync"
  assert_no_path "$dir/$(link_name "$BAD_REF")"
  assert_eq 4 "$(find "$dir" -mindepth 1 | wc -l | tr -d ' ')" "entries in $dir"

  # The second run asks for the manifests only: no blob is downloaded.
  mark=$(log_mark)
  run_coras sync --list "$list" --dir "$dir"
  assert_rc 1
  assert_contains "$OUT" "Unchanged $A_REF $A_DIGEST"
  assert_contains "$OUT" "Unchanged $B_REF $B_DIGEST"
  assert_eq "" "$(blob_gets "$mark")" "blob GETs of the second run"
  assert_not_contains "$(log_since "$mark")" '"GET /v2/sync/a/manifests/' "second run's requests"
  assert_synced "$dir" "$A_REF" "$A_DIGEST" "$STAGE/filter.wasm"
}

test_retag_updates_link_and_prune_removes_stale()
{
  local dir list ref="$REGISTRY/sync/retag:v1" old new
  dir=$(case_dir retag)/filters
  list="$TEST_DIR/retag/list.txt"
  push_module "$ref" filter.wasm
  old=$PUSHED
  printf '%s\n%s\n' "$ref" "$A_REF" >"$list"
  [[ $old != "$A_DIGEST" ]] || fail "retag:v1 and a:v1 have one digest"
  run_coras sync --list "$list" --dir "$dir"
  assert_rc 0
  assert_synced "$dir" "$ref" "$old" "$STAGE/filter.wasm"
  # Unrelated things in the directory that --prune must leave alone.
  printf 'not ours\n' >"$dir/unrelated.wasm"
  printf 'notes\n' >"$dir/README"
  ln -s unrelated.wasm "$dir/user-link.wasm"

  push_module "$ref" filter-v2.wasm --wasm-format cncf
  new=$PUSHED
  assert_ne "$old" "$new" "digest of the new build"
  run_coras sync --list "$list" --dir "$dir"
  assert_rc 0
  assert_contains "$OUT" "Downloaded $ref $new"
  assert_contains "$OUT" "Unchanged $A_REF $A_DIGEST"
  assert_synced "$dir" "$ref" "$new" "$STAGE/filter-v2.wasm"
  # Without --prune the old module stays.
  assert_file_eq "$STAGE/filter.wasm" "$dir/${old#sha256:}.wasm"

  run_coras sync --list "$list" --dir "$dir" --prune
  assert_rc 0
  assert_contains "$OUT" "Pruned $dir/${old#sha256:}.wasm"
  assert_no_path "$dir/${old#sha256:}.wasm"
  assert_synced "$dir" "$ref" "$new" "$STAGE/filter-v2.wasm"
  assert_synced "$dir" "$A_REF" "$A_DIGEST" "$STAGE/filter.wasm"
  assert_file_content "$dir/unrelated.wasm" $'not ours\n'
  assert_file_content "$dir/README" $'notes\n'
  [[ -L $dir/user-link.wasm ]] || fail "user-link.wasm was removed"

  # A reference dropped from the list: its link goes, and its module with it.
  printf '%s\n' "$ref" >"$list"
  run_coras sync --list "$list" --dir "$dir" --prune
  assert_rc 0
  assert_no_path "$dir/$(link_name "$A_REF")"
  assert_no_path "$dir/${A_DIGEST#sha256:}.wasm"
  assert_synced "$dir" "$ref" "$new" "$STAGE/filter-v2.wasm"
  assert_file_content "$dir/unrelated.wasm" $'not ours\n'
  assert_eq 5 "$(find "$dir" -mindepth 1 | wc -l | tr -d ' ')" "entries in $dir"
}

# A link name taken by a file of the user's: the reference fails at "link", but --prune keeps
# the module it downloaded, so the next round downloads nothing. A killed sync's stale
# temporary file goes with --prune; a fresh one (a download in progress) stays.
test_prune_keeps_a_module_whose_link_failed()
{
  local dir list mark stale fresh
  dir=$(case_dir linkfail)/filters
  list="$TEST_DIR/linkfail/list.txt"
  mkdir -p "$dir"
  printf '%s\n' "$A_REF" >"$list"
  printf 'mine\n' >"$dir/$(link_name "$A_REF")"
  stale="$dir/.${B_DIGEST#sha256:}.wasm.coras-Ab12Cd"
  fresh="$dir/.${B_DIGEST#sha256:}.wasm.coras-Ef34Gh"
  printf 'partial' >"$stale"
  printf 'partial' >"$fresh"
  touch -d '1 hour ago' "$stale"
  run_coras sync --list "$list" --dir "$dir" --prune
  assert_rc 1
  assert_contains "$ERR" "sync $A_REF: link: "
  assert_file_eq "$STAGE/filter.wasm" "$dir/${A_DIGEST#sha256:}.wasm"
  assert_contains "$OUT" "Pruned $stale"
  assert_no_path "$stale"
  assert_file_content "$fresh" "partial"
  mark=$(log_mark)
  run_coras sync --list "$list" --dir "$dir" --prune
  assert_rc 1
  assert_eq "" "$(blob_gets "$mark")" "blob GETs of the second run"
  assert_file_content "$dir/$(link_name "$A_REF")" $'mine\n'
}

# --- list forms ---------------------------------------------------------------------------------

test_configmap_yaml()
{
  local dir list
  dir=$(case_dir cm-yaml)/filters
  list="$TEST_DIR/cm-yaml/filters.yaml"
  cat >"$list" <<YAML
apiVersion: v1
kind: ConfigMap
metadata:
  name: wasm-filters
  namespace: istio-system
  labels:
    app.kubernetes.io/name: coras
data:
  header: "$A_REF"
  more: |
    # one a line
    $B_REF
YAML
  run_coras sync --list "$list" --dir "$dir"
  assert_rc 0
  assert_synced "$dir" "$A_REF" "$A_DIGEST" "$STAGE/filter.wasm"
  assert_synced "$dir" "$B_REF" "$B_DIGEST" "$STAGE/filter.wasm"
}

test_configmap_json_and_format_json()
{
  local dir list out
  dir=$(case_dir cm-json)/filters
  list="$TEST_DIR/cm-json/filters.json"
  printf '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"f"},"data":{"a":"%s","bad":"%s"}}\n' \
    "$A_REF" "$BAD_REF" >"$list"
  run_coras sync --list "$list" --dir "$dir" --format json
  assert_rc 1
  out="$TEST_DIR/cm-json/out.json"
  cp "$OUT_FILE" "$out"
  assert_eq 2 "$(json_query "$out" "len(d['references'])")" "references in the report"
  assert_eq "$A_REF downloaded $A_DIGEST $dir/${A_DIGEST#sha256:}.wasm $dir/$(link_name "$A_REF")" \
    "$(json_query "$out" "' '.join(str(d['references'][0][k]) for k in ('reference', 'state', 'digest', 'file', 'link'))")" \
    "first entry"
  assert_eq "$BAD_REF failed resolve None" \
    "$(json_query "$out" "' '.join(str(d['references'][1][k]) for k in ('reference', 'state', 'step', 'digest'))")" \
    "second entry"
  assert_contains "$(json_query "$out" "d['references'][1]['error']")" "sync $BAD_REF: resolve:"
  assert_eq '[]' "$(json_query "$out" "d['pruned']")" "pruned"
  assert_synced "$dir" "$A_REF" "$A_DIGEST" "$STAGE/filter.wasm"
}

test_unreadable_lists_are_refused()
{
  local dir
  dir=$(case_dir bad-lists)
  printf 'kind: Secret\ndata:\n  a: b\n' >"$dir/secret.yaml"
  run_coras sync --list "$dir/secret.yaml" --dir "$dir/out"
  assert_rc 1
  assert_one_line_error "$dir/secret.yaml" "not a ConfigMap"
  assert_no_path "$dir/out"
  printf 'kind: ConfigMap\ndata:\n  a: >\n    folded\n' >"$dir/folded.yaml"
  run_coras sync --list "$dir/folded.yaml" --dir "$dir/out"
  assert_rc 1
  assert_one_line_error "$dir/folded.yaml" "line 3" "folded"
  run_coras sync --list "$dir/none.txt" --dir "$dir/out"
  assert_rc 1
  assert_one_line_error "$dir/none.txt"
}

# --- credentials --------------------------------------------------------------------------------

test_pull_secret_as_registry_config()
{
  local dir ref="$AUTH_REGISTRY/private/filter:v1" digest config secret_json secret_yaml list
  dir=$(case_dir secret)
  use_docker_config secret-empty
  push_module "$ref" filter.wasm -u puller -p "$PULL_PW" --ca-file "$CA_FILE"
  digest=$PUSHED
  printf '%s\n' "$ref" >"$dir/list.txt"
  config=$(printf '{"auths":{"%s":{"auth":"%s"}}}' "$AUTH_REGISTRY" \
    "$(printf 'puller:%s' "$PULL_PW" | base64 -w0)")
  register_secret "$(printf '%s' "$config" | base64 -w0)"
  secret_json="$dir/secret.json"
  printf '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"pull"},"type":"kubernetes.io/dockerconfigjson","data":{".dockerconfigjson":"%s"}}\n' \
    "$(printf '%s' "$config" | base64 -w0)" >"$secret_json"
  secret_yaml="$dir/secret.yaml"
  {
    printf 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\ntype: kubernetes.io/dockerconfigjson\n'
    printf 'data:\n  .dockerconfigjson: |\n'
    printf '%s' "$config" | base64 -w 40 | sed 's/^/    /'
  } >"$secret_yaml"

  # Without credentials the registry refuses.
  run_coras sync --list "$dir/list.txt" --dir "$dir/none" --ca-file "$CA_FILE"
  assert_rc 1
  assert_contains "$ERR" "Error: sync $ref: resolve:"
  for list in "$secret_json" "$secret_yaml"; do
    run_coras sync --list "$dir/list.txt" --dir "$dir/out" --ca-file "$CA_FILE" \
      --registry-config "$list"
    assert_rc 0
    assert_synced "$dir/out" "$ref" "$digest" "$STAGE/filter.wasm"
    rm -rf "$dir/out"
  done
  # The .dockerconfigjson content itself is a docker config file.
  printf '%s\n' "$config" >"$dir/dockerconfigjson"
  run_coras sync --list "$dir/list.txt" --dir "$dir/out" --ca-file "$CA_FILE" \
    --registry-config "$dir/dockerconfigjson"
  assert_rc 0
  assert_synced "$dir/out" "$ref" "$digest" "$STAGE/filter.wasm"
  # A Secret is never written: login into it is refused and leaves it as it was.
  cp "$secret_yaml" "$dir/before.yaml"
  run_coras_stdin "$PULL_PW"$'\n' login "$AUTH_REGISTRY" -u puller --password-stdin \
    --ca-file "$CA_FILE" --registry-config "$secret_yaml"
  assert_rc 1
  assert_file_eq "$dir/before.yaml" "$secret_yaml"
  assert_no_secret_leaked
}

# --- the loop -----------------------------------------------------------------------------------

test_interval_stops_on_sigterm()
{
  local dir pid rc=0 i
  dir=$(case_dir interval)
  printf '%s\n%s\n' "$A_REF" "$B_REF" >"$dir/list.txt"
  "$CORAS" sync --list "$dir/list.txt" --dir "$dir/out" --interval 1 \
    >"$dir/stdout" 2>"$dir/stderr" </dev/null &
  pid=$!
  # Wait for the second round to begin, so that the signal comes after a finished round.
  for ((i = 0; i < 100; i++)); do
    (($(grep -c '^Synced 2 of 2' "$dir/stdout" || true) >= 2)) && break
    sleep 0.1
  done
  kill -TERM "$pid"
  wait "$pid" || rc=$?
  assert_eq 0 "$rc" "exit status after SIGTERM (stderr: $(cat "$dir/stderr"))"
  (($(grep -c '^Synced 2 of 2' "$dir/stdout") >= 2)) || fail "fewer than two rounds: $(cat "$dir/stdout")"
  assert_synced "$dir/out" "$A_REF" "$A_DIGEST" "$STAGE/filter.wasm"
  assert_synced "$dir/out" "$B_REF" "$B_DIGEST" "$STAGE/filter.wasm"
  assert_eq 4 "$(find "$dir/out" -mindepth 1 | wc -l | tr -d ' ')" "entries (no temporary file left)"
}

run_test "three references, one bad; the second run downloads nothing" test_three_references_one_bad
run_test "a re-tagged reference moves its link; --prune removes only stale modules" \
  test_retag_updates_link_and_prune_removes_stale
run_test "--prune keeps a module whose link failed, removes a killed download's leftover" \
  test_prune_keeps_a_module_whose_link_failed
run_test "a ConfigMap in YAML" test_configmap_yaml
run_test "a ConfigMap in JSON, --format json" test_configmap_json_and_format_json
run_test "lists that cannot be read are refused on one line" test_unreadable_lists_are_refused
run_test "a Kubernetes pull secret as --registry-config" test_pull_secret_as_registry_config
run_test "--interval 1 ends cleanly on SIGTERM" test_interval_stops_on_sigterm
finish
