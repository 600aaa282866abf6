#!/usr/bin/env bash
# bench/run.sh: how fast coras moves blobs, next to the tools it is measured against, in one run.
#
#   bench/run.sh [--runs N] [--small-runs N] [--quick] [--coras PATH] [--out FILE]
#
# Starts its own registry (Debian's docker-registry on 127.0.0.1, plain HTTP, no auth), restarted
# with wiped storage before every upload so that nothing is ever skipped as already there, and
# seeded once for the downloads. Each case runs every tool in turn, round after round (so that a
# slow minute hurts all tools alike), and reports the median wall time and the largest peak RSS
# (/usr/bin/time -v) of each. Peers:
#   curl     the same requests (POST, then a streamed `PUT -T` with ?digest=; GET to a file): the
#            practical limit of the loopback and the registry; it does not hash.
#   oras-go  oras-go 1.1.1 (Debian's golang-oras-oras-go-dev) through bench/oras-go, built here
#            offline; skipped when Go or oras-go is missing.
#   skopeo   `skopeo copy` from and to an OCI layout (--preserve-digests); skipped when missing.
# Cases: push and pull of a 256 MiB and a 1 GiB random blob; push of the example filter to a new
# repository; push and pull of 50 files of 1 MiB (coras at its default concurrency and at
# --concurrency 1). --quick leaves out the 1 GiB case and runs 3 rounds (dry runs of the script).
#
# Writes a Markdown table (with the machine it ran on) to --out (default bench/results.md) and to
# stdout. Timings are for reading, never asserted: tests do not time anything.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(cd "$here/.." && pwd)
runs=5
small_runs=20
quick=no
coras="$source_dir/build/cli/coras"
out="$here/results.md"
while (($#)); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --small-runs) small_runs=$2; shift 2 ;;
    --quick) quick=yes; runs=3; small_runs=5; shift ;;
    --coras) coras=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h | --help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
done

for cmd in /usr/bin/docker-registry curl python3 /usr/bin/time sha256sum; do
  command -v "$cmd" >/dev/null || { echo "bench: $cmd is needed" >&2; exit 1; }
done
[[ -x $coras ]] || { echo "bench: no coras at $coras (build it, or pass --coras)" >&2; exit 1; }
coras=$(cd "$(dirname "$coras")" && pwd)/$(basename "$coras")

