// Errors from registry exchanges: http/exchange_error.hpp's Error for a non-2xx response,
// with the registry's own explanation from its error document (distribution-spec v1.1,
// "Error Codes") in the message and in Error::registry_errors.
#pragma once

#include "http/exchange_error.hpp"
#include "http/http_client.hpp"
#include "oras/digest.hpp"
#include "oras/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace oras::registry {

// The registry code names these as its own; they are generic HTTP exchange helpers.
using http::error_from_transport;
using http::Operation;
using http::reason_phrase;

// "sha256:" and the first 12 hex digits followed by "…", for object names in messages.
std::string short_digest(const Digest& digest);

// Parses `body` as distribution's error document {"errors":[{"code","message","detail"}]};
// empty when it is not one (HTML, plain text, empty, or JSON of another shape). Each part is
// made printable and cut to about 200 characters; "detail" is rendered compactly ("Tag=nope").
std::vector<RegistryError> parse_registry_errors(std::string_view body);

// Readable text for a non-2xx `response`: "CODE: message (detail)" for distribution's JSON
// errors (repeated codes merged, entries joined with "; "), else http::body_text(); at most
// about 300 characters; empty when the body says nothing.
std::string response_text(const http::Response& response);

// The Error for the unexpected `response` to `op`: http::error_from_status(), whose message
// becomes "<op>: <status> <registry text>" when the body is distribution's error document,
// with `registry_errors` filled from it. A 401 that says insufficient_scope gives forbidden,
// saying which action on which repository was refused.
Error error_from_response(const http::Response& response, const Operation& op);

} // namespace oras::registry
