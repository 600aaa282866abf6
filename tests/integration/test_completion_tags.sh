#!/usr/bin/env bash
# test_completion_tags.sh: the shell completions complete a registry reference's tag from the
# tags of the repository typed so far (issue 10: "references completed from the tags of the
# repository typed so far where that is cheap"): bash, zsh and fish each offer the real
# registry's tags after REGISTRY/REPOSITORY:, leave out the referrers tag schema's sha256-<hex>
# tags, pass the line's connection options on, and offer nothing (quickly) for a dead registry,
# a push file argument or an OCI layout.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry timeout
start_registry main

STAGE="$TEST_DIR/stage"
stage_example "$STAGE"
BASH_COMPLETION="$CORAS_SOURCE_DIR/completions/coras.bash"
ZSH_COMPLETION="$CORAS_SOURCE_DIR/completions/_coras"
FISH_COMPLETION="$CORAS_SOURCE_DIR/completions/coras.fish"
# The completions run `coras` from the line's first word: the binary under test, on PATH.
BIN_DIR="$TEST_DIR/bin"
mkdir -p "$BIN_DIR"
ln -s "$CORAS" "$BIN_DIR/coras"
export PATH="$BIN_DIR:$PATH"
REPO="$REGISTRY/comp/filter"

for tag in v1 v2 canary; do
  push_example "$STAGE" "$REPO:$tag"
  assert_rc 0
done
# A referrer under the tag schema: distribution 2.8 then holds a sha256-<hex> tag.
printf 'sig' >"$STAGE/sig.txt"
(cd "$STAGE" && run_coras attach --artifact-type application/vnd.example.sig "$REPO:v1" sig.txt)
assert_rc 0
run_coras repo tags "$REPO"
assert_contains "$OUT" "sha256-"