work=$(mktemp -d /tmp/coras-bench.XXXXXX)
registry_pid=
cleanup()
{
  local status=$?
  if [[ -n $registry_pid ]]; then
    kill "$registry_pid" 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
results="$work/results.tsv"
: >"$results"

# --- The registry --------------------------------------------------------------------------------

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
registry="localhost:$port"
cat >"$work/registry.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
EOF

# registry_up [wipe]: (re)starts the registry, with empty storage when asked.
registry_up()
{
  local i
  if [[ -n $registry_pid ]]; then
    kill "$registry_pid" 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
  fi
  [[ ${1:-} == wipe ]] && rm -rf "$work/storage"
  /usr/bin/docker-registry serve "$work/registry.yml" >>"$work/registry.log" 2>&1 &
  registry_pid=$!
  for ((i = 0; i < 100; i++)); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/v2/" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "bench: the registry did not start: $(tail -5 "$work/registry.log")" >&2
  exit 1
}

# --- Peers ---------------------------------------------------------------------------------------

tools=(coras curl)
orasgo="$work/orasgo-bench"
if [[ -x $here/oras-go/build.sh ]] && "$here/oras-go/build.sh" "$orasgo" >"$work/orasgo-build.log" 2>&1; then
  tools+=(oras-go)
else
  echo "bench: oras-go skipped ($(tail -1 "$work/orasgo-build.log" 2>/dev/null))" >&2
fi
if command -v skopeo >/dev/null; then
  tools+=(skopeo)
else
  echo "bench: skopeo skipped (not installed)" >&2
fi

# curl_push_blob FILE REPO: the two-step monolithic upload of FILE, as coras does it. curl does
# not hash: the digest comes from FILE.sha256, written before the clock starts.
curl_push_blob()
{
  local digest location
  digest=sha256:$(cat "$1.sha256")
  location=$(curl -fsS -X POST -D - -o /dev/null "http://127.0.0.1:$port/v2/$2/blobs/uploads/" |
    tr -d '\r' | awk 'tolower($1) == "location:" { print $2 }')
  curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' -T "$1" \
    "$location&digest=$digest"
}

# measure CASE TOOL CMD...: runs CMD under /usr/bin/time and records wall seconds and peak RSS.
measure()
{
  local case=$1 tool=$2 stats="$work/time.out"
  shift 2
  if ! /usr/bin/time -f '%e %M' -o "$stats" "$@" >"$work/cmd.out" 2>&1; then
    echo "bench: $case/$tool failed: $(tail -3 "$work/cmd.out")" >&2
    exit 1
  fi
  printf '%s\t%s\t%s\n' "$case" "$tool" "$(tail -1 "$stats" | tr ' ' '\t')" >>"$results"
}

# --- Data ----------------------------------------------------------------------------------------

data="$work/data"
mkdir -p "$data/many"
head -c $((256 << 20)) /dev/urandom >"$data/blob-256m.bin"
[[ $quick == yes ]] || head -c $((1 << 30)) /dev/urandom >"$data/blob-1g.bin"
for ((i = 1; i <= 50; i++)); do head -c $((1 << 20)) /dev/urandom >"$data/many/f$i.bin"; done
for f in "$data"/*.bin "$data"/many/*.bin; do sha256sum "$f" | cut -d' ' -f1 >"$f.sha256"; done
many=()
for ((i = 1; i <= 50; i++)); do many+=("f$i.bin"); done
filter_dir="$source_dir/examples/filter"
filter_wasm="$source_dir/build/examples/example-filter.wasm"
[[ -f $filter_wasm ]] || { echo "bench: build the example filter first" >&2; exit 1; }
mkdir -p "$data/filter"
cp "$filter_wasm" "$data/filter/example-filter.wasm"
cp "$filter_dir/runtime-config.json" "$data/filter/runtime-config.json"
for f in "$data"/filter/*; do sha256sum "$f" | cut -d' ' -f1 >"$f.sha256"; done

# layout_of NAME FILE...: an OCI layout of FILE... (in the current directory) for skopeo's
# uploads, made once by coras; skopeo only reads it. Prints its path.
layout_of()
{
  local dir="$work/layout-$1"
  shift
  "$coras" push --oci-layout "$dir:v1" "$@" >>"$work/setup.log" 2>&1
  printf '%s\n' "$dir"
}

# --- Cases ---------------------------------------------------------------------------------------

# push_case NAME ROUNDS DIR FILE...: each tool uploads FILE... (from DIR) to a wiped registry.
push_case()
{
  local name=$1 rounds=$2 dir=$3 layout='' round tool n=0
  shift 3
  [[ " ${tools[*]} " == *" skopeo "* ]] && layout=$(cd "$dir" && layout_of "$name" "$@")
  for ((round = 1; round <= rounds; round++)); do
    for tool in "${tools[@]}"; do
      registry_up wipe
      n=$((n + 1))
      case $tool in
        coras) (cd "$dir" && measure "$name" coras "$coras" push "$registry/b/$name:r$n" "$@") ;;
        curl) (cd "$dir" && measure "$name" curl bash -c \
          "$(declare -f curl_push_blob); port=$port; for f in \"\$@\"; do curl_push_blob \"\$f\" b/$name; done" \
          _ "$@") ;;
        oras-go) (cd "$dir" && measure "$name" oras-go "$orasgo" push "$registry/b/$name:r$n" "$@") ;;
        skopeo) measure "$name" skopeo skopeo copy -q --preserve-digests --dest-tls-verify=false \
          "oci:$layout:v1" "docker://$registry/b/$name:r$n" ;;
      esac
      if [[ $tool == coras && $name == many-1m ]]; then
        registry_up wipe
        (cd "$dir" && measure "$name" "coras --concurrency 1" \
          "$coras" push --concurrency 1 "$registry/b/$name:c1-$n" "$@")
      fi
    done
  done
}

# pull_case NAME ROUNDS DIR FILE...: the artifact of FILE... is pushed once; each tool downloads it.
pull_case()
{
  local name=$1 rounds=$2 dir=$3 round tool dest="$work/dest" blobs
  shift 3
  registry_up wipe
  (cd "$dir" && "$coras" push "$registry/b/$name:v1" "$@" >>"$work/setup.log" 2>&1)
  blobs=$(cd "$dir" && sha256sum "$@" | cut -d' ' -f1 | tr '\n' ' ')
  for ((round = 1; round <= rounds; round++)); do
    for tool in "${tools[@]}"; do
      rm -rf "$dest" && mkdir -p "$dest"
      case $tool in
        coras) measure "$name" coras "$coras" pull "$registry/b/$name:v1" -o "$dest" ;;
        curl) measure "$name" curl bash -c \
          "for d in $blobs; do curl -fsS -o $dest/\$d http://127.0.0.1:$port/v2/b/$name/blobs/sha256:\$d; done" ;;
        oras-go) measure "$name" oras-go "$orasgo" pull "$registry/b/$name:v1" "$dest" ;;
        skopeo) measure "$name" skopeo skopeo copy -q --src-tls-verify=false \
          "docker://$registry/b/$name:v1" "oci:$dest/layout:v1" ;;
      esac
      if [[ $tool == coras && $name == many-1m ]]; then
        rm -rf "$dest" && mkdir -p "$dest"
        measure "$name" "coras --concurrency 1" \
          "$coras" pull --concurrency 1 "$registry/b/$name:v1" -o "$dest"
      fi
    done
  done
}

echo "bench: tools: ${tools[*]}; $runs rounds ($small_runs for small cases); data in $work" >&2
push_case push-256m "$runs" "$data" blob-256m.bin
pull_case pull-256m "$runs" "$data" blob-256m.bin
if [[ $quick == no ]]; then
  push_case push-1g "$runs" "$data" blob-1g.bin
  pull_case pull-1g "$runs" "$data" blob-1g.bin
fi
push_case push-filter "$small_runs" "$data/filter" example-filter.wasm runtime-config.json
push_case many-1m "$runs" "$data/many" "${many[@]}"
pull_case pull-many-1m "$runs" "$data/many" "${many[@]}"

# --- Report --------------------------------------------------------------------------------------

python3 - "$results" "$out" <<'EOF'
import collections, platform, statistics, subprocess, sys

rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    case, tool, wall, rss = line.rstrip("\n").split("\t")
    rows[(case, tool)].append((float(wall), int(rss)))
cases = list(dict.fromkeys(case for case, _ in rows))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
lines = [f"Machine: {cpu}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} CPUs, "
         f"{platform.system()} {platform.release()}; loopback, page cache warm.", "",
         "| case | tool | runs | median s | vs curl | vs oras-go | peak RSS MiB |",
         "|---|---|---|---|---|---|---|"]
for case in cases:
    medians = {tool: statistics.median(w for w, _ in v) for (c, tool), v in rows.items() if c == case}
    for (c, tool), values in rows.items():
        if c != case:
            continue
        m = medians[tool]
        vs = lambda peer: f"{m / medians[peer]:.2f}x" if peer in medians and medians[peer] > 0 else "-"
        rss = max(r for _, r in values) / 1024
        lines.append(f"| {case} | {tool} | {len(values)} | {m:.2f} | {vs('curl')} | {vs('oras-go')} | {rss:.1f} |")
text = "\n".join(lines) + "\n"
open(sys.argv[2], "w").write(text)
print(text)
EOF
