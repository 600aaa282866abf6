#!/usr/bin/env bash
# test_concurrency.sh: several blobs at once, and several coras at once. An artifact of many
# files pushes and pulls with --concurrency (and with --concurrency 1), every byte verified; 20
# coras processes pushing distinct and identical artifacts to one registry, then pulling them,
# all succeed; 20 pushes at once to one OCI layout keep every tag in index.json; an artifact of
# 2000 layers pulls under `ulimit -n 1024`.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry curl cmp head seq "$PYTHON"
start_registry concurrency

# many_files DIR COUNT KIB: COUNT files f1.bin... of KIB KiB of random bytes in DIR; sets FILES.
many_files()
{
  local i
  FILES=()
  for ((i = 1; i <= $2; i++)); do
    head -c "$(($3 * 1024))" /dev/urandom >"$1/f$i.bin"
    FILES+=("f$i.bin")
  done
}

# same_files SRC OUT: every file of FILES in OUT is byte for byte the one in SRC.
same_files()
{
  local f
  for f in "${FILES[@]}"; do
    cmp -s "$1/$f" "$2/$f" || fail "$2/$f differs from $1/$f"
  done
}

# wait_all PID...: waits for every PID (children of this shell); sets FAILED to how many exited
# non-zero.
wait_all()
{
  local pid
  FAILED=0
  for pid in "$@"; do
    wait "$pid" || FAILED=$((FAILED + 1))
  done
}

push_pull_many()
{
  local concurrency=$1 src out mark
  src=$(case_dir "src-$concurrency")
  many_files "$src" 30 256
  mark=$(log_mark)
  cd "$src"
  run_coras push "$REGISTRY/conc/many-$concurrency:v1" "${FILES[@]}" --concurrency "$concurrency"
  cd "$TEST_DIR"
  assert_rc 0
  log_sync
  # The 30 files and the empty config, each once.
  assert_eq 31 "$(log_since "$mark" | grep -cE '"PUT /v2/conc/many-'"$concurrency"'/blobs/uploads/[^ ]*digest=sha256:[0-9a-f]+ HTTP/1.1" 201 ')" \
    "blob uploads"
  out=$(case_dir "out-$concurrency")
  run_coras pull "$REGISTRY/conc/many-$concurrency:v1" -o "$out" --concurrency "$concurrency"
  assert_rc 0
  same_files "$src" "$out"
}

test_many_files_at_default_concurrency()
{
  push_pull_many 5
}

test_many_files_one_at_a_time()
{
  push_pull_many 1
}

test_twenty_processes_at_once()
{
  local shared i
  local -a pids=()
  shared=$(case_dir shared)
  head -c 300000 /dev/urandom >"$shared/same.bin"
  for ((i = 1; i <= 10; i++)); do
    mkdir -p "$TEST_DIR/p$i"
    head -c 200000 /dev/urandom >"$TEST_DIR/p$i/own.bin"
    (cd "$TEST_DIR/p$i" && "$CORAS" push "$REGISTRY/conc/distinct-$i:v1" own.bin \
      >"$TEST_DIR/p$i.out" 2>&1) &
    pids+=($!)
    (cd "$shared" && "$CORAS" push "$REGISTRY/conc/same:v$i" same.bin \
      >"$TEST_DIR/s$i.out" 2>&1) &
    pids+=($!)
  done
  wait_all "${pids[@]}"
  ((FAILED == 0)) || fail "$FAILED of 20 concurrent pushes failed: $(cat "$TEST_DIR"/p*.out "$TEST_DIR"/s*.out)"
  pids=()
  for ((i = 1; i <= 10; i++)); do
    "$CORAS" pull "$REGISTRY/conc/distinct-$i:v1" -o "$TEST_DIR/get-p$i" >/dev/null 2>&1 &
    pids+=($!)
    "$CORAS" pull "$REGISTRY/conc/same:v$i" -o "$TEST_DIR/get-s$i" >/dev/null 2>&1 &
    pids+=($!)
  done
  wait_all "${pids[@]}"
  ((FAILED == 0)) || fail "$FAILED of 20 concurrent pulls failed"
  for ((i = 1; i <= 10; i++)); do
    cmp -s "$TEST_DIR/p$i/own.bin" "$TEST_DIR/get-p$i/own.bin" || fail "distinct-$i differs"
    cmp -s "$shared/same.bin" "$TEST_DIR/get-s$i/same.bin" || fail "same:v$i differs"
  done
}

test_twenty_pushes_to_one_layout()
{
  local layout="$TEST_DIR/shared-layout" i tags
  local -a pids=()
  for ((i = 1; i <= 20; i++)); do
    mkdir -p "$TEST_DIR/l$i"
    printf 'file %s\n' "$i" >"$TEST_DIR/l$i/f.txt"
    (cd "$TEST_DIR/l$i" && "$CORAS" push --oci-layout "$layout:t$i" f.txt \
      >"$TEST_DIR/l$i.out" 2>&1) &
    pids+=($!)
  done
  wait_all "${pids[@]}"
  ((FAILED == 0)) || fail "$FAILED of 20 concurrent layout pushes failed: $(cat "$TEST_DIR"/l*.out)"
  tags=$("$PYTHON" -c 'import json, sys
index = json.load(open(sys.argv[1]))
print(" ".join(sorted(m["annotations"]["org.opencontainers.image.ref.name"]
                      for m in index["manifests"] if "annotations" in m)))' "$layout/index.json")
  assert_eq "$(printf 't%s\n' $(seq 1 20) | sort | tr '\n' ' ' | sed 's/ $//')" "$tags" \
    "tags in index.json"
  for ((i = 1; i <= 20; i++)); do
    run_coras pull --oci-layout "$layout:t$i" -o "$TEST_DIR/lout$i"
    assert_rc 0
    assert_file_eq "$TEST_DIR/l$i/f.txt" "$TEST_DIR/lout$i/f.txt"
  done
}

test_two_thousand_layers_under_ulimit()
{
  local src out i
  src=$(case_dir src-2000)
  out="$TEST_DIR/out-2000"
  for ((i = 1; i <= 2000; i++)); do printf 'layer %s\n' "$i" >"$src/l$i.txt"; done
  cd "$src"
  run_coras push "$REGISTRY/conc/layers:v1" l*.txt
  cd "$TEST_DIR"
  assert_rc 0
  # Each verified layer's descriptor is closed before the files are renamed into place.
  local rc=0
  (ulimit -n 1024 && exec "$CORAS" pull "$REGISTRY/conc/layers:v1" -o "$out" \
    >"$TEST_DIR/pull-2000.out" 2>"$TEST_DIR/pull-2000.err") || rc=$?
  assert_eq 0 "$rc" "pull of 2000 layers under ulimit -n 1024 ($(tail -1 "$TEST_DIR/pull-2000.err"))"
  assert_eq 2000 "$(find "$out" -type f | wc -l)" "files pulled"
  assert_file_eq "$src/l1.txt" "$out/l1.txt"
  assert_file_eq "$src/l2000.txt" "$out/l2000.txt"
}

run_test "30 files at the default concurrency" test_many_files_at_default_concurrency
run_test "30 files with --concurrency 1" test_many_files_one_at_a_time
run_test "20 coras processes at once on one registry" test_twenty_processes_at_once
run_test "20 coras pushes at once to one OCI layout: every tag kept" test_twenty_pushes_to_one_layout
run_test "2000 layers pull under ulimit -n 1024" test_two_thousand_layers_under_ulimit
finish
