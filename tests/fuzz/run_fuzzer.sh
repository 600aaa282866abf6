#!/usr/bin/env bash
# run_fuzzer.sh FUZZER CORPUS SECONDS ARTIFACTS: runs the libFuzzer executable FUZZER for SECONDS
# on a temporary copy of the seed corpus CORPUS (the source tree is never written), with
# leak detection on. Exits non-zero on any crash, leak, timeout, out-of-memory or sanitizer
# report; the input that caused it is kept in ARTIFACTS (reproduce: FUZZER ARTIFACTS/crash-...).
set -euo pipefail
fuzzer=$1 corpus=$2 seconds=$3 artifacts=$4
[[ -d $corpus ]] || { echo "run_fuzzer: no seed corpus $corpus" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/coras-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/tmp" "$artifacts"
cp -R "$corpus/." "$work/corpus/"
# Whatever the caller set, leaks and UBSan findings stop the run (libFuzzer reports them).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:print_stacktrace=1"
# Targets that need files make them under TMPDIR, removed with the copy of the corpus.
TMPDIR="$work/tmp" "$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
  -print_final_stats=1 -print_funcs=0 -artifact_prefix="$artifacts/$(basename "$fuzzer")-" "$work/corpus"