# bash_complete WORD...: what `_coras` offers for the line `WORD...` (the last word is completed),
# one a line, sorted; words are split at ':' as readline splits them (COMP_WORDBREAKS).
bash_complete()
{
  # shellcheck disable=SC2016 # expanded by the inner bash
  bash -c 'source "$1"; shift
           words=()
           for word in "$@"; do
             while [[ $word == *:* ]]; do words+=("${word%%:*}" ":"); word=${word#*:}; done
             words+=("$word")
           done
           COMP_WORDS=("${words[@]}"); COMP_CWORD=$((${#words[@]} - 1)); _coras
           printf "%s\n" "${COMPREPLY[@]}"' _ "$BASH_COMPLETION" "$@" | sed '/^$/d' | sort
}

test_bash_completes_tags()
{
  local offered
  offered=$(bash_complete coras pull "$REPO:")
  # readline replaces only the last piece (after the last ':'): the tags themselves.
  assert_eq $'canary\nv1\nv2' "$offered" "bash: coras pull $REPO:"
  offered=$(bash_complete coras pull "$REPO:v")
  assert_eq $'v1\nv2' "$offered" "bash: coras pull $REPO:v"
  offered=$(bash_complete coras manifest fetch --plain-http "$REPO:c")
  assert_eq "canary" "$offered" "bash: coras manifest fetch --plain-http $REPO:c"
  offered=$(bash_complete coras copy "$REPO:v1" "$REPO:c")
  assert_eq "" "$offered" "bash: copy's destination is not completed from tags"
  offered=$(bash_complete coras copy "$REPO:ca")
  assert_eq "canary" "$offered" "bash: copy's source"
  offered=$(bash_complete coras copy --from-plain-http "$REPO:ca")
  assert_eq "canary" "$offered" "bash: copy's source with --from-plain-http"
  # --from-plain-http=false reaches coras as --plain-http=false: https, which the registry does
  # not speak, so no tags.
  offered=$(bash_complete coras copy --from-plain-http=false "$REPO:ca")
  assert_eq "" "$offered" "bash: copy passes its --from- connection options on"
}

test_bash_offers_nothing_where_it_should_not()
{
  local offered start
  # A push FILE:MEDIATYPE argument is no reference, and an --oci-layout REF is a directory.
  offered=$(bash_complete coras push "$REPO:v1" "$REPO:")
  assert_not_contains "$offered" "v2"
  offered=$(bash_complete coras pull --oci-layout "$REPO:")
  assert_not_contains "$offered" "v1"
  # --plain-http=false: coras must use https, which the registry does not speak: no tags.
  offered=$(bash_complete coras pull --plain-http=false "$REPO:")
  assert_eq "" "$offered" "bash: the line's --plain-http=false reaches coras"
  # A dead registry: nothing, and no long wait.
  start=$SECONDS
  offered=$(bash_complete coras pull "localhost:$(free_port)/comp/filter:")
  assert_eq "" "$offered" "bash: a dead registry"
  ((SECONDS - start <= 5)) || fail "bash completion waited $((SECONDS - start)) s on a dead registry"
}

test_zsh_completes_tags()
{
  command -v zsh >/dev/null 2>&1 || skip "zsh is not installed"
  local offered
  # The completion function itself, with compsys's compadd/compset/_message stubbed: compadd
  # prints what it is given, compset -P strips as zsh would (longest match). As _arguments
  # leaves them after `*:: :->args`: words starts at the subcommand, service names coras.
  # shellcheck disable=SC2016 # expanded by zsh
  offered=$(zsh -fc 'setopt extendedglob
    source <(sed "\$d" "$1")
    compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }
    compset() { [[ $1 == -P ]] && IPREFIX=${PREFIX%:*}: && PREFIX=${PREFIX##*:}; }
    _message() { print -- "message: $*"; }
    words=(pull "$2:"); CURRENT=2; PREFIX="$2:"; service=coras
    _coras_reference' _ "$ZSH_COMPLETION" "$REPO" | sort)
  assert_eq $'canary\nv1\nv2' "$offered" "zsh: coras pull $REPO:"
  # shellcheck disable=SC2016 # expanded by zsh
  offered=$(zsh -fc 'setopt extendedglob
    source <(sed "\$d" "$1")
    compadd() { print -l -- "$@"; }
    compset() { :; }
    _message() { print -- "message: $*"; }
    words=(pull --plain-http=false "$2:"); CURRENT=3; PREFIX="$2:"; service=coras
    _coras_reference' _ "$ZSH_COMPLETION" "$REPO")
  assert_contains "$offered" "message: "
  assert_not_contains "$offered" "v1"
  # copy's source: its --from- options count, as --NAME, and the destination's do not.
  local line
  for line in "--from-plain-http=false:" "--to-plain-http=false:v1 v2 canary" "--plain-http=false:v1 v2 canary"; do
    # shellcheck disable=SC2016 # expanded by zsh
    offered=$(zsh -fc 'setopt extendedglob
      source <(sed "\$d" "$1")
      compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }
      compset() { :; }
      _message() { print -- "message: $*"; }
      words=(copy "$3" "$2:"); CURRENT=3; PREFIX="$2:"; service=coras
      _coras_copy_source' _ "$ZSH_COMPLETION" "$REPO" "${line%%:*}" | sed '/^message/d' | sort | tr '\n' ' ')
    assert_eq "$(printf '%s ' ${line#*:} | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ')" "$offered" "zsh: coras copy ${line%%:*} $REPO:"
  done
}

test_fish_completes_tags()
{
  command -v fish >/dev/null 2>&1 || skip "fish is not installed"
  local offered
  offered=$(fish --no-config -c 'source $argv[1]; complete -C"coras pull $argv[2]:"' \
    "$FISH_COMPLETION" "$REPO" | cut -f1 | sort)
  assert_eq "$(printf '%s\n' "$REPO:canary" "$REPO:v1" "$REPO:v2")" "$offered" "fish: coras pull $REPO:"
  offered=$(fish --no-config -c 'source $argv[1]; complete -C"coras resolve $argv[2]:v"' \
    "$FISH_COMPLETION" "$REPO" | cut -f1 | sort)
  assert_eq "$(printf '%s\n' "$REPO:v1" "$REPO:v2")" "$offered" "fish: coras resolve $REPO:v"
  # A group's subcommand and a flag's value are no positional.
  offered=$(fish --no-config -c 'source $argv[1]; complete -C"coras manifest fetch --platform linux/amd64 $argv[2]:v"' \
    "$FISH_COMPLETION" "$REPO" | cut -f1 | sort)
  assert_eq "$(printf '%s\n' "$REPO:v1" "$REPO:v2")" "$offered" "fish: coras manifest fetch --platform linux/amd64 $REPO:v"
  offered=$(fish --no-config -c 'source $argv[1]; complete -C"coras push $argv[2]:v1 $argv[2]:"' \
    "$FISH_COMPLETION" "$REPO" | cut -f1)
  assert_not_contains "$offered" "$REPO:v2"
  # copy's source takes its --from- options (as --NAME), the destination its --to- options.
  offered=$(fish --no-config -c 'source $argv[1]; complete -C"coras copy --from-plain-http=false $argv[2]:v"' \
    "$FISH_COMPLETION" "$REPO" | cut -f1)
  assert_eq "" "$offered" "fish: coras copy --from-plain-http=false $REPO:v"
  offered=$(fish --no-config -c 'source $argv[1]; complete -C"coras copy --to-plain-http=false $argv[2]:v"' \
    "$FISH_COMPLETION" "$REPO" | cut -f1 | sort)
  assert_eq "$(printf '%s\n' "$REPO:v1" "$REPO:v2")" "$offered" "fish: coras copy --to-plain-http=false $REPO:v"
  offered=$(fish --no-config -c 'source $argv[1]; complete -C"coras copy --from-plain-http=false $argv[2]:v1 $argv[2]:v"' \
    "$FISH_COMPLETION" "$REPO" | cut -f1 | sort)
  assert_eq "$(printf '%s\n' "$REPO:v1" "$REPO:v2")" "$offered" "fish: copy's destination with --from-plain-http=false"
}

run_test "bash completes a reference's tag from the registry" test_bash_completes_tags
run_test "bash completes no tags for files, layouts, a refused scheme or a dead registry" test_bash_offers_nothing_where_it_should_not
run_test "zsh completes a reference's tag from the registry" test_zsh_completes_tags
run_test "fish completes a reference's tag from the registry" test_fish_completes_tags
finish
