#!/usr/bin/env bash
# test_docs_in_step.sh: the man pages (man/) and shell completions (completions/) stay in step
# with the CLI as `coras --help` describes it: every subcommand has a page and is completed, every
# flag of `coras <command> --help` (long and short) is documented in man/coras-<command>.1 and
# offered by completions/coras.bash, completions/_coras and completions/coras.fish, and no page
# or completion offers a flag coras does not have. Man pages are matched with `\-` read as `-`.
# A command group (`coras repo --help` lists subcommands `ls`, `tags`) has a page of its own,
# man/coras-<group>.1, naming each subcommand's page; each subcommand is checked as a command
# of its own: man/coras-<group>-<sub>.1 and `coras <group> <sub> --help`. A group may hold a
# group (`coras manifest index create`): its page is man/coras-manifest-index.1, checked alike.
#
# Needs only the built binary (CORAS) and the sources (CORAS_SOURCE_DIR); groff, zsh and fish
# checks are skipped case by case when those tools are missing.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
# shellcheck disable=SC2086,SC2013 # lists of flags and names are split on purpose
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MAN_DIR="$CORAS_SOURCE_DIR/man"
BASH_COMPLETION="$CORAS_SOURCE_DIR/completions/coras.bash"
ZSH_COMPLETION="$CORAS_SOURCE_DIR/completions/_coras"
FISH_COMPLETION="$CORAS_SOURCE_DIR/completions/coras.fish"

# --- What coras says about itself ----------------------------------------------------------------

# help_text [WORD...]: `coras [WORD...] --help` (a command, or a group and its subcommand),
# which must succeed.
help_text()
{
  local out
  out=$("$CORAS" "$@" --help) || fail "coras $* --help failed"
  printf '%s\n' "$out"
}

# subcommands [GROUP]: the names under "Subcommands:" in `coras [GROUP] --help`, one a line
# (without the aliases CLI11 lists after a comma: "ls, list").
subcommands()
{
  help_text "$@" | awk 'tolower($0) ~ /^subcommands:/ { on = 1; next }
                   on && /^[^ ]/ { on = 0 }
                   on && /^  +[a-z]/ { sub(/,$/, "", $1); print $1 }'
}

# flags COMMAND: every flag of `coras COMMAND --help` (long and short), one a line. CLI11 prints
# an option as "  -o,--output TEXT  description": the first field, split at commas.
flags()
{
  # shellcheck disable=SC2086 # "group sub" is two words
  help_text $1 | awk '/^  +-/ { print $1 }' | tr ',' '\n' | grep -E '^-' | sort -u
}

# long_flags COMMAND: the --flags of `coras COMMAND --help`.
long_flags()
{
  flags "$1" | grep -E '^--' || true
}

# positionals COMMAND: the names under "Positionals:" (REF, FILE).
positionals()
{
  # shellcheck disable=SC2086 # "group sub" is two words
  help_text $1 | awk 'tolower($0) ~ /^positionals:/ { on = 1; next }
                        on && /^[^ ]/ { on = 0 }
                        on && /^  +[A-Z]/ { print $1 }'
}

# --- Looking for a flag in a file ----------------------------------------------------------------

# man_text PAGE: the page's roff with font escapes removed and `\-` turned into `-`.
man_text()
{
  sed -e 's/\\f[BIRP1-4]//g' -e 's/\\f(..//g' -e 's/\\f\[[^]]*\]//g' -e 's/\\-/-/g' -- "$1"
}

# has_word TEXT WORD: WORD (a flag or name) occurs in TEXT, not as part of a longer flag.
has_word()
{
  grep -qE -- "(^|[^A-Za-z0-9_-])$2([^A-Za-z0-9_-]|\$)" <<<"$1"
}

