// Error texts for every body of the error catalogue in registry-facts.md §2d, as
// distribution 2.8.2 returns them, plus bodies that are not distribution's JSON.
#include "registry/error_response.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace oras;
using namespace oras::registry;

namespace {

http::Response response(long status, std::string body, http::Headers headers = {})
{
    http::Response r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    return r;
}

const std::string k_zero_one =
    "sha256:0000000000000000000000000000000000000000000000000000000000000001";

const Operation k_put_blob{"PUT", "blob sha256:ab12cd34ef56…", "127.0.0.1:5000/demo/wasm"};

} // namespace

TEST_CASE("registry::response_text for the distribution error catalogue")
{
    const auto text = [](long status, const std::string& body) {
        return response_text(response(status, body));
    };
    CHECK(
        text(
            404,
            R"({"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry","detail":")" +
                k_zero_one + R"("}]})") ==
        "BLOB_UNKNOWN: blob unknown to registry (" + k_zero_one + ")");
    CHECK(
        text(404, R"({"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry"}]})") ==
        "BLOB_UNKNOWN: blob unknown to registry");
    CHECK(
        text(
            404,
            R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"nope"}}]})") ==
        "MANIFEST_UNKNOWN: manifest unknown (Tag=nope)");
    CHECK(
        text(
            404,
            R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Name":"demo/wasm","Revision":")" +
                k_zero_one + R"("}}]})") ==
        "MANIFEST_UNKNOWN: manifest unknown (Name=demo/wasm, Revision=" + k_zero_one + ")");
    CHECK(text(404, R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]})") ==
          "MANIFEST_UNKNOWN: manifest unknown");
    CHECK(
        text(
            404,
            R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"OCI manifest found, but accept header does not support OCI manifests"}]})") ==
        "MANIFEST_UNKNOWN: OCI manifest found, but accept header does not support OCI manifests");
    CHECK(
        text(
            400,
            R"({"errors":[{"code":"MANIFEST_BLOB_UNKNOWN","message":"blob unknown to registry","detail":"sha256:aa"},)"
            R"({"code":"MANIFEST_BLOB_UNKNOWN","message":"blob unknown to registry","detail":"sha256:bb"}]})") ==
        "MANIFEST_BLOB_UNKNOWN: blob unknown to registry (sha256:aa, sha256:bb)");
    CHECK(
        text(
            400,
            R"({"errors":[{"code":"MANIFEST_INVALID","message":"manifest invalid","detail":{"Offset":2}}]})") ==
        "MANIFEST_INVALID: manifest invalid (Offset=2)");
    CHECK(
        text(
            400,
            R"({"errors":[{"code":"MANIFEST_INVALID","message":"manifest invalid","detail":{}}]})") ==
        "MANIFEST_INVALID: manifest invalid");
    CHECK(
        text(
            400,
            R"({"errors":[{"code":"MANIFEST_INVALID","message":"manifest invalid","detail":"http: request body too large"}]})") ==
        "MANIFEST_INVALID: manifest invalid (http: request body too large)");
    CHECK(
        text(
            400,
            R"({"errors":[{"code":"DIGEST_INVALID","message":"provided digest did not match uploaded content","detail":{"Digest":"sha256:aa","Reason":{}}}]})") ==
        "DIGEST_INVALID: provided digest did not match uploaded content (Digest=sha256:aa)");
    CHECK(
        text(
            400,
            R"({"errors":[{"code":"DIGEST_INVALID","message":"provided digest did not match uploaded content","detail":"digest missing"}]})") ==
        "DIGEST_INVALID: provided digest did not match uploaded content (digest missing)");
    CHECK(
        text(
            400,
            R"({"errors":[{"code":"DIGEST_INVALID","message":"provided digest did not match uploaded content","detail":"digest parsing failed"}]})") ==
        "DIGEST_INVALID: provided digest did not match uploaded content (digest parsing failed)");
    CHECK(
        text(
            400,
            R"({"errors":[{"code":"DIGEST_INVALID","message":"provided digest did not match uploaded content"}]})") ==
        "DIGEST_INVALID: provided digest did not match uploaded content");
    CHECK(
        text(
            404,
            R"({"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry","detail":{"name":"nope/repo"}}]})") ==
        "NAME_UNKNOWN: repository name not known to registry (name=nope/repo)");
    CHECK(text(404,
               R"({"errors":[{"code":"BLOB_UPLOAD_INVALID","message":"blob upload invalid"}]})") ==
          "BLOB_UPLOAD_INVALID: blob upload invalid");
    CHECK(
        text(
            404,
            R"({"errors":[{"code":"BLOB_UPLOAD_UNKNOWN","message":"blob upload unknown to registry","detail":{}}]})") ==
        "BLOB_UPLOAD_UNKNOWN: blob upload unknown to registry");
    CHECK(
        text(
            401,
            R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]})") ==
        "UNAUTHORIZED: authentication required");
    CHECK(
        text(
            401,
            R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":[{"Type":"repository","Class":"","Name":"demo/wasm","Action":"pull"},{"Type":"repository","Class":"","Name":"demo/wasm","Action":"push"}]}]})") ==
        "UNAUTHORIZED: authentication required (repository:demo/wasm:pull "
        "repository:demo/wasm:push)");
    CHECK(
        text(
            403,
            R"({"errors":[{"code":"DENIED","message":"unknown manifest class for application/vnd.module.wasm.config.v1+json"}]})") ==
        "DENIED: unknown manifest class for application/vnd.module.wasm.config.v1+json");
    CHECK(
        text(405,
             R"({"errors":[{"code":"UNSUPPORTED","message":"The operation is unsupported."}]})") ==
        "UNSUPPORTED: The operation is unsupported.");
    CHECK(text(500, R"({"errors":[{"code":"UNKNOWN","message":"unknown error","detail":{}}]})") ==
          "UNKNOWN: unknown error");
    CHECK(
        text(401,
             R"({"errors":[{"code":"UNAUTHORIZED","message":"invalid username or password"}]})") ==
        "UNAUTHORIZED: invalid username or password");
}

