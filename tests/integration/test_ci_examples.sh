#!/usr/bin/env bash
# test_ci_examples.sh: examples/ci/publish.sh and the GitHub Actions and GitLab CI snippets that
# call it, run against a real docker-registry with htpasswd auth over TLS (issue 10, "Examples").
# The snippets' shell steps are taken out of the YAML and run as the CI would, with the secrets
# and the CI's own variables given in the environment.
# shellcheck source=lib.sh disable=SC2317 # (cases are called through run_test)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_cmd docker-registry curl htpasswd sha256sum "$PYTHON"
"$PYTHON" -c 'import yaml' 2>/dev/null || skip "python3-yaml is needed to read the CI snippets"

CI_USER=ci-bot
CI_PASSWORD="pw-$RANDOM-$RANDOM-secret"
register_secret "$CI_PASSWORD"
start_htpasswd_registry ci "$CI_USER:$CI_PASSWORD"
REGISTRY_CURL_ARGS+=(-u "$CI_USER:$CI_PASSWORD")

# A checkout as the CI sees it: the script under examples/ci/, the filter and its config at the
# top, and `coras` on PATH.
CHECKOUT="$TEST_DIR/checkout"
mkdir -p "$CHECKOUT/examples/ci" "$TEST_DIR/bin"
cp -- "$CORAS_SOURCE_DIR/examples/ci/publish.sh" "$CHECKOUT/examples/ci/"
stage_example "$CHECKOUT"
ln -s -- "$CORAS" "$TEST_DIR/bin/coras"
export PATH="$TEST_DIR/bin:$PATH"
export CORAS_FLAGS="--ca-file $CA_FILE"
export HOME="$TEST_DIR/home"
mkdir -p "$HOME"

# ci_steps FILE KIND: the shell of the snippet (KIND github: the run: of the step with id
# `publish` and the env of its job and step; gitlab: the script: of job publish-filter and its
# variables), as one bash script; ${{ secrets.X }} and ${{ vars.X }} read $X.
ci_steps()
{
  "$PYTHON" - "$1" "$2" <<'PY'
import re, shlex, sys, yaml
path, kind = sys.argv[1], sys.argv[2]
doc = yaml.safe_load(open(path))
if kind == "github":
    job = doc["jobs"]["publish"]
    step = next(s for s in job["steps"] if s.get("id") == "publish")
    env = {**job.get("env", {}), **step.get("env", {})}
    lines = [step["run"]]
else:
    job = doc["publish-filter"]
    env = job.get("variables", {})
    lines = job["script"]
expr = re.compile(r"\$\{\{\s*(?:secrets|vars)\.([A-Z_]+)\s*\}\}")
print("set -euo pipefail")
for key, value in env.items():
    value = str(value)
    if expr.fullmatch(value):
        print(f'export {key}="${{{expr.fullmatch(value).group(1)}}}"')
    else:
        print(f"export {key}={shlex.quote(value)}")
for line in lines:
    print(line)
PY
}

# run_in_checkout SCRIPT: runs bash SCRIPT in the checkout; sets RC, OUT and ERR.
run_in_checkout()
{
  RC=0
  (cd "$CHECKOUT" && bash -c "$1") >"$TEST_DIR/.ci.out" 2>"$TEST_DIR/.ci.err" || RC=$?
  OUT=$(cat "$TEST_DIR/.ci.out")
  ERR=$(cat "$TEST_DIR/.ci.err")
  printf '  exit %s\n  stdout: %s\n  stderr: %s\n' "$RC" "$OUT" "$ERR"
  assert_not_contains "$OUT$ERR" "$CI_PASSWORD"
}

test_publish_script()
{
  local digest
  rm -f "$CHECKOUT/publish-result.json"
  REGISTRY_USERNAME=$CI_USER REGISTRY_PASSWORD=$CI_PASSWORD GITHUB_OUTPUT="$TEST_DIR/gh-out" \
    run_in_checkout "examples/ci/publish.sh $REGISTRY/filters/example:v1"
  assert_rc 0
  digest=$(head_manifest_digest filters/example v1)
  assert_eq "$OUT" "$digest" "digest printed by publish.sh"
  assert_contains "$(cat "$TEST_DIR/gh-out")" "digest=$digest"
  assert_eq "$digest" "$(json_query "$CHECKOUT/publish-result.json" "d['digest']")" "digest in the result"
  assert_no_path "$HOME/.docker"
}

