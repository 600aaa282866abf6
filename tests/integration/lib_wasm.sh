# shellcheck shell=bash disable=SC2034 # (the constants and PUSHED_BY are for the suites)
# lib_wasm.sh: helpers of the Wasm suites (test_wasm_formats.sh, test_wasm_verify.sh). Source it
# after lib.sh:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#   source "$(dirname "${BASH_SOURCE[0]}")/lib_wasm.sh"
# It adds the media types of wasm-formats.md, runs the two Python tools next to this file
# (istio_layout_check.py: Istio's agent's verdict on a manifest; make_layouts.py: hand-made OCI
# layouts of every Wasm-in-OCI shape), copies OCI layouts into the registry, and makes broken
# modules for the verification cases.

WASM_TOOLS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ISTIO_CHECK="$WASM_TOOLS_DIR/istio_layout_check.py"
MAKE_LAYOUTS="$WASM_TOOLS_DIR/make_layouts.py"

# Media types (wasm-formats.md §1-§3). WASM_CONFIG_TYPE and WASM_LAYER_TYPE (the solo ones) come
# from lib.sh.
OCI_INDEX_TYPE='application/vnd.oci.image.index.v1+json'
OCI_IMAGE_CONFIG_TYPE='application/vnd.oci.image.config.v1+json'
OCI_TAR_GZIP_TYPE='application/vnd.oci.image.layer.v1.tar+gzip'
CNCF_CONFIG_TYPE='application/vnd.wasm.config.v0+json'
CNCF_LAYER_TYPE='application/wasm'
W2O_CONFIG_TYPE='application/vnd.wasm.config.v1+json'
W2O_LAYER_TYPE='application/vnd.wasm.content.layer.v1+wasm'
TITLE_KEY='org.opencontainers.image.title'

# --- Istio's verdict ------------------------------------------------------------------------------

# istio_check ARG...: runs istio_layout_check.py ARG...; sets ISTIO_OUT (its stdout) and ISTIO_RC
# (0 loads, 1 rejects). Fails on the tool's own errors (exit 2).
istio_check()
{
  local err="$TEST_DIR/.istio-check.stderr"
  ISTIO_RC=0
  ISTIO_OUT=$("$PYTHON" -B "$ISTIO_CHECK" "$@" 2>"$err") || ISTIO_RC=$?
  printf '  $ istio_layout_check.py %s  (exit %s)\n' "$*" "$ISTIO_RC"
  printf '%s\n' "$ISTIO_OUT" | sed -n '1,4s/^/    /p'
  ((ISTIO_RC == 0 || ISTIO_RC == 1)) ||
    fail "istio_layout_check.py $* failed (exit $ISTIO_RC): $(cat "$err")"
}

# istio_check_registry REPO REF [OPTION...]: istio_check against the suite's registry.
istio_check_registry()
{
  local repo=$1 ref=$2
  shift 2
  istio_check "$@" --registry "$REGISTRY_URL" "$repo" "$ref"
}

# assert_istio_loads [NEEDLE]: the last istio_check said `loads:` (and mentions NEEDLE, e.g. the
# path taken: extractOCIArtifactImage, extractOCIStandardImage, extractDockerImage).
assert_istio_loads()
{
  [[ $ISTIO_RC == 0 && $ISTIO_OUT == "loads: "* ]] ||
    fail "Istio should load this artifact; istio_layout_check.py said:
$ISTIO_OUT"
  [[ -z ${1:-} ]] || assert_contains "${ISTIO_OUT%%$'\n'*}" "$1" "Istio's path"
}

# assert_istio_rejects NEEDLE...: the last istio_check said `rejects:` with every NEEDLE in
# Istio's error text.
assert_istio_rejects()
{
  local needle
  [[ $ISTIO_RC == 1 && $ISTIO_OUT == "rejects: "* ]] ||
    fail "Istio should reject this artifact; istio_layout_check.py said:
$ISTIO_OUT"
  for needle in "$@"; do
    assert_contains "$ISTIO_OUT" "$needle" "Istio's error"
  done
}

# Prints the `checksum:` of the last istio_check: the hex WasmPlugin.sha256 must hold.
istio_checksum()
{
  local sum
  sum=$(sed -n 's/^checksum: *\([0-9a-f]\{64\}\)$/\1/p' <<<"$ISTIO_OUT")
  [[ -n $sum ]] || fail "no checksum line in istio_layout_check.py's output:
$ISTIO_OUT"
  printf '%s\n' "$sum"
}

# --- What coras printed ---------------------------------------------------------------------------

