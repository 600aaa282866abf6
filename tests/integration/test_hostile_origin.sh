#!/usr/bin/env bash
# test_hostile_origin.sh: credentials stay with their origin. hostile_server.py plays a registry
# that aims token realms, blob redirects and upload locations elsewhere; other hostile_server.py
# instances, the "spies", record every request that reaches them (headers, client certificate).
# Each case asserts the outcome (a one-line error and exit 1, or a verified pull), that the
# output directory holds nothing it should not, and what reached each spy.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd openssl sha256sum "$PYTHON"
make_test_ca "$TEST_DIR/ca"

# A client certificate from the test CA, for mutual TLS (CN coras-test-client).
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TEST_DIR/client.key" \
  -out "$TEST_DIR/client.csr" -subj '/CN=coras-test-client' >/dev/null 2>&1
printf '%s\n' 'extendedKeyUsage=clientAuth' 'basicConstraints=critical,CA:FALSE' >"$TEST_DIR/client.ext"
openssl x509 -req -in "$TEST_DIR/client.csr" -CA "$CA_DIR/ca.crt" -CAkey "$CA_DIR/ca.key" \
  -set_serial "0x$(openssl rand -hex 8)" -days 2 -extfile "$TEST_DIR/client.ext" \
  -out "$TEST_DIR/client.crt" >/dev/null 2>&1 || fail "could not make the client certificate"
TLS=(--tls-cert "$CA_DIR/server.crt" --tls-key "$CA_DIR/server.key" --client-ca "$CA_DIR/ca.crt")
MTLS=(--ca-file "$CA_DIR/ca.crt" --cert-file "$TEST_DIR/client.crt" --key-file "$TEST_DIR/client.key")
HEADER=(-H "X-Registry-Only: header-SECRET")
PASSWORD=pw-SECRET
for secret in "$PASSWORD" header-SECRET tok-SECRET cookie-SECRET sig-SECRET; do
  register_secret "$secret"
done

start_hostile_server reg "${TLS[@]}"
REG="127.0.0.1:$HOSTILE_PORT" REG_LOG=$HOSTILE_LOG
start_hostile_server spy "${TLS[@]}"
SPY="127.0.0.1:$HOSTILE_PORT" SPY_LOG=$HOSTILE_LOG
start_hostile_server plain
PLAIN="127.0.0.1:$HOSTILE_PORT" PLAIN_LOG=$HOSTILE_LOG
start_hostile_server spyhttp
SPYHTTP="127.0.0.1:$HOSTILE_PORT" SPYHTTP_LOG=$HOSTILE_LOG
# Connecting to 0.0.0.0 (or [::]) reaches this host: this spy would see what got through.
start_hostile_server spy0 --bind 0.0.0.0
SPY0_PORT=$HOSTILE_PORT SPY0_LOG=$HOSTILE_LOG

# --- An artifact: one file, hello.txt ------------------------------------------------------------

printf 'hello from a hostile registry\n' >"$TEST_DIR/layer"
LAYER_DIGEST="sha256:$(sha256sum "$TEST_DIR/layer" | cut -d' ' -f1)"
LAYER_SIZE=$(wc -c <"$TEST_DIR/layer")
EMPTY_DIGEST=sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/vnd.test","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"%s","size":2},"layers":[{"mediaType":"text/plain","digest":"%s","size":%s,"annotations":{"org.opencontainers.image.title":"hello.txt"}}]}' \
  "$EMPTY_DIGEST" "$LAYER_DIGEST" "$LAYER_SIZE" >"$TEST_DIR/manifest"
MANIFEST_DIGEST="sha256:$(sha256sum "$TEST_DIR/manifest" | cut -d' ' -f1)"

# routes_serving AUTH_REGEX BLOB_ROUTE: the artifact's routes for requests whose Authorization
# matches AUTH_REGEX, the layer answered by BLOB_ROUTE (a JSON object without path), and a
# Basic challenge for everything else.
routes_serving()
{
  printf '[{"path": "^/v2/$", "headers_match": {"Authorization": "%s"}, "body": "{}"},
  {"path": "^/v2/x/manifests/(1|%s)$", "headers_match": {"Authorization": "%s"},
   "headers": {"Content-Type": "application/vnd.oci.image.manifest.v1+json",
               "Docker-Content-Digest": "%s"}, "body_file": "%s"},
  {"path": "^/v2/x/blobs/%s$", "headers_match": {"Authorization": "%s"}, "body": "{}"},
  dict(%s, path="^/v2/x/blobs/%s$", headers_match={"Authorization": "%s"}),
  {"path": "^/v2/", "status": 401, "headers": {"WWW-Authenticate": "Basic realm=\\"hostile\\""}}]' \
    "$1" "$MANIFEST_DIGEST" "$1" "$MANIFEST_DIGEST" "$TEST_DIR/manifest" "$EMPTY_DIGEST" "$1" \
    "$2" "$LAYER_DIGEST" "$1" | "$PYTHON" -c 'import json, sys; print(json.dumps(eval(sys.stdin.read())))'
}

