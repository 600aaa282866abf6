#!/usr/bin/env bash
# Installs, from Debian 12's archive, whatever coras needs to build, run its demo and run its
# tests, and nothing when all of it is already there. Needs root (or sudo).
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config git
  libcli11-dev libcurl4-openssl-dev libssl-dev nlohmann-json3-dev libfmt-dev doctest-dev
  libarchive-dev
  # the example filter and the demo
  wabt docker-registry curl ca-certificates
  # tests: peers, helpers and the token server
  skopeo python3 python3-jwt python3-cryptography python3-yaml apache2-utils openssl
  golang-docker-credential-helpers pass gnupg nodejs
  # test_docs_in_step.sh loads the zsh and fish completions in their shells
  zsh fish
  # test_render.sh checks rendered mesh resources against their CRD schemas
  python3-jsonschema
  # lint: .ci/format-check.sh and .ci/tidy.sh
  clang-format clang-tidy
  # .ci/sanitize.sh: the ASan/UBSan build and the libFuzzer targets
  clang-14 libclang-rt-14-dev
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ $status == installed ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root (missing: ${missing[*]})" >&2; exit 1; }
  sudo=(sudo)
fi
echo "Installing: ${missing[*]}"
# Keep package scripts from starting services (docker-registry's own on :5000) on this machine.
policy=/usr/sbin/policy-rc.d
added_policy=no
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"
  added_policy=yes
fi
trap '[[ $added_policy == yes ]] && "${sudo[@]}" rm -f "$policy"' EXIT
"${sudo[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
