#!/usr/bin/env bash
# test_library_example.sh: liboras as a library user gets it. `cmake --install` puts liboras
# into a temporary prefix; examples/library, a standalone CMake project, finds it there with
# find_package(oras), builds, pushes the example module into an OCI layout and reads the
# manifest back; what it prints must match the layout on disk.
#
# Needs the build tree (CORAS_BUILD_DIR, default: the one holding CORAS), cmake and a C++
# compiler; skipped (125) when cmake or the example module is missing.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CORAS_BUILD_DIR=${CORAS_BUILD_DIR:-$(cd "$(dirname "$CORAS")/.." && pwd)}
require_cmd cmake

# example_program: installs liboras and builds examples/library against it once per suite;
# prints the program's path.
example_program()
{
  local prefix="$TEST_DIR/prefix" build="$TEST_DIR/example-build" generator=()
  if [[ ! -x $build/oras-library-example ]]; then
    cmake --install "$CORAS_BUILD_DIR" --prefix "$prefix" >"$TEST_DIR/install.log" 2>&1 ||
      fail "cmake --install failed: $(tail -5 "$TEST_DIR/install.log")"
    command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
    cmake -S "$CORAS_SOURCE_DIR/examples/library" -B "$build" "${generator[@]}" \
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" >"$TEST_DIR/configure.log" 2>&1 ||
      fail "configuring examples/library failed: $(tail -20 "$TEST_DIR/configure.log")"
    cmake --build "$build" >"$TEST_DIR/build.log" 2>&1 ||
      fail "building examples/library failed: $(tail -30 "$TEST_DIR/build.log")"
  fi
  printf '%s\n' "$build/oras-library-example"
}

test_found_in_the_prefix()
{
  example_program >/dev/null
  # The package came from the install prefix, not from the build tree.
  assert_contains "$(grep '^oras_DIR:' "$TEST_DIR/example-build/CMakeCache.txt")" \
    "$TEST_DIR/prefix/" "oras_DIR"
  [[ -f $TEST_DIR/prefix/include/oras/ops/push.hpp ]] || fail "push.hpp not installed"
  # A private header of liboras/src/ops stays out of the prefix.
  [[ ! -e $TEST_DIR/prefix/include/oras/ops/artifact_plan.hpp ]] || fail "the private artifact_plan.hpp is installed"
}

test_push_and_read_back()
{
  local program module dir out pushed resolved indexed layer_digest
  program=$(example_program)
  module=$(example_wasm)
  dir=$(case_dir push)
  out=$("$program" "$module" "$dir/layout" v1) || fail "the example failed: $out"
  pushed=$(sed -n 's/^pushed //p' <<<"$out")
  resolved=$(sed -n 's/^resolved //p' <<<"$out")
  [[ $pushed == sha256:* ]] || fail "no pushed digest in: $out"
  assert_eq "$pushed" "$resolved" "digest the tag resolves to"
  indexed=$(json_query "$dir/layout/index.json" \
    '[m["digest"] for m in d["manifests"] if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == "v1"][0]')
  assert_eq "$indexed" "$pushed" "index.json's digest for v1"
  assert_eq "$(sha256sum <"$dir/layout/blobs/sha256/${pushed#sha256:}" | cut -d' ' -f1)" \
    "${pushed#sha256:}" "the manifest blob's hash"
  assert_contains "$out" "config $WASM_CONFIG_TYPE" "the example's output"
  layer_digest=$(sed -n "s|^layer $WASM_LAYER_TYPE ||p" <<<"$out")
  assert_eq "sha256:$(sha256sum <"$module" | cut -d' ' -f1)" "$layer_digest" "the module layer"
  # coras reads the same manifest from the layout.
  run_coras inspect --oci-layout "$dir/layout:v1" --format json
  assert_rc 0
  assert_eq "$pushed" "$(json_query "$OUT_FILE" 'd["digest"]')" "coras inspect's digest"
}

test_errors_exit_non_zero()
{
  local program dir rc=0
  program=$(example_program)
  dir=$(case_dir errors)
  "$program" "$dir/missing.wasm" "$dir/layout" v1 >"$dir/out" 2>"$dir/err" || rc=$?
  assert_eq 1 "$rc" "exit code for a missing module"
  assert_contains "$(cat "$dir/err")" "error: " "stderr"
  rc=0
  "$program" >/dev/null 2>&1 || rc=$?
  assert_eq 2 "$rc" "exit code without arguments"
}

# cmake --install with --prefix /usr into a DESTDIR, as a Debian package build does: the binary,
# the library, every public header, the CMake package, every man page and the three completions
# land where Debian looks for them, and the installed binary and bash completion work.
test_install_layout()
{
  local root="$TEST_DIR/destdir" usr libdir page header missing=()
  DESTDIR="$root" cmake --install "$CORAS_BUILD_DIR" --prefix /usr >"$TEST_DIR/destdir.log" 2>&1 ||
    fail "cmake --install into DESTDIR failed: $(tail -5 "$TEST_DIR/destdir.log")"
  usr="$root/usr"
  libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$CORAS_BUILD_DIR/CMakeCache.txt")
  [[ -x $usr/bin/coras ]] || missing+=(bin/coras)
  [[ -f $usr/$libdir/liboras.a ]] || missing+=("$libdir/liboras.a")
  [[ -f $usr/$libdir/cmake/oras/orasConfig.cmake ]] || missing+=("$libdir/cmake/oras/orasConfig.cmake")
  for header in "$CORAS_SOURCE_DIR"/liboras/include/oras/*.hpp "$CORAS_SOURCE_DIR"/liboras/include/oras/ops/*.hpp; do
    header=${header#"$CORAS_SOURCE_DIR"/liboras/include/}
    [[ -f $usr/include/$header ]] || missing+=("include/$header")
  done
  for page in "$CORAS_SOURCE_DIR"/man/*.1; do
    [[ -f $usr/share/man/man1/${page##*/} ]] || missing+=("share/man/man1/${page##*/}")
  done
  [[ -f $usr/share/bash-completion/completions/coras ]] || missing+=(share/bash-completion/completions/coras)
  [[ -f $usr/share/zsh/vendor-completions/_coras ]] || missing+=(share/zsh/vendor-completions/_coras)
  [[ -f $usr/share/fish/vendor_completions.d/coras.fish ]] || missing+=(share/fish/vendor_completions.d/coras.fish)
  ((${#missing[@]} == 0)) || fail "not installed: ${missing[*]}"
  assert_contains "$("$usr/bin/coras" --version)" "coras version"
  assert_contains "$(bash -c "source '$usr/share/bash-completion/completions/coras' && complete -p coras")" \
    "coras" "bash's completion spec after sourcing the installed file"
}

run_test "find_package(oras) finds the installed package" test_found_in_the_prefix
run_test "the example pushes a module into a layout and reads its manifest back" test_push_and_read_back
run_test "the example fails with exit 1 on an error" test_errors_exit_non_zero
run_test "cmake --install --prefix /usr puts every part where Debian expects it" test_install_layout
finish
