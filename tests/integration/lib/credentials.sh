# shellcheck shell=bash
# lib/credentials.sh: stored credentials: the docker config file and its assertions.
# Sourced by ../lib.sh after the parts before it; not a suite, not to be sourced alone.

# Prints the docker config file coras uses: $DOCKER_CONFIG/config.json.
docker_config_file()
{
  printf '%s/config.json\n' "$DOCKER_CONFIG"
}

# use_docker_config NAME: gives the current case a fresh, empty $DOCKER_CONFIG
# ($TEST_DIR/NAME); a case runs in a subshell, so the change ends with it.
use_docker_config()
{
  DOCKER_CONFIG=$(case_dir "$1")
  export DOCKER_CONFIG
}

# assert_auth_entry FILE HOST USER PASSWORD: FILE (mode 600) has "auths": {HOST: {"auth":
# base64(USER:PASSWORD)}} as docker writes it, and PASSWORD nowhere in clear text.
assert_auth_entry()
{
  local file=$1 host=$2
  assert_file_mode "$file" 600
  assert_eq "$(printf '%s:%s' "$3" "$4" | base64 -w0)" \
    "$(json_query "$file" "d.get('auths', {}).get('$host', {}).get('auth', '(none)')")" \
    "auths[\"$host\"].auth in $file"
  assert_not_contains "$(cat -- "$file")" "$4" "$file"
}

# assert_no_stored_credential FILE HOST: FILE is absent, or its auths entry for HOST is absent or
# holds no secret (no auth, password, identitytoken or registrytoken).
assert_no_stored_credential()
{
  local file=$1 host=$2 fields
  [[ -e $file ]] || return 0
  fields=$(json_query "$file" "sorted(k for k, v in d.get('auths', {}).get('$host', {}).items()
    if k in ('auth', 'password', 'identitytoken', 'registrytoken') and v)")
  assert_eq '[]' "$fields" "secret fields of auths[\"$host\"] in $file"
}
