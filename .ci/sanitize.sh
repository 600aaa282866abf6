#!/usr/bin/env bash
# Builds coras with clang in ./build-san under AddressSanitizer and UndefinedBehaviorSanitizer
# (CORAS_SANITIZE) with the libFuzzer targets (CORAS_BUILD_FUZZERS), then runs the unit,
# integration and fuzz tests there; lint already ran in ./build. Any sanitizer report, leak or
# fuzzer finding fails the run. tests/run.sh calls this after the main build's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
cxx=clang++-14
command -v "$cxx" >/dev/null || { echo "sanitize: $cxx is not installed (.ci/install-deps.sh)" >&2; exit 1; }
cmake -S . -B build-san -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DCORAS_SANITIZE=ON -DCORAS_BUILD_FUZZERS=ON >/dev/null
cmake --build build-san -j "$(nproc)"
# halt_on_error: the first report ends the process, so that a test sees a failing exit code.
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=print_suppressions=0
# examples/library, built by test_library_example.sh against this build's installed liboras,
# must be compiled by the same compiler to link its sanitizer runtimes.
export CXX=$cxx
ctest --test-dir build-san --output-on-failure -j 2 -LE lint "$@"
