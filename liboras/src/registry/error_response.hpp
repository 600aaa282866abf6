// Errors from registry exchanges: a non-2xx response or a transport failure becomes an
// oras::Error naming the step, the object and the repository (STYLE rule 2), with the
// registry's own explanation (distribution-spec v1.1, "Error Codes").
#pragma once

#include "http/http_client.hpp"
#include "oras/digest.hpp"
#include "oras/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace oras::registry {

// One registry exchange as messages name it:
// "PUT blob sha256:ab12cd34ef56… to localhost:5000/demo/wasm".
struct Operation
{
    std::string method; // "PUT"
    std::string object; // "blob sha256:ab12cd34ef56…", "manifest v1"
    std::string target; // "localhost:5000/demo/wasm"

    // "<method> <object> <to|from|on> <target>".
    [[nodiscard]] std::string describe() const;
};

// "sha256:" and the first 12 hex digits followed by "…", for object names in messages.
std::string short_digest(const Digest& digest);

// One entry of distribution's error document {"errors":[{"code","message","detail"}]}.
struct RegistryError
{
    std::string code;    // "MANIFEST_UNKNOWN"
    std::string message; // "manifest unknown"
    std::string detail;  // a compact rendering of "detail": "Tag=nope", "sha256:…"; may be empty
};

// Parses `body` as distribution's error document; empty when it is not one (HTML, plain text,
// empty, or JSON of another shape).
std::vector<RegistryError> parse_registry_errors(std::string_view body);

// Readable text for a non-2xx `response`: "CODE: message (detail)" for distribution's JSON
// errors (repeated codes merged, entries joined with "; "), else the <title> of an HTML page,
// else the first line of the body; control bytes removed, at most about 300 characters; empty
// when the body says nothing.
std::string response_text(const http::Response& response);

// The RFC 9110 reason phrase of `status` ("Not Found"); empty for an unknown status.
std::string_view reason_phrase(long status);

// The Error for the unexpected `response` to `op`, as
// "<op>: <status> <registry text>" or "<op>: <status> <reason>[: <body text>]".
// 401 gives unauthorized (forbidden when the challenge says insufficient_scope), 403
// forbidden, 404 not_found, anything else http. A 401 gets the hint to log in; an
// insufficient_scope one says which action on which repository was refused. A plain-HTTP
// request to an HTTPS port gets the hint to drop --plain-http.
Error error_from_response(const http::Response& response, const Operation& op);

// `error` (a transport failure of `op` on `url`) prefixed with the operation. A TLS failure on
// an https URL gets a hint: --plain-http when the server answered in plain HTTP or is a
// loopback host whose handshake failed, --ca-file/--insecure when its certificate is not
// trusted.
Error error_from_transport(const Error& error, const Operation& op, std::string_view url);

} // namespace oras::registry
