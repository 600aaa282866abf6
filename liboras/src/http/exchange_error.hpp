// Errors from HTTP exchanges, whatever the server: a transport failure or an unexpected
// status becomes an oras::Error naming the step and the object (STYLE rule 2), with the HTTP
// status and Retry-After kept as fields. What a registry says in its own error document is
// added one layer up (registry/error_response.hpp).
#pragma once

#include "http/http_client.hpp"
#include "oras/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace oras::http {

// One exchange as messages name it:
// "PUT blob sha256:ab12cd34ef56… to localhost:5000/demo/wasm".
struct Operation
{
    std::string method; // "PUT"
    std::string object; // "blob sha256:ab12cd34ef56…", "manifest v1"
    std::string target; // "localhost:5000/demo/wasm"

    // "<method> <object> <to|from|on> <target>".
    [[nodiscard]] std::string describe() const;
};

// `text` fit for a message: control bytes become spaces, runs of spaces collapse, the ends
// are trimmed, and the result is cut to at most `limit` bytes (plus "…") without splitting a
// UTF-8 sequence.
std::string printable_text(std::string_view text, std::size_t limit);

// The RFC 9110 reason phrase of `status` ("Not Found"); empty for an unknown status.
std::string_view reason_phrase(long status);

// Readable text for the body of a non-2xx `response`: the <title> of an HTML page, else the
// first non-blank line; made printable, at most about 300 characters; empty when the body says
// nothing.
std::string body_text(const Response& response);

// The Error for the unexpected `response` to `op`, as "<op>: <status> <reason>[: <body text>]".
// 401 gives unauthorized (forbidden when the challenge says insufficient_scope), 403
// forbidden, 404 not_found, anything else http. `http_status` and `retry_after` are filled
// from the response. A 401 gets the hint to log in; a plain-HTTP request to an HTTPS port gets
// the hint to drop --plain-http.
Error error_from_status(const Response& response, const Operation& op);

// `error` (a transport failure of `op` on `url`) prefixed with the operation. A TLS failure on
// an https URL gets a hint: --plain-http when the server answered in plain HTTP or is a
// loopback host whose handshake failed, --ca-file/--insecure when its certificate is not
// trusted.
Error error_from_transport(const Error& error, const Operation& op, std::string_view url);

} // namespace oras::http