# Prints the name on the `Layout: <name>` line of the last run_coras's stdout (first word).
printed_layout()
{
  local line
  line=$(grep -m 1 '^Layout: ' "$OUT_FILE" || true)
  [[ -n $line ]] || fail "coras ${CORAS_ARGS[*]}: no 'Layout: <name>' line on stdout:
$OUT"
  line=${line#Layout: }
  line=${line#"${line%%[![:space:]]*}"}
  printf '%s\n' "${line%%[[:space:]]*}"
}

# assert_layout NAME: the last run_coras printed `Layout: NAME`.
assert_layout()
{
  local got
  got=$(printed_layout)
  assert_eq "$1" "$got" "Layout: line of coras ${CORAS_ARGS[*]}"
}

# assert_json FILE EXPR EXPECTED [WHAT]: json_query FILE EXPR prints EXPECTED.
assert_json()
{
  assert_eq "$3" "$(json_query "$1" "$2")" "${4:-$2 in $(basename "$1")}"
}

# assert_stdout_line PREFIX: the last run_coras's stdout has a line starting with PREFIX.
assert_stdout_line()
{
  grep -q -- "^$1" "$OUT_FILE" && return 0
  fail "coras ${CORAS_ARGS[*]}: no stdout line starting with [$1]:
$OUT"
}

# assert_only_wasm_file DIR NAME: NAME is the only *.wasm file anywhere under DIR.
assert_only_wasm_file()
{
  local found
  found=$(cd "$1" && find . -name '*.wasm' | sed 's#^\./##' | sort | tr '\n' ' ')
  assert_eq "$2 " "$found" "*.wasm files under $1"
}

# --- Blobs ----------------------------------------------------------------------------------------

# Prints `sha256:<hex>` of the gunzipped FILE (a layer's diff_id).
gunzip_sha256()
{
  local sum
  sum=$(gzip -dc -- "$1" | sha256sum) || fail "$1 is not gzip"
  printf 'sha256:%s\n' "${sum%% *}"
}

# tar_gz_entries FILE: prints a JSON list, one object per entry of the tar.gz FILE: name, type
# (file, dir, symlink, other), mode (octal string), uid, gid, uname, gname, mtime, size, sha256.
tar_gz_entries()
{
  "$PYTHON" -B - "$1" <<'EOF'
import hashlib, json, sys, tarfile
out = []
with tarfile.open(sys.argv[1], "r:gz") as tar:
    for m in tar.getmembers():
        kind = "file" if m.isfile() else "dir" if m.isdir() else "symlink" if m.issym() else "other"
        digest = None
        if m.isfile():
            digest = "sha256:" + hashlib.sha256(tar.extractfile(m).read()).hexdigest()
        out.append({"name": m.name, "type": kind, "mode": "%04o" % m.mode, "uid": m.uid,
                    "gid": m.gid, "uname": m.uname, "gname": m.gname, "mtime": m.mtime,
                    "size": m.size, "sha256": digest})
print(json.dumps(out))
EOF
}

# --- OCI layouts into the registry ----------------------------------------------------------------

# push_layout DIR TAG REPO: copies the manifest (or index, with its children) that DIR's
# index.json names TAG to $REGISTRY/REPO:TAG with `skopeo copy --all --preserve-digests`; when
# skopeo refuses the artifact (registry-facts.md §4; e.g. a Docker schema2 manifest in an OCI
# layout), pushes the blobs and manifests with curl instead (push_layout_with_curl). Sets
# PUSHED_BY (skopeo or curl).
push_layout()
{
  local dir=$1 tag=$2 repo=$3 log="$TEST_DIR/.skopeo.log"
  printf '  $ skopeo copy --all --preserve-digests oci:%s:%s docker://%s/%s:%s\n' \
    "$dir" "$tag" "$REGISTRY_ADDR" "$repo" "$tag"
  if skopeo --insecure-policy copy -q --all --preserve-digests --dest-tls-verify=false \
    "oci:$dir:$tag" "docker://$REGISTRY_ADDR/$repo:$tag" >"$log" 2>&1; then
    PUSHED_BY=skopeo
    return 0
  fi
  printf '  skopeo refused: %s\n  pushing the layout with curl instead\n' "$(tail -n 1 "$log")"
  push_layout_with_curl "$dir" "$tag" "$repo"
  PUSHED_BY=curl
}

# push_layout_with_curl DIR TAG REPO: uploads every blob of the manifest(s) that DIR's index.json
# names TAG (upload_blob), then PUTs child manifests by digest and the top one as TAG
# (put_manifest), each with its descriptor's media type.
push_layout_with_curl()
{
  local dir=$1 tag=$2 repo=$3 kind a b c
  local plan="$TEST_DIR/.layout-plan"
  "$PYTHON" -B - "$dir" "$tag" >"$plan" <<'EOF' || fail "cannot read the OCI layout $1"
import json, os, sys
layout, tag = sys.argv[1:]
blobs = os.path.join(layout, "blobs", "sha256")
def path(digest):
    return os.path.join(blobs, digest.split(":", 1)[1])
with open(os.path.join(layout, "index.json")) as f:
    index = json.load(f)
top = [d for d in index["manifests"]
       if d.get("annotations", {}).get("org.opencontainers.image.ref.name") == tag]
if len(top) != 1:
    sys.exit("no single manifest named %s in %s/index.json" % (tag, layout))
seen = set()
def walk(desc, ref):
    with open(path(desc["digest"]), "rb") as f:
        doc = json.load(f)
    if "manifests" in doc:
        for child in doc["manifests"]:
            walk(child, child["digest"])
    else:
        for blob in [doc["config"]] + doc.get("layers", []):
            if blob["digest"] not in seen:
                seen.add(blob["digest"])
                print("blob\t%s\t-" % path(blob["digest"]))
    media_type = desc.get("mediaType") or doc.get("mediaType")
    print("manifest\t%s\t%s\t%s" % (ref, media_type, path(desc["digest"])))
walk(top[0], tag)
EOF
  while IFS=$'\t' read -r kind a b c; do
    case $kind in
      blob) upload_blob "$repo" "$a" >/dev/null ;;
      manifest) put_manifest "$repo" "$a" "$c" "$b" >/dev/null ;;
    esac
  done <"$plan"
}

