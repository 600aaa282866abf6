// The HTTP transport seen by the registry code: requests and responses as plain values, so
// that curl stays in liboras/src/http/ and decorators (auth, retries) can wrap any client.
#pragma once

#include "oras/debug_log.hpp"
#include "oras/io.hpp"
#include "oras/result.hpp"
#include "oras/tls.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oras::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

enum class FollowRedirects
{
    no,
    yes
};

struct Request
{
    std::string method = "GET";
    std::string url;
    Headers headers;                        // sent as given ("Accept", "Content-Type", ...)
    ByteSource* body = nullptr;             // streamed; nullptr: no body
    std::optional<std::uint64_t> body_size; // Content-Length of `body` when known
    // Where a 2xx body streams; nullptr: into Response::body.
    ByteSink* sink = nullptr;
    std::size_t max_body = 4 * 1024 * 1024; // cap on Response::body (error bodies, manifests)
    FollowRedirects follow = FollowRedirects::no;
    // Resumes a download into `sink` at this offset: "Range: bytes=N-" is sent; a 206 answer
    // must start at N, and of a 200 answer (a server that ignores Range) the first N bytes are
    // dropped, so that the sink receives the rest either way.
    std::optional<std::uint64_t> range_from;
    // False for an exchange that must run even after ClientOptions::cancelled says stop (the
    // DELETE that closes an abandoned upload session).
    bool cancellable = true;
    // False when the caller retries the exchange itself (an upload whose session a failed
    // attempt may have spoilt); the retrying client then sends it once.
    bool may_retry = true;
};

struct Response
{
    long status = 0;
    // Names lower-cased; of the last response when redirects were followed.
    Headers headers;
    // Non-2xx bodies always land here, cut off at max_body, never in Request::sink.
    std::string body;
    std::string effective_url;

    // The first value of header `name` (case-insensitive), or nullopt.
    [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
    // Every value of header `name`, in order.
    [[nodiscard]] std::vector<std::string> header_values(std::string_view name) const;
};

// `text` without the optional white space (spaces and tabs) at both ends (RFC 9110 §5.6.3),
// as header values are compared.
std::string_view trim_ows(std::string_view text);

// `text` with ASCII letters lower-cased (header names, schemes, hosts).
std::string ascii_lower(std::string_view text);

// True when `a` and `b` are equal but for the case of ASCII letters.
bool equals_ignoring_case(std::string_view a, std::string_view b);

// Sends requests, reusing connections across requests. send() may be called from several
// threads at once (each call then has a connection of its own).
class Client
{
  public:
    virtual ~Client() = default;
    // Sends `request` and returns the response whatever its status. Fails only when no HTTP
    // response was had: network (refused, timeout, DNS), tls (certificate, handshake), or
    // what the body source or sink reported (io, cancelled, too_large).
    virtual Result<Response> send(const Request& request) = 0;
};

struct ClientOptions
{
    TlsVerify tls_verify = TlsVerify::yes;
    std::filesystem::path ca_file;
    std::filesystem::path cert_file; // presented to `origin` only
    std::filesystem::path key_file;
    // The registry's origin ("https://host:port"). Only requests to it carry the client
    // certificate and `headers`; a connection for another origin (a token realm, a redirect
    // target) must reach a public address, or an internal one of the class the registry's own
    // connection reached (http/address_class.hpp), else the request fails with forbidden before
    // a byte is sent. Empty: every request counts as the registry's.
    std::string origin;
    Headers headers; // custom headers (-H), sent to `origin` only
    // "host:port:address[:address_port]" entries (--resolve): connections to host:port go to
    // address (and address_port) instead of what DNS says.
    std::vector<std::string> resolve;
    std::string user_agent;
    DebugLog debug;
    // An exchange that moves no byte for this long fails with network ("timed out").
    std::chrono::seconds stall_timeout{30};
    // When set, no exchange runs past it (the command's --timeout).
    std::optional<std::chrono::steady_clock::time_point> deadline;
    // Polled during every cancellable exchange (at least once a second); true stops it with
    // ErrorCode::cancelled. Empty: never.
    std::function<bool()> cancelled;
};

// A libcurl client (a pool of easy handles, each reused) that follows redirects of requests
// that ask for it (http/redirects.hpp). Proxies come from the usual environment variables
// (http_proxy, https_proxy, no_proxy); behind one, only IP literals can be checked against
// `origin`'s rule. No cookie is ever stored or sent. Fails with invalid_argument when a CA,
// cert or key file does not exist or a --resolve entry is malformed.
Result<std::unique_ptr<Client>> make_curl_client(const ClientOptions& options);

// The libcurl version, e.g. "7.88.1".
std::string curl_version();

} // namespace oras::http