test_github_actions_snippet()
{
  local script digest
  script=$(ci_steps "$CORAS_SOURCE_DIR/examples/ci/github-actions.yml" github)
  script=${script//registry.example.com/$REGISTRY}
  : >"$TEST_DIR/gh-output"
  REGISTRY_USERNAME=$CI_USER REGISTRY_PASSWORD=$CI_PASSWORD GITHUB_REF_NAME=v1.2.3 \
    GITHUB_OUTPUT="$TEST_DIR/gh-output" run_in_checkout "$script"
  assert_rc 0
  digest=$(head_manifest_digest filters/example-filter v1.2.3)
  assert_eq "$(cat "$TEST_DIR/gh-output")" "digest=$digest" "the step's digest output"
}

test_gitlab_snippet()
{
  local script digest
  script=$(ci_steps "$CORAS_SOURCE_DIR/examples/ci/gitlab-ci.yml" gitlab)
  script=${script//registry.example.com/$REGISTRY}
  rm -f "$CHECKOUT/publish.env"
  REGISTRY_USERNAME=$CI_USER REGISTRY_PASSWORD=$CI_PASSWORD CI_COMMIT_TAG=v2.0.0 \
    run_in_checkout "$script"
  assert_rc 0
  digest=$(head_manifest_digest filters/example-filter v2.0.0)
  assert_eq "$(cat "$CHECKOUT/publish.env")" "PUBLISHED_DIGEST=$digest" "the dotenv report"
}

test_failures_stop_the_job()
{
  local code
  rm -f "$CHECKOUT/publish-result.json"
  : >"$TEST_DIR/gh-fail"
  REGISTRY_USERNAME=$CI_USER REGISTRY_PASSWORD=wrong GITHUB_OUTPUT="$TEST_DIR/gh-fail" \
    run_in_checkout "examples/ci/publish.sh $REGISTRY/filters/denied:v1"
  assert_ne 0 "$RC" "exit code with a wrong password"
  assert_contains "$ERR" "Error: "
  assert_contains "$ERR" "401"
  assert_no_path "$CHECKOUT/publish-result.json"
  assert_eq "" "$(cat "$TEST_DIR/gh-fail")" "GITHUB_OUTPUT after a failure"
  code=$(curl -s -o /dev/null -w '%{http_code}' "${REGISTRY_CURL_ARGS[@]}" \
    -H "Accept: $MANIFEST_ACCEPT" "$REGISTRY_URL/v2/filters/denied/manifests/v1")
  assert_eq 404 "$code" "the denied tag"

  REGISTRY_USERNAME=$CI_USER REGISTRY_PASSWORD=$CI_PASSWORD \
    run_in_checkout "examples/ci/publish.sh $REGISTRY/filters/example:v9 missing.wasm"
  assert_ne 0 "$RC" "exit code without the module"
  assert_contains "$ERR" "missing.wasm"

  # A dead registry: coras's error, and no result file.
  REGISTRY_USERNAME=$CI_USER REGISTRY_PASSWORD=$CI_PASSWORD \
    run_in_checkout "examples/ci/publish.sh 127.0.0.1:1/filters/example:v1"
  assert_ne 0 "$RC" "exit code against a dead registry"
  assert_contains "$ERR" "127.0.0.1:1"
  assert_no_path "$CHECKOUT/publish-result.json"
}

run_test "publish.sh logs in, pushes and prints the digest" test_publish_script
run_test "the GitHub Actions snippet publishes and sets the digest output" test_github_actions_snippet
run_test "the GitLab CI snippet publishes and writes the dotenv report" test_gitlab_snippet
run_test "a wrong password, a missing module or a dead registry stop the job" test_failures_stop_the_job
finish