# fish_has_flag TEXT FLAG: fish spells --long as `-l long` and -s as `-s s`.
fish_has_flag()
{
  local name
  if [[ $2 == --* ]]; then
    name=${2#--}
    grep -qE -- "(^|[[:space:]])(-l|--long-option)[[:space:]=]+$name([[:space:]]|\$)" <<<"$1"
  else
    name=${2#-}
    grep -qE -- "(^|[[:space:]])(-s|--short-option)[[:space:]=]+$name([[:space:]]|\$)" <<<"$1"
  fi
}

# all_long_flags: the --flags of every subcommand and of coras itself.
all_long_flags()
{
  local command
  {
    help_text | awk '/^  +-/ { print $1 }' | tr ',' '\n'
    for command in $SUBCOMMANDS; do
      long_flags "$command"
    done
    for command in "${NESTED[@]}"; do
      long_flags "$command"
    done
  } | grep -E '^--' | sort -u
}

# --- Cases ---------------------------------------------------------------------------------------

test_subcommands_listed()
{
  local list
  list=$(subcommands)
  [[ -n $list ]] || fail "coras --help lists no subcommand:
$(help_text)"
  printf '  subcommands: %s\n' "$(printf '%s ' $list)"
  assert_eq "$SUBCOMMANDS" "$list" "subcommands"
}

test_every_subcommand_has_a_page()
{
  local command page overview
  [[ -f $MAN_DIR/coras.1 ]] || fail "missing $MAN_DIR/coras.1"
  overview=$(man_text "$MAN_DIR/coras.1")
  for command in $SUBCOMMANDS; do
    page="$MAN_DIR/coras-$command.1"
    [[ -f $page ]] || fail "coras $command has no man page ($page)"
    grep -q "^\.TH CORAS\\\\-${command^^} 1 " "$page" ||
      fail "$page: .TH should name CORAS\\-${command^^} in section 1"
    has_word "$overview" "coras-$command" ||
      fail "man/coras.1 does not mention coras-$command"
  done
}

# Every page is a page of an existing command (no page left over after a command is removed).
test_no_page_without_a_command()
{
  local page name commands
  commands=" $(printf '%s ' $SUBCOMMANDS) $(printf '%s ' "${NESTED[@]// /-}")"
  for page in "$MAN_DIR"/coras-*.1; do
    [[ -e $page ]] || continue
    name=$(basename "$page" .1)
    name=${name#coras-}
    [[ $commands == *" $name "* ]] || fail "$page documents \"$name\", which coras --help does not list"
  done
}

# man/coras-CMD.1 documents every flag and positional of `coras CMD --help` (CMD "group sub":
# man/coras-group-sub.1).
check_man_page()
{
  local command=$1 page="$MAN_DIR/coras-${1// /-}.1" text flag name missing=()
  local all_flags all_positionals long
  all_flags=$(flags "$command")
  all_positionals=$(positionals "$command")
  long=$(long_flags "$command")
  [[ -f $page ]] || fail "missing $page"
  text=$(man_text "$page")
  for flag in $all_flags; do
    has_word "$text" "$flag" || missing+=("$flag")
  done
  for name in $all_positionals; do
    has_word "$text" "$name" || missing+=("$name")
  done
  ((${#missing[@]} == 0)) || fail "$page does not document: ${missing[*]}"
  # And the page documents no --flag that the command lacks.
  local known extra=()
  known=" $(printf '%s ' $long) "
  for flag in $(grep -oE -- '(^|[^A-Za-z0-9_-])--[a-z][a-z0-9-]*' <<<"$text" | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
    [[ $known == *" $flag "* ]] || extra+=("$flag")
  done
  ((${#extra[@]} == 0)) || fail "$page documents flags coras $command lacks: ${extra[*]}"
}

# FILE lists every flag of `coras CMD --help` (checker: has_word or fish_has_flag).
check_completion_lists_flags()
{
  local command=$1 file=$2 checker=$3 flag missing=() all_flags content
  all_flags=$(flags "$command")
  [[ -f $file ]] || fail "missing $file"
  content=$(cat -- "$file")
  for flag in $all_flags; do
    "$checker" "$content" "$flag" || missing+=("$flag")
  done
  ((${#missing[@]} == 0)) || fail "$(basename "$file") lacks flags of coras $command: ${missing[*]}"
}

# The bash completion, run: `coras CMD -<TAB>` offers exactly the flags of `coras CMD --help`.
check_bash_offers_flags()
{
  local command=$1 expected offered
  expected=$(flags "$command")
  # shellcheck disable=SC2016 # expanded by the inner bash
  offered=$(bash -c 'source "$1"; shift; COMP_WORDS=(coras "$@" -); COMP_CWORD=$#+1; _coras
                     printf "%s\n" "${COMPREPLY[@]}"' _ "$BASH_COMPLETION" $command | sort -u)
  assert_eq "$expected" "$offered" "bash completion of 'coras $command -'"
}

test_bash_offers_subcommands()
{
  local expected offered
  expected=$(printf '%s\n' $SUBCOMMANDS | sort)
  offered=$(bash -c 'source "$1"; COMP_WORDS=(coras ""); COMP_CWORD=1; _coras
                     printf "%s\n" "${COMPREPLY[@]}"' _ "$BASH_COMPLETION" | sort)
  assert_eq "$expected" "$offered" "bash completion of 'coras '"
  offered=$(bash -c 'source "$1"; complete -p coras' _ "$BASH_COMPLETION")
  assert_eq "complete -F _coras coras" "$offered" "bash completion registration"
}

test_zsh_fish_list_subcommands()
{
  local command
  for command in $SUBCOMMANDS; do
    grep -qE -- "'$command:" "$ZSH_COMPLETION" || fail "_coras does not offer the command $command"
    grep -qE -- "-a $command( |\$)" "$FISH_COMPLETION" || fail "coras.fish does not offer the command $command"
  done
}

test_fish_offers_flags()
{
  command -v fish >/dev/null 2>&1 || skip "fish not installed"
  local command expected offered
  for command in $SUBCOMMANDS; do
    expected=$(flags "$command")
    offered=$(fish -N -c "source '$FISH_COMPLETION'; complete -C 'coras $command -'" | cut -f1 | sort -u)
    assert_eq "$expected" "$offered" "fish completion of 'coras $command -'"
  done
  for command in "${NESTED[@]}"; do
    expected=$(flags "$command")
    offered=$(fish -N -c "source '$FISH_COMPLETION'; complete -C 'coras $command -'" | cut -f1 | sort -u)
    assert_eq "$expected" "$offered" "fish completion of 'coras $command -'"
  done
}

# A group's page names every subcommand's page; bash, zsh and fish complete its subcommands.
test_groups_document_and_complete_subcommands()
{
  local group sub page text expected offered dashed title
  ((${#GROUPS_[@]} > 0)) || skip "no command group"
  for group in "${GROUPS_[@]}"; do
    # "manifest index": page coras-manifest-index.1, title CORAS\-MANIFEST\-INDEX.
    dashed=${group// /-}
    title=${dashed^^}
    title=${title//-/\\\\-}
    page="$MAN_DIR/coras-$dashed.1"
    [[ -f $page ]] || fail "the command group $group has no man page ($page)"
    grep -q "^\.TH CORAS\\\\-$title 1 " "$page" ||
      fail "$page: .TH should name CORAS\\-${dashed^^} in section 1"
    text=$(man_text "$page")
    # shellcheck disable=SC2086 # "group sub" is two words
    expected=$(subcommands $group)
    for sub in $expected; do
      has_word "$text" "coras-$dashed-$sub" || fail "$page does not mention coras-$dashed-$sub"
      grep -qE -- "'$sub:" "$ZSH_COMPLETION" || fail "_coras does not offer coras $group $sub"
      grep -qE -- "-a $sub( |\$)" "$FISH_COMPLETION" || fail "coras.fish does not offer coras $group $sub"
    done
    # shellcheck disable=SC2016,SC2086 # expanded by the inner bash; "group sub" is two words
    offered=$(bash -c 'source "$1"; shift; COMP_WORDS=(coras "$@" ""); COMP_CWORD=$#+1; _coras
                       printf "%s\n" "${COMPREPLY[@]}"' _ "$BASH_COMPLETION" $group | sort)
    assert_eq "$(sort <<<"$expected")" "$offered" "bash completion of 'coras $group '"
  done
}

# No completion offers a long flag that no coras command has. (For bash and fish, the cases
# above already compare what `coras CMD -<TAB>` offers with the help, both ways; this reads the
# zsh specs and the fish `complete` lines, so it also works without zsh or fish.)
test_completions_offer_no_unknown_flag()
{
  local known flag extra=() all
  all=$(all_long_flags)
  known=" $(printf '%s ' $all) "
  for flag in $(grep -v '^[[:space:]]*#' "$ZSH_COMPLETION" |
    grep -oE -- '(^|[^A-Za-z0-9_-])--[a-z][a-z0-9-]*' | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
    [[ $known == *" $flag "* ]] || extra+=("_coras:$flag")
  done
  for flag in $(grep -E '^[[:space:]]*complete[[:space:]]' "$FISH_COMPLETION" |
    grep -oE -- '[[:space:]](-l|--long-option)[[:space:]=]+[a-z][a-z0-9-]*' |
    awk '{ sub(/.*[ =]/, ""); print "--" $0 }' | sort -u); do
    [[ $known == *" $flag "* ]] || extra+=("coras.fish:$flag")
  done
  ((${#extra[@]} == 0)) || fail "completions offer flags coras lacks: ${extra[*]}"
}

test_completion_syntax()
{
  bash -n "$BASH_COMPLETION" || fail "bash -n $BASH_COMPLETION"
  head -n 1 "$ZSH_COMPLETION" | grep -qx '#compdef coras' || fail "_coras must start with '#compdef coras'"
  if command -v zsh >/dev/null 2>&1; then
    zsh -n "$ZSH_COMPLETION" || fail "zsh -n $ZSH_COMPLETION"
  fi
  if command -v fish >/dev/null 2>&1; then
    fish -n "$FISH_COMPLETION" || fail "fish -n $FISH_COMPLETION"
  fi
}

test_man_pages_render_without_warnings()
{
  command -v groff >/dev/null 2>&1 || skip "groff not installed"
  local page warnings
  for page in "$MAN_DIR"/*.1; do
    warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    [[ -z $warnings ]] || fail "groff warns about $page:
$warnings"
  done
}

# Asked once, outside any case: a coras that cannot print its help fails the whole suite.
SUBCOMMANDS=$(subcommands)
[[ -n $SUBCOMMANDS ]] || fail "coras --help lists no subcommand"
# The command groups (commands whose help lists subcommands) and their subcommands, "group sub".
GROUPS_=()
NESTED=()
for group_ in $SUBCOMMANDS; do
  nested_=$(subcommands "$group_")
  [[ -n $nested_ ]] || continue
  GROUPS_+=("$group_")
  for sub_ in $nested_; do
    NESTED+=("$group_ $sub_")
    # A group within the group (manifest index): its subcommands are commands too.
    inner_=$(subcommands "$group_" "$sub_")
    [[ -n $inner_ ]] || continue
    GROUPS_+=("$group_ $sub_")
    for leaf_ in $inner_; do
      NESTED+=("$group_ $sub_ $leaf_")
    done
  done
done
unset group_ nested_ sub_ inner_ leaf_

# The per-command cases read the command from CMD (run_test takes a function name only).
case_man_page() { check_man_page "$CMD"; }
case_bash_lists_flags() { check_completion_lists_flags "$CMD" "$BASH_COMPLETION" has_word; }
case_zsh_lists_flags() { check_completion_lists_flags "$CMD" "$ZSH_COMPLETION" has_word; }
case_fish_lists_flags() { check_completion_lists_flags "$CMD" "$FISH_COMPLETION" fish_has_flag; }
case_bash_offers_flags() { check_bash_offers_flags "$CMD"; }

run_test "coras --help lists subcommands" test_subcommands_listed
run_test "every subcommand has a man page named in coras(1)" test_every_subcommand_has_a_page
run_test "every coras-*.1 page is of an existing subcommand" test_no_page_without_a_command
for CMD in $SUBCOMMANDS; do
  run_test "man/coras-$CMD.1 documents the flags of coras $CMD --help" case_man_page
  run_test "coras.bash lists the flags of coras $CMD" case_bash_lists_flags
  run_test "_coras lists the flags of coras $CMD" case_zsh_lists_flags
  run_test "coras.fish lists the flags of coras $CMD" case_fish_lists_flags
  run_test "bash completes 'coras $CMD -' to its flags" case_bash_offers_flags
done
for CMD in "${NESTED[@]}"; do
  run_test "man/coras-${CMD// /-}.1 documents the flags of coras $CMD --help" case_man_page
  run_test "coras.bash lists the flags of coras $CMD" case_bash_lists_flags
  run_test "_coras lists the flags of coras $CMD" case_zsh_lists_flags
  run_test "coras.fish lists the flags of coras $CMD" case_fish_lists_flags
  run_test "bash completes 'coras $CMD -' to its flags" case_bash_offers_flags
done
run_test "command groups have a page and complete their subcommands" test_groups_document_and_complete_subcommands
run_test "bash completes the subcommands" test_bash_offers_subcommands
run_test "zsh and fish complete the subcommands" test_zsh_fish_list_subcommands
run_test "fish completes each subcommand's flags" test_fish_offers_flags
run_test "completions offer no flag coras lacks" test_completions_offer_no_unknown_flag
run_test "completion scripts parse" test_completion_syntax
run_test "man pages render without groff warnings" test_man_pages_render_without_warnings
finish
