# shellcheck shell=bash
# lib/curl.sh: talking to the registry with curl.
# Sourced by ../lib.sh after the parts before it; not a suite, not to be sourced alone.

# Each helper passes REGISTRY_CURL_ARGS (empty for start_registry; --cacert for
# start_htpasswd_registry) to curl: add `-u USER:PASSWORD` or
# `-H "Authorization: Bearer $(token_for ...)"` for an auth registry.

# fetch_manifest REPO REF FILE: GETs the manifest bytes exactly as served into FILE.
fetch_manifest()
{
  curl -fsS "${REGISTRY_CURL_ARGS[@]}" --max-time 30 -H "Accept: $MANIFEST_ACCEPT" -o "$3" \
    "$REGISTRY_URL/v2/$1/manifests/$2" || fail "GET manifest $1:$2 failed"
}

# fetch_blob REPO DIGEST FILE: GETs a blob into FILE.
fetch_blob()
{
  curl -fsS "${REGISTRY_CURL_ARGS[@]}" --max-time 60 -o "$3" "$REGISTRY_URL/v2/$1/blobs/$2" ||
    fail "GET blob $1@$2 failed"
}

# head_manifest_digest REPO REF: prints the Docker-Content-Digest of a manifest HEAD.
head_manifest_digest()
{
  local headers digest
  headers=$(curl -fsSI "${REGISTRY_CURL_ARGS[@]}" --max-time 30 -H "Accept: $MANIFEST_ACCEPT" \
    "$REGISTRY_URL/v2/$1/manifests/$2") || fail "HEAD manifest $1:$2 failed"
  digest=$(printf '%s\n' "$headers" | tr -d '\r' |
    sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: *//p')
  [[ -n $digest ]] || fail "HEAD manifest $1:$2: no Docker-Content-Digest header"
  printf '%s\n' "$digest"
}

# upload_blob REPO FILE: pushes FILE as a blob (POST, then PUT ?digest=) and prints its digest.
upload_blob()
{
  local repo=$1 file=$2 digest location
  digest=$(sha256_of "$file")
  location=$(curl -fsS "${REGISTRY_CURL_ARGS[@]}" --max-time 30 -X POST -o /dev/null -D - \
    "$REGISTRY_URL/v2/$repo/blobs/uploads/" | tr -d '\r' | sed -n 's/^[Ll]ocation: *//p')
  [[ -n $location ]] || fail "POST blob upload to $repo: no Location"
  [[ $location == http* ]] || location="$REGISTRY_URL$location"
  if [[ $location == *\?* ]]; then location+="&digest=$digest"; else location+="?digest=$digest"; fi
  curl -fsS "${REGISTRY_CURL_ARGS[@]}" --max-time 60 -X PUT \
    -H 'Content-Type: application/octet-stream' --data-binary "@$file" -o /dev/null "$location" ||
    fail "PUT blob $digest to $repo failed"
  printf '%s\n' "$digest"
}

# put_manifest REPO REF FILE [MEDIA_TYPE]: PUTs FILE as a manifest and prints the served digest.
put_manifest()
{
  local headers digest
  headers=$(curl -fsS "${REGISTRY_CURL_ARGS[@]}" --max-time 30 -X PUT \
    -H "Content-Type: ${4:-$OCI_MANIFEST_TYPE}" --data-binary "@$3" -o /dev/null -D - \
    "$REGISTRY_URL/v2/$1/manifests/$2") ||
    fail "PUT manifest $1:$2 failed"
  digest=$(printf '%s\n' "$headers" | tr -d '\r' |
    sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: *//p')
  printf '%s\n' "$digest"
}
