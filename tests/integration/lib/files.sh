# shellcheck shell=bash
# lib/files.sh: files and digests: sizes, JSON queries, per-case dirs, the example module.
# Sourced by ../lib.sh after the parts before it; not a suite, not to be sourced alone.

# Prints `sha256:<hex>` of FILE.
sha256_of()
{
  local sum
  sum=$(sha256sum -- "$1")
  printf 'sha256:%s\n' "${sum%% *}"
}

# Prints the size of FILE in bytes.
size_of()
{
  wc -c <"$1" | tr -d ' '
}

# json_query FILE EXPR: prints the Python expression EXPR evaluated with `d` = FILE's JSON
# (strings bare, everything else as JSON). Fails on invalid JSON.
json_query()
{
  "$PYTHON" - "$1" "$2" <<'EOF'
import json, sys
with open(sys.argv[1], "rb") as f:
    d = json.load(f)
v = eval(sys.argv[2], {"d": d})
print(v if isinstance(v, str) else json.dumps(v))
EOF
}

# Creates and prints a fresh directory `name` under the suite's temp dir.
case_dir()
{
  local dir="$TEST_DIR/$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  printf '%s\n' "$dir"
}

# Prints the path of the example filter module: $CORAS_EXAMPLE_WASM, or one assembled here from
# examples/filter/example-filter.wat with wat2wasm (skips when neither is possible).
example_wasm()
{
  local wat="$CORAS_SOURCE_DIR/examples/filter/example-filter.wat" out="$TEST_DIR/example-filter.wasm"
  if [[ -n ${CORAS_EXAMPLE_WASM:-} && -f $CORAS_EXAMPLE_WASM ]]; then
    printf '%s\n' "$CORAS_EXAMPLE_WASM"
    return
  fi
  if [[ ! -f $out ]]; then
    [[ -f $wat ]] || fail "example filter source $wat not found"
    command -v wat2wasm >/dev/null 2>&1 || skip "no example module and no wat2wasm to build one"
    wat2wasm "$wat" -o "$out" || fail "wat2wasm failed on $wat"
  fi
  printf '%s\n' "$out"
}

# stage_example DIR: copies runtime-config.json and example-filter.wasm into DIR (the layout the
# ASM guide's push command expects).
stage_example()
{
  local wasm
  wasm=$(example_wasm)
  mkdir -p "$1"
  cp -- "$CORAS_SOURCE_DIR/examples/filter/runtime-config.json" "$1/runtime-config.json"
  cp -- "$wasm" "$1/example-filter.wasm"
}

# push_example DIR REF [OPTION...]: from DIR (see stage_example), runs the ASM guide's command
#   coras push [OPTION...] REF --manifest-config runtime-config.json:<config type>
#     example-filter.wasm:<layer type>
# through run_coras (OUT, ERR, RC are set; the exit code is not checked).
push_example()
{
  local dir=$1 ref=$2 old_pwd=$PWD
  shift 2
  cd "$dir"
  run_coras push "$@" "$ref" --manifest-config "runtime-config.json:$WASM_CONFIG_TYPE" \
    "example-filter.wasm:$WASM_LAYER_TYPE"
  cd "$old_pwd"
}