TEST_CASE("registry::error_from_response")
{
    SUBCASE("the step, object, repository, status and registry text")
    {
        const Error error = error_from_response(
            response(
                400,
                R"({"errors":[{"code":"DIGEST_INVALID","message":"provided digest did not match uploaded content"}]})"),
            k_put_blob);
        CHECK(error.code == ErrorCode::http);
        CHECK(error.message == "PUT blob sha256:ab12cd34ef56… to 127.0.0.1:5000/demo/wasm: 400 "
                               "DIGEST_INVALID: provided digest did not match uploaded content");
        CHECK(error.hint.empty());
    }
    SUBCASE("401: a hint to log in; insufficient_scope names the action and the repository")
    {
        const Operation get{"GET", "manifest v1", "localhost:5000/demo/wasm"};
        const Error plain = error_from_response(
            response(401,
                     R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})",
                     {{"www-authenticate", R"(Basic realm="r")"}}),
            get);
        CHECK(plain.message == "GET manifest v1 from localhost:5000/demo/wasm: 401 UNAUTHORIZED: "
                               "authentication required");
        CHECK(plain.hint == "log in first (coras login localhost:5000) or pass -u/-p");
        const auto scope = response(
            401,
            "",
            {{"www-authenticate",
              R"(Bearer realm="r",scope="repository:demo/wasm:pull,push",error="insufficient_scope")"}});
        const Error put =
            error_from_response(scope, Operation{"PUT", "manifest v1", "localhost:5000/demo/wasm"});
        CHECK(put.code == ErrorCode::forbidden);
        CHECK(put.message == "PUT manifest v1 to localhost:5000/demo/wasm: 401 insufficient scope: "
                             "the credentials do not allow push to repository demo/wasm");
        CHECK(put.hint == "log in as a user with that access: coras login localhost:5000");
        CHECK(error_from_response(scope, get)
                  .message.find("do not allow pull from repository demo/wasm") !=
              std::string::npos);
    }
}