# redirect_to URL: a BLOB_ROUTE that sends the layer elsewhere.
redirect_to()
{
  printf '{"status": 307, "headers": {"Location": "%s"}}' "$1"
}

reset_logs()
{
  : >"$REG_LOG"
  : >"$SPY_LOG"
  : >"$PLAIN_LOG"
  : >"$SPYHTTP_LOG"
  : >"$SPY0_LOG"
}

# bearer_registry REALM: the plain registry challenges every request for a token from REALM.
bearer_registry()
{
  hostile_routes plain "[{\"path\": \"^/v2/\", \"status\": 401, \"headers\": {\"WWW-Authenticate\": \"Bearer realm=\\\"$1\\\",service=\\\"hostile\\\"\"}}]"
}

# --- Cases ---------------------------------------------------------------------------------------

test_redirect_gets_nothing_of_the_registry()
{
  reset_logs
  hostile_routes reg "$(routes_serving '^Basic ' "$(redirect_to "https://$SPY/storage/layer?X-Amz-Signature=sig-SECRET")")"
  hostile_routes spy '[{"path": "^/storage/layer", "body_file": "'"$TEST_DIR/layer"'"}]'
  local out
  out=$(case_dir redirect-ok)
  run_coras_stdin "$PASSWORD" pull "$REG/x:1" -o "$out" -u alice --password-stdin "${MTLS[@]}" \
    "${HEADER[@]}" --debug
  assert_rc 0
  assert_file_eq "$TEST_DIR/layer" "$out/hello.txt"
  assert_contains "$(cat "$REG_LOG")" '"client_cert": "coras-test-client"' "the registry's log"
  assert_contains "$(cat "$REG_LOG")" 'header-SECRET' "the registry's log"
  assert_eq 1 "$(hostile_requests "$SPY_LOG")" "requests at the redirect target"
  assert_log_lacks "$SPY_LOG" '"client_cert": "coras' "the redirect target"
  assert_log_lacks "$SPY_LOG" 'header-SECRET' "the redirect target"
  assert_log_lacks "$SPY_LOG" '"authorization"' "the redirect target"
  assert_not_contains "$ERR" "sig-SECRET" "--debug output"
  assert_no_secret_leaked
}

test_redirect_https_to_http()
{
  reset_logs
  hostile_routes reg "$(routes_serving '^Basic ' "$(redirect_to "http://$SPYHTTP/storage/layer")")"
  local out
  out=$(case_dir redirect-downgrade)
  run_coras_stdin "$PASSWORD" pull "$REG/x:1" -o "$out" -u alice --password-stdin "${MTLS[@]}"
  assert_rc 1
  assert_error_line "refusing a redirect from https to plain http"
  assert_empty_or_absent_dir "$out"
  assert_nothing_reached "$SPYHTTP_LOG" "the plain-http redirect target"
}

test_redirect_loop()
{
  reset_logs
  hostile_routes reg "$(routes_serving '^Basic ' "$(redirect_to "/v2/x/blobs/$LAYER_DIGEST")")"
  local out
  out=$(case_dir redirect-loop)
  run_coras_stdin "$PASSWORD" pull "$REG/x:1" -o "$out" -u alice --password-stdin "${MTLS[@]}"
  assert_rc 1
  assert_error_line "more than 10 redirects"
  assert_empty_or_absent_dir "$out"
}

test_redirect_to_unspecified()
{
  reset_logs
  hostile_routes plain "$(routes_serving '^Basic ' "$(redirect_to "http://0.0.0.0:$SPY0_PORT/storage/layer")")"
  local out
  out=$(case_dir redirect-unspecified)
  run_coras_stdin "$PASSWORD" pull "$PLAIN/x:1" -o "$out" --plain-http -u alice --password-stdin
  assert_rc 1
  assert_error_line "refusing to connect to 0.0.0.0, an unspecified address"
  assert_empty_or_absent_dir "$out"
  assert_nothing_reached "$SPY0_LOG" "the listener on 0.0.0.0"
}

