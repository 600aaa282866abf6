# shellcheck shell=bash
# lib/secrets.sh: secrets: register_secret, redaction, assert_no_secret_leaked.
# Sourced by ../lib.sh after the parts before it; not a suite, not to be sourced alone.

# Every coras run's stdout and stderr, in order (run_coras appends; never holds its arguments'
# secrets, which redact_args masks).
CORAS_TRANSCRIPT="$TEST_DIR/coras-transcript.log"
: >"$CORAS_TRANSCRIPT"
# The secrets a suite used, one a line (register_secret adds; cases run in subshells, so a file).
SECRETS_FILE="$TEST_DIR/.secrets"
: >"$SECRETS_FILE"

# register_secret SECRET...: remembers each SECRET (a password, a token, a base64 user:password)
# for redact_args and assert_no_secret_leaked. Empty strings are ignored.
register_secret()
{
  local secret
  for secret in "$@"; do
    [[ -n $secret ]] && printf '%s\n' "$secret" >>"$SECRETS_FILE"
  done
  return 0
}

# redact_args ARGS...: prints each argument on its own line, with the value of -p/--password/
# --identity-token (separate or joined with `=`) and every registered secret replaced by ***.
redact_args()
{
  local arg mask_next=no secret
  local -a secrets=()
  mapfile -t secrets <"$SECRETS_FILE"
  for arg in "$@"; do
    if [[ $mask_next == yes ]]; then
      arg='***'
      mask_next=no
    fi
    case $arg in
      -p | --password | --identity-token) mask_next=yes ;;
      --password=* | --identity-token=*) arg="${arg%%=*}=***" ;;
    esac
    for secret in "${secrets[@]}"; do
      [[ -n $secret ]] && arg=${arg//"$secret"/***}
    done
    printf '%s\n' "$arg"
  done
}

# assert_no_secret_leaked [FILE...]: fails when $CORAS_TRANSCRIPT (and each FILE) holds a
# registered secret, or anything shaped like a JWT (`eyJ...`.`eyJ...`: an access token).
assert_no_secret_leaked()
{
  local file secret line n found='' jwt='eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}'
  local -a secrets=()
  mapfile -t secrets <"$SECRETS_FILE"
  ((${#secrets[@]} > 0)) || fail "no secret was registered: the check would prove nothing"
  for file in "$CORAS_TRANSCRIPT" "$@"; do
    [[ -f $file ]] || fail "missing $file"
    n=0
    for secret in "${secrets[@]}"; do
      n=$((n + 1))
      [[ -n $secret ]] || continue
      line=$(grep -nF -- "$secret" "$file" | head -n 1 | cut -d: -f1) || true
      [[ -z $line ]] || found+="  secret #$n (${#secret} chars) in $file, line $line"$'\n'
    done
    line=$(grep -nE -- "$jwt" "$file" | head -n 1 | cut -d: -f1) || true
    [[ -z $line ]] || found+="  a JWT in $file, line $line"$'\n'
  done
  [[ -z $found ]] || fail "secrets leaked:
$found"
  printf '  checked %s secrets against %s lines of coras output\n' "${#secrets[@]}" \
    "$(wc -l <"$CORAS_TRANSCRIPT" | tr -d ' ')"
}

# Prints the manifest digest from the last run_coras's `Digest: sha256:...` line, or fails.
printed_digest()
{
  local digest
  digest=$(sed -n 's/^Digest: *\(sha256:[0-9a-f]\{64\}\)[[:space:]]*$/\1/p' "$OUT_FILE" | tail -n 1)
  [[ -n $digest ]] || fail "coras ${CORAS_ARGS[*]}: no 'Digest: sha256:...' line on stdout:
$OUT"
  printf '%s\n' "$digest"
}
