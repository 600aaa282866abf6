// Error texts for every body of the error catalogue in registry-facts.md §2d, as
// distribution 2.8.2 returns them, plus bodies that are not distribution's JSON.
#include "registry/error_response.hpp"

#include <doctest/doctest.h>

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

TEST_CASE("registry::response_text for other bodies")
{
    CHECK(response_text(response(
              404, "404 page not found\n", {{"content-type", "text/plain; charset=utf-8"}})) ==
          "404 page not found");
    CHECK(response_text(response(405, "Method not allowed")) == "Method not allowed");
    CHECK(response_text(response(400, "Client sent an HTTP request to an HTTPS server.\n")) ==
          "Client sent an HTTP request to an HTTPS server.");
    CHECK(response_text(response(502,
                                 "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n"
                                 "<body><center><h1>502 Bad Gateway</h1></center></body></html>",
                                 {{"content-type", "text/html"}})) == "502 Bad Gateway");
    CHECK(response_text(response(503, "<!DOCTYPE html><html><body>down</body></html>")).empty());
    CHECK(response_text(response(404, "")).empty());
    CHECK(response_text(response(404, " \r\n\t")).empty());
    CHECK(response_text(response(500, "\n\nsecond line first\nthird")) == "second line first");
    CHECK(response_text(response(400, "{not json")) == "{not json");
    CHECK(response_text(response(400, R"({"errors":"nope"})")) == R"({"errors":"nope"})");
    CHECK(response_text(response(400, R"({"errors":[]})")) == R"({"errors":[]})");
    CHECK(response_text(response(400, R"({"errors":[42, {"code":"X"}]})")) == "X");
    CHECK(response_text(response(400, R"([1,2,3])")) == "[1,2,3]");
    CHECK(response_text(response(500,
                                 std::string("bin\x01\x02"
                                             "ary\x7f",
                                             9))) == "bin ary");

    SUBCASE("long bodies are clipped")
    {
        const std::string text = response_text(response(500, std::string(5000, 'x')));
        CHECK(text.size() < 320);
        CHECK(text.ends_with("…"));
    }
    SUBCASE("clipping does not split UTF-8")
    {
        std::string body;
        for (int i = 0; i < 400; ++i) {
            body += "é";
        }
        const std::string text = response_text(response(500, body));
        CHECK(text.ends_with("é…"));
    }
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
    SUBCASE("status codes")
    {
        const Operation get{"GET", "manifest v1", "r/x"};
        CHECK(error_from_response(response(401, ""), get).code == ErrorCode::unauthorized);
        CHECK(error_from_response(response(403, ""), get).code == ErrorCode::forbidden);
        CHECK(error_from_response(response(404, ""), get).code == ErrorCode::not_found);
        CHECK(error_from_response(response(405, ""), get).code == ErrorCode::http);
        CHECK(error_from_response(response(500, ""), get).code == ErrorCode::http);
        CHECK(error_from_response(response(429, ""), get).code == ErrorCode::http);
        const auto scope = response(
            401,
            "",
            {{"www-authenticate", R"(Bearer realm="r",scope="x",error="insufficient_scope")"}});
        CHECK(error_from_response(scope, get).code == ErrorCode::forbidden);
    }
    SUBCASE("bodies without registry JSON show the reason phrase")
    {
        const Operation head{"HEAD", "manifest v1", "localhost:5000/demo/wasm"};
        CHECK(error_from_response(response(404, ""), head).message ==
              "HEAD manifest v1 from localhost:5000/demo/wasm: 404 Not Found");
        CHECK(error_from_response(response(404, "404 page not found\n"), head).message ==
              "HEAD manifest v1 from localhost:5000/demo/wasm: 404 Not Found: 404 page not found");
        CHECK(error_from_response(response(599, ""), head).message ==
              "HEAD manifest v1 from localhost:5000/demo/wasm: 599");
        CHECK(error_from_response(response(405, "Method not allowed"),
                                  Operation{"DELETE", "blob b", "r/x"})
                  .message == "DELETE blob b on r/x: 405 Method Not Allowed: Method not allowed");
    }
    SUBCASE("401: a hint to log in; insufficient_scope names the action and the repository")
    {
        const Operation get{"GET", "manifest v1", "localhost:5000/demo/wasm"};
        const Error plain = error_from_response(
            response(401, R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})",
                     {{"www-authenticate", R"(Basic realm="r")"}}),
            get);
        CHECK(plain.message ==
              "GET manifest v1 from localhost:5000/demo/wasm: 401 UNAUTHORIZED: authentication required");
        CHECK(plain.hint == "log in first (coras login localhost:5000) or pass -u/-p");
        const auto scope = response(
            401, "",
            {{"www-authenticate",
              R"(Bearer realm="r",scope="repository:demo/wasm:pull,push",error="insufficient_scope")"}});
        const Error put = error_from_response(scope, Operation{"PUT", "manifest v1", "localhost:5000/demo/wasm"});
        CHECK(put.code == ErrorCode::forbidden);
        CHECK(put.message == "PUT manifest v1 to localhost:5000/demo/wasm: 401 insufficient scope: "
                             "the credentials do not allow push to repository demo/wasm");
        CHECK(put.hint == "log in as a user with that access: coras login localhost:5000");
        CHECK(error_from_response(scope, get).message.find("do not allow pull from repository demo/wasm") !=
              std::string::npos);
    }
    SUBCASE("plain HTTP to an HTTPS port suggests dropping --plain-http")
    {
        const Error error =
            error_from_response(response(400, "Client sent an HTTP request to an HTTPS server.\n"),
                                Operation{"GET", "/v2/", "127.0.0.1:15001"});
        CHECK(error.code == ErrorCode::http);
        CHECK(error.hint.find("--plain-http") != std::string::npos);
    }
}

