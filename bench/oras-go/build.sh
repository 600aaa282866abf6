#!/bin/sh
# Build orasgo-bench (the oras-go v1 peer used by bench/run.sh) fully offline.
#
# Usage: bench/oras-go/build.sh [OUTPUT_BINARY]
#   OUTPUT_BINARY defaults to ./orasgo-bench in the current directory
#   (pass a path inside your build dir to keep the source tree clean).
#
# Why GOPATH mode: there is no module proxy here. Debian ships Go libraries
# as source under /usr/share/gocode/src (golang-oras-oras-go-dev pulls in
# containerd, docker/cli, image-spec, logrus, x/sync, ... as -dev packages).
# With GO111MODULE=off, `go build` resolves every import path as a directory
# under $GOPATH/src, so GOPATH=/usr/share/gocode builds against exactly those
# sources and never touches the network; go.mod/go.sum/GOFLAGS=-mod=... play
# no part. The package itself lives outside GOPATH, which GOPATH mode accepts
# for a main package (it is built as a local "_/..." import path).
#
# Exit status: 0 built, 125 prerequisites missing (go toolchain or the Debian
# oras-go sources), anything else: compile failure.
set -eu

if ! command -v go >/dev/null 2>&1; then
    echo "build.sh: 'go' not found (apt-get install golang-go)" >&2
    exit 125
fi

SRC_DIR=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-orasgo-bench}
case $OUT in /*) ;; *) OUT=$(pwd)/$OUT ;; esac
GOCODE=${GOCODE:-/usr/share/gocode}

if [ ! -d "$GOCODE/src/oras.land/oras-go/pkg/oras" ]; then
    echo "build.sh: oras-go v1 sources not found under $GOCODE/src" \
         "(apt-get install golang-oras-oras-go-dev)" >&2
    exit 125
fi

# The build cache needs a writable place; when go cannot locate one (no HOME
# or XDG_CACHE_HOME: `go env GOCACHE` prints "off"), keep it next to the output.
if [ -z "${GOCACHE:-}" ] && [ "$(go env GOCACHE 2>/dev/null || echo off)" = off ]; then
    GOCACHE=$(dirname "$OUT")/.gocache
    export GOCACHE
fi

mkdir -p "$(dirname "$OUT")"
cd "$SRC_DIR"
# -p 1: one compile job at a time (shared 2-core machines); first build
# compiles ~200 packages of containerd/docker deps, later ones hit the cache.
GO111MODULE=off GOPATH="$GOCODE" GOFLAGS= GOPROXY=off \
    go build -p 1 -trimpath -o "$OUT" .
echo "built $OUT"
