// Errors from HTTP exchanges whatever the server: status codes, reason phrases, body text,
// hints, transport failures.
#include "http/exchange_error.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace oras;
using namespace oras::http;

namespace {

Response response(long status, std::string body, Headers headers = {})
{
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    return r;
}

} // namespace

TEST_CASE("http::body_text")
{
    CHECK(body_text(response(
              404, "404 page not found\n", {{"content-type", "text/plain; charset=utf-8"}})) ==
          "404 page not found");
    CHECK(body_text(response(405, "Method not allowed")) == "Method not allowed");
    CHECK(body_text(response(400, "Client sent an HTTP request to an HTTPS server.\n")) ==
          "Client sent an HTTP request to an HTTPS server.");
    CHECK(body_text(response(502,
                             "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n"
                             "<body><center><h1>502 Bad Gateway</h1></center></body></html>",
                             {{"content-type", "text/html"}})) == "502 Bad Gateway");
    CHECK(body_text(response(503, "<!DOCTYPE html><html><body>down</body></html>")).empty());
    CHECK(body_text(response(404, "")).empty());
    CHECK(body_text(response(404, " \r\n\t")).empty());
    CHECK(body_text(response(500, "\n\nsecond line first\nthird")) == "second line first");
    CHECK(body_text(response(400, "{not json")) == "{not json");
    CHECK(body_text(response(400, R"({"errors":"nope"})")) == R"({"errors":"nope"})");
    CHECK(body_text(response(400, R"({"errors":[]})")) == R"({"errors":[]})");
    CHECK(body_text(response(400, R"({"errors":[42, {"code":"X"}]})")) ==
          R"({"errors":[42, {"code":"X"}]})");
    CHECK(body_text(response(400, R"([1,2,3])")) == "[1,2,3]");
    CHECK(body_text(response(500,
                             std::string("bin\x01\x02"
                                         "ary\x7f",
                                         9))) == "bin ary");

    SUBCASE("long bodies are clipped")
    {
        const std::string text = body_text(response(500, std::string(5000, 'x')));
        CHECK(text.size() < 320);
        CHECK(text.ends_with("…"));
    }
    SUBCASE("clipping does not split UTF-8")
    {
        std::string body;
        for (int i = 0; i < 400; ++i) {
            body += "é";
        }
        const std::string text = body_text(response(500, body));
        CHECK(text.ends_with("é…"));
    }
}
TEST_CASE("http::error_from_status")
{
    SUBCASE("status codes")
    {
        const Operation get{"GET", "manifest v1", "r/x"};
        CHECK(error_from_status(response(401, ""), get).code == ErrorCode::unauthorized);
        CHECK(error_from_status(response(403, ""), get).code == ErrorCode::forbidden);
        CHECK(error_from_status(response(404, ""), get).code == ErrorCode::not_found);
        CHECK(error_from_status(response(405, ""), get).code == ErrorCode::http);
        CHECK(error_from_status(response(500, ""), get).code == ErrorCode::http);
        CHECK(error_from_status(response(429, ""), get).code == ErrorCode::http);
        const auto scope = response(
            401,
            "",
            {{"www-authenticate", R"(Bearer realm="r",scope="x",error="insufficient_scope")"}});
        CHECK(error_from_status(scope, get).code == ErrorCode::forbidden);
    }
    SUBCASE("bodies without registry JSON show the reason phrase")
    {
        const Operation head{"HEAD", "manifest v1", "localhost:5000/demo/wasm"};
        CHECK(error_from_status(response(404, ""), head).message ==
              "HEAD manifest v1 from localhost:5000/demo/wasm: 404 Not Found");
        CHECK(error_from_status(response(404, "404 page not found\n"), head).message ==
              "HEAD manifest v1 from localhost:5000/demo/wasm: 404 Not Found: 404 page not found");
        CHECK(error_from_status(response(599, ""), head).message ==
              "HEAD manifest v1 from localhost:5000/demo/wasm: 599");
        CHECK(error_from_status(response(405, "Method not allowed"),
                                Operation{"DELETE", "blob b", "r/x"})
                  .message == "DELETE blob b on r/x: 405 Method Not Allowed: Method not allowed");
    }
    SUBCASE("plain HTTP to an HTTPS port suggests dropping --plain-http")
    {
        const Error error =
            error_from_status(response(400, "Client sent an HTTP request to an HTTPS server.\n"),
                              Operation{"GET", "/v2/", "127.0.0.1:15001"});
        CHECK(error.code == ErrorCode::http);
        CHECK(error.hint.find("--plain-http") != std::string::npos);
    }
}

TEST_CASE("http::error_from_transport")
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

TEST_CASE("http::error_from_status fills the structured fields")
{
    const Operation op{"GET", "manifest v1", "r/x"};
    const Error error = error_from_status(response(429, "slow down", {{"retry-after", "30"}}), op);
    CHECK(error.http_status == 429L);
    CHECK(error.retry_after == std::chrono::seconds(30));
    CHECK(error.registry_errors.empty());
    CHECK(error.message == "GET manifest v1 from r/x: 429 Too Many Requests: slow down");
    CHECK_FALSE(error_from_status(response(500, ""), op).retry_after.has_value());
    const Error transport =
        error_from_transport(fail(ErrorCode::network, "refused"), op, "http://r/");
    CHECK_FALSE(transport.http_status.has_value());
}

TEST_CASE("http::reason_phrase")
{
    CHECK(reason_phrase(201) == "Created");
    CHECK(reason_phrase(404) == "Not Found");
    CHECK(reason_phrase(299).empty());
}

TEST_CASE("http::printable_text")
{
    CHECK(printable_text("  a\r\n\tb  ", 10) == "a b");
    CHECK(printable_text("abcdef", 3) == "abc…");
    CHECK(printable_text("", 3).empty());
}