test_realm_elsewhere_gets_no_certificate_or_header()
{
  reset_logs
  hostile_routes reg '[{"path": "^/v2/$", "headers_match": {"Authorization": "^Bearer tok-SECRET$"}, "body": "{}"},
    {"path": "^/v2/", "status": 401, "headers": {"WWW-Authenticate": "Bearer realm=\"https://'"$SPY"'/token\",service=\"hostile\""}}]'
  hostile_routes spy '[{"path": "^/token", "headers": {"Content-Type": "application/json", "Set-Cookie": "session=cookie-SECRET; Path=/"}, "body": "{\"token\": \"tok-SECRET\"}"}]'
  run_coras_stdin "$PASSWORD" login "$REG" -u alice --password-stdin --registry-config \
    "$TEST_DIR/config.json" "${MTLS[@]}" "${HEADER[@]}" --debug
  assert_rc 0
  assert_eq 1 "$(hostile_requests "$SPY_LOG")" "requests at the token realm"
  assert_log_lacks "$SPY_LOG" '"client_cert": "coras' "the token realm"
  assert_log_lacks "$SPY_LOG" 'header-SECRET' "the token realm"
  assert_contains "$(cat "$REG_LOG")" 'Bearer tok-SECRET' "the registry's log"
  assert_log_lacks "$REG_LOG" 'cookie' "the registry"
  assert_log_lacks "$SPY_LOG" '"cookie"' "the token realm"
  assert_not_contains "$ERR" "tok-SECRET" "--debug output"
  assert_not_contains "$ERR" "cookie-SECRET" "--debug output"
}

# realm_refused REALM [ARGS...]: a token realm the registry names is refused before it is
# reached, with a one-line error naming the address; nothing lands in the output or at spy0.
realm_refused()
{
  local realm=$1 out
  shift
  reset_logs
  bearer_registry "$realm"
  out=$(case_dir realm-refused)
  run_coras_stdin "$PASSWORD" pull "$PLAIN/x:1" -o "$out" --plain-http -u alice \
    --password-stdin "$@"
  assert_rc 1
  assert_error_line "refusing to connect to"
  assert_empty_or_absent_dir "$out"
  assert_nothing_reached "$SPY0_LOG" "the listener on 0.0.0.0"
  assert_no_secret_leaked
}

test_realm_internal_addresses()
{
  local realm
  for realm in "http://0.0.0.0:$SPY0_PORT/token" "http://0:$SPY0_PORT/token" \
    "http://[::]:$SPY0_PORT/token" http://169.254.169.254/token http://0xa9fea9fe/token \
    http://2852039166/token http://0251.0376.0251.0376/token http://169.254.43518/token \
    'http://[::ffff:169.254.169.254]/token' http://10.0.0.1/token http://192.168.0.1/token \
    http://100.64.0.1/token 'http://[fd00::1]/token' 'http://[fe80::1]/token'; do
    realm_refused "$realm"
    assert_contains "$ERR" "for a registry on a loopback address"
  done
}

test_realm_host_names_resolving_inside()
{
  realm_refused http://metadata.test/token --resolve metadata.test:80:169.254.169.254
  assert_contains "$ERR" "169.254.169.254, a link-local address"
  realm_refused "http://sneaky.test:$SPY0_PORT/token" --resolve "sneaky.test:$SPY0_PORT:0.0.0.0"
  assert_contains "$ERR" "0.0.0.0, an unspecified address"
}

test_upload_location_elsewhere()
{
  reset_logs
  hostile_routes plain '[{"method": "POST", "path": "^/v2/x/blobs/uploads/", "status": 202,
    "headers": {"Location": "http://0.0.0.0:'"$SPY0_PORT"'/upload/1"}},
    {"method": "HEAD", "path": "^/v2/x/", "status": 404},
    {"path": "^/v2/$", "body": "{}"}]'
  local dir
  dir=$(case_dir upload)
  printf 'payload\n' >"$dir/payload.txt"
  cd "$dir"
  run_coras push "$PLAIN/x:1" payload.txt --plain-http
  assert_rc 1
  assert_error_line "refusing an upload location on another origin"
  assert_nothing_reached "$SPY0_LOG" "the listener on 0.0.0.0"
}

run_test "a blob redirect elsewhere gets no certificate, custom header or Authorization" \
  test_redirect_gets_nothing_of_the_registry
run_test "a redirect from https to http is refused" test_redirect_https_to_http
run_test "a redirect loop ends after 10 hops" test_redirect_loop
run_test "a redirect to 0.0.0.0 is refused before connecting" test_redirect_to_unspecified
run_test "a token realm elsewhere gets no certificate or custom header; no cookie is kept" \
  test_realm_elsewhere_gets_no_certificate_or_header
run_test "token realms on internal addresses are refused in every notation" \
  test_realm_internal_addresses
run_test "token realms behind host names that resolve inside are refused" \
  test_realm_host_names_resolving_inside
run_test "an upload location on another origin is refused" test_upload_location_elsewhere
finish
