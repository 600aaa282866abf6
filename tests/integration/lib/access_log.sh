# shellcheck shell=bash
# lib/access_log.sh: the registry access log: marks, sync, lines since a mark.
# Sourced by ../lib.sh after the parts before it; not a suite, not to be sourced alone.

# Prints the number of lines in the registry log now (a mark for log_since).
log_mark()
{
  wc -l <"$REGISTRY_LOG" | tr -d ' '
}

# Makes sure every request answered so far is in the log: the registry writes an access-log
# line after the response, so a client may exit before its last line is written. Sends a
# uniquely-tagged request and waits for its line.
log_sync()
{
  local tag="sync-$RANDOM$RANDOM" i
  curl -sS "${REGISTRY_CURL_ARGS[@]}" -o /dev/null --max-time 5 "$REGISTRY_URL/v2/?$tag" || true
  for ((i = 0; i < 50; i++)); do
    grep -q -- "$tag" "$REGISTRY_LOG" && return 0
    sleep 0.1
  done
  fail "access log line for $tag never appeared in $REGISTRY_LOG"
}

# log_since MARK: prints the access-log request lines ("METHOD /path HTTP/1.1" status ...)
# written after MARK, without the log_sync probes.
log_since()
{
  tail -n "+$(($1 + 1))" "$REGISTRY_LOG" | grep -E '"(GET|HEAD|POST|PUT|PATCH|DELETE) /' |
    grep -v '/v2/?sync-' || true
}