TEST_CASE("registry::error_from_transport")
{
    const Operation op{"GET", "/v2/", "localhost:5000"};
    const Error tls = fail(ErrorCode::tls,
                           "GET https://localhost:5000/v2/: TLS handshake failed "
                           "(error:0A00010B:SSL routines::wrong version number)");
    const Error wrapped = error_from_transport(tls, op, "https://localhost:5000/v2/");
    CHECK(wrapped.code == ErrorCode::tls);
    CHECK(wrapped.message.starts_with("GET /v2/ from localhost:5000: GET https://"));
    CHECK(wrapped.hint.find("--plain-http") != std::string::npos);

    const Error handshake =
        fail(ErrorCode::tls, "GET https://127.0.0.1:5000/v2/: TLS handshake failed (x)");
    CHECK(error_from_transport(handshake, op, "https://127.0.0.1:5000/v2/")
              .hint.find("--plain-http") != std::string::npos);
    CHECK(error_from_transport(handshake, op, "https://ghcr.io/v2/").hint.empty());
    const Error cert =
        fail(ErrorCode::tls,
             "GET https://localhost:5000/v2/: certificate verification failed (self-signed)");
    CHECK(error_from_transport(cert, op, "https://localhost:5000/v2/").hint.find("--ca-file") !=
          std::string::npos);
    CHECK(error_from_transport(cert, op, "https://ghcr.io/v2/").hint.find("--insecure") !=
          std::string::npos);
    CHECK(error_from_transport(handshake, op, "http://localhost:5000/v2/").hint.empty());
    const Error refused = fail(ErrorCode::network, "connection refused");
    CHECK(error_from_transport(refused, op, "https://localhost:5000/v2/").hint.empty());
}

TEST_CASE("registry::short_digest and reason_phrase")
{
    const Digest digest =
        Digest::sha256_from_hex("ab12cd34ef5678900000000000000000000000000000000000000000000000ff");
    CHECK(short_digest(digest) == "sha256:ab12cd34ef56…");
    CHECK(reason_phrase(201) == "Created");
    CHECK(reason_phrase(404) == "Not Found");
    CHECK(reason_phrase(299).empty());
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