# layout_expect NAME KEY: prints layouts.json's KEY for layout NAME ($LAYOUTS_DIR/layouts.json).
layout_expect()
{
  json_query "$LAYOUTS_DIR/layouts.json" "d['$1'].get('$2', '')"
}

# --- The access log -------------------------------------------------------------------------------

# assert_no_uploads MARK: no POST, PUT, PATCH or DELETE reached the registry since log_mark's
# MARK (call log_sync first).
assert_no_uploads()
{
  local writes
  writes=$(log_since "$1" | grep -E '"(POST|PUT|PATCH|DELETE) /' || true)
  [[ -z $writes ]] || fail "coras ${CORAS_ARGS[*]} wrote to the registry:
$writes"
}

# --- Modules --------------------------------------------------------------------------------------

# wasm_fixture KIND OUT [SOURCE]: writes a module of KIND to OUT, derived from SOURCE (default the
# example filter) where KIND needs one:
#   bad-magic        "\0ASM" instead of "\0asm", the rest of SOURCE unchanged
#   bad-version      "\0asm" then version 2
#   truncated        SOURCE cut in the middle of its code section
#   section-past-end SOURCE whose first section declares twice the file's length
#   huge-count       SOURCE whose type section declares 0xFFFFFFF0 function types (and holds one)
#   component        an empty component: "\0asm" 0d 00 01 00
#   not-a-filter     (module (func (export "f"))): valid, but no proxy-wasm ABI
# Prints the byte offset the fault is at (0 where there is none).
wasm_fixture()
{
  local src=${3:-}
  [[ -n $src ]] || src=$(example_wasm)
  "$PYTHON" -B - "$1" "$2" "$src" <<'EOF' || fail "wasm_fixture $1 failed"
import sys

kind, out, src = sys.argv[1:]
with open(src, "rb") as f:
    module = f.read()

def leb(n):
    b = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        b.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(b)

def read_leb(data, pos):
    n = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        n |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return n, pos

def sections(data):
    pos = 8
    while pos < len(data):
        start, sid = pos, data[pos]
        size, body = read_leb(data, pos + 1)
        yield sid, start, body, size
        pos = body + size

offset = 0
if kind == "bad-magic":
    result = b"\x00ASM" + module[4:]
elif kind == "bad-version":
    result, offset = module[:4] + b"\x02\x00\x00\x00" + module[8:], 4
elif kind == "truncated":
    code = [s for s in sections(module) if s[0] == 10]
    if not code:
        sys.exit("no code section in " + src)
    _, _, body, size = code[0]
    offset = body + size // 2
    result = module[:offset]
elif kind == "section-past-end":
    sid, start, body, size = next(sections(module))
    result = module[:start + 1] + leb(2 * len(module)) + module[body:]
    offset = start
elif kind == "huge-count":
    sid, start, body, size = next(sections(module))
    if sid != 1:
        sys.exit("the first section of %s is not the type section" % src)
    content = leb(0xFFFFFFF0) + b"\x60\x00\x00"
    result = module[:start] + b"\x01" + leb(len(content)) + content + module[body + size:]
    offset = start + 1 + len(leb(len(content)))
elif kind == "component":
    result = b"\x00asm\x0d\x00\x01\x00"
elif kind == "not-a-filter":
    result = bytes.fromhex("0061736d01000000" "010401600000" "0302010007050101660000"
                           "0a040102000b")
else:
    sys.exit("unknown fixture kind " + kind)
with open(out, "wb") as f:
    f.write(result)
print(offset)
EOF
}