TEST_CASE("registry::error_from_response keeps the answer as fields")
{
    SUBCASE("status and registry codes, in the order sent")
    {
        const Error error = error_from_response(
            response(
                400,
                R"({"errors":[{"code":"MANIFEST_BLOB_UNKNOWN","message":"blob unknown to registry","detail":"sha256:aa"},)"
                R"({"code":"MANIFEST_INVALID","message":"manifest invalid","detail":{"Offset":2}}]})"),
            k_put_blob);
        REQUIRE(error.http_status.has_value());
        CHECK(*error.http_status == 400);
        REQUIRE(error.registry_errors.size() == 2);
        CHECK(error.registry_errors[0] ==
              RegistryError{"MANIFEST_BLOB_UNKNOWN", "blob unknown to registry", "sha256:aa"});
        CHECK(error.registry_errors[1] ==
              RegistryError{"MANIFEST_INVALID", "manifest invalid", "Offset=2"});
        CHECK_FALSE(error.retry_after.has_value());
    }
    SUBCASE("a body that is no error document gives no registry errors")
    {
        const Error error =
            error_from_response(response(502, "<html>bad gateway</html>"), k_put_blob);
        CHECK(error.http_status == 502L);
        CHECK(error.registry_errors.empty());
    }
    SUBCASE("an insufficient_scope 401 keeps the status and the registry's codes")
    {
        const Error error = error_from_response(
            response(
                401,
                R"({"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]})",
                {{"www-authenticate", R"(Bearer realm="r",error="insufficient_scope")"}}),
            k_put_blob);
        CHECK(error.code == ErrorCode::forbidden);
        CHECK(error.http_status == 401L);
        REQUIRE(error.registry_errors.size() == 1);
        CHECK(error.registry_errors[0].code == "DENIED");
    }
    SUBCASE("429 with Retry-After in seconds")
    {
        const Error error = error_from_response(
            response(
                429,
                R"({"errors":[{"code":"TOOMANYREQUESTS","message":"pull rate limit exceeded"}]})",
                {{"retry-after", "120"}}),
            k_put_blob);
        CHECK(error.code == ErrorCode::http);
        CHECK(error.http_status == 429L);
        CHECK(error.retry_after == std::chrono::seconds(120));
        REQUIRE(error.registry_errors.size() == 1);
        CHECK(error.registry_errors[0].code == "TOOMANYREQUESTS");
    }
    SUBCASE("503 with Retry-After as an HTTP date, relative to the answer's Date")
    {
        const Error error =
            error_from_response(response(503,
                                         "",
                                         {{"date", "Wed, 02 Dec 2026 14:00:00 GMT"},
                                          {"retry-after", "Wed, 02 Dec 2026 14:01:30 GMT"}}),
                                k_put_blob);
        CHECK(error.retry_after == std::chrono::seconds(90));
    }
    SUBCASE("a garbage Retry-After is ignored")
    {
        const Error error =
            error_from_response(response(503, "", {{"retry-after", "soon, maybe"}}), k_put_blob);
        CHECK(error.http_status == 503L);
        CHECK_FALSE(error.retry_after.has_value());
    }
    SUBCASE("with_context keeps every field")
    {
        const Error error = error_from_response(
            response(429,
                     R"({"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]})",
                     {{"retry-after", "7"}}),
            k_put_blob);
        const Error wrapped = error.with_context("push demo");
        CHECK(wrapped.message == "push demo: " + error.message);
        CHECK(wrapped.code == error.code);
        CHECK(wrapped.hint == error.hint);
        CHECK(wrapped.http_status == 429L);
        CHECK(wrapped.retry_after == std::chrono::seconds(7));
        CHECK(wrapped.registry_errors == error.registry_errors);
        CHECK(wrapped.registry_errors.size() == 1);
    }
}

TEST_CASE("registry::short_digest")
{
    const Digest digest =
        Digest::sha256_from_hex("ab12cd34ef5678900000000000000000000000000000000000000000000000ff");
    CHECK(short_digest(digest) == "sha256:ab12cd34ef56…");
}

TEST_CASE("registry::response_text falls back to the body's text")
{
    CHECK(response_text(response(400, R"({"errors":[42, {"code":"X"}]})")) == "X");
    CHECK(response_text(response(400, R"({"errors":[]})")) == R"({"errors":[]})");
    CHECK(response_text(response(404, "404 page not found\n")) == "404 page not found");
}

TEST_CASE("registry::parse_registry_errors refuses bodies nested past the JSON limit")
{
    const auto body = [](std::size_t depth) {
        return R"({"errors":[{"code":"DENIED","message":"no"}],"x":)" + std::string(depth, '[') +
               std::string(depth, ']') + "}";
    };
    const auto errors = registry::parse_registry_errors(body(63));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "DENIED");
    CHECK(registry::parse_registry_errors(body(64)).empty());
    CHECK(registry::parse_registry_errors(std::string(1024 * 1024, '[')).empty());
}
