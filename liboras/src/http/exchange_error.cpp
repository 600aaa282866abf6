#include "http/exchange_error.hpp"

#include "http/retry_after.hpp"
#include "http/url.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace oras::http {

namespace {

constexpr std::size_t k_max_text_chars = 300;

// "<title>…</title>" of an HTML page, or empty.
std::string html_title(std::string_view body)
{
    const std::string lowered = ascii_lower(body);
    const std::size_t open = lowered.find("<title>");
    const std::size_t close = lowered.find("</title>");
    if (open == std::string::npos || close == std::string::npos || close < open) {
        return {};
    }
    return printable_text(body.substr(open + 7, close - open - 7), k_max_text_chars);
}

bool looks_like_html(const Response& response)
{
    const std::string type = response.header("content-type").value_or("");
    const std::size_t start = response.body.find_first_not_of(" \t\r\n");
    return type.find("html") != std::string::npos ||
           (start != std::string::npos && response.body[start] == '<');
}

std::string_view preposition(std::string_view method)
{
    if (method == "PUT" || method == "POST" || method == "PATCH") {
        return "to";
    }
    if (method == "GET" || method == "HEAD") {
        return "from";
    }
    return "on";
}

ErrorCode code_for_status(const Response& response)
{
    switch (response.status) {
    case 401:
        for (const auto& challenge : response.header_values("www-authenticate")) {
            if (challenge.find("insufficient_scope") != std::string::npos) {
                return ErrorCode::forbidden;
            }
        }
        return ErrorCode::unauthorized;
    case 403:
        return ErrorCode::forbidden;
    case 404:
        return ErrorCode::not_found;
    default:
        return ErrorCode::http;
    }
}

} // namespace

std::string Operation::describe() const
{
    return method + " " + object + " " + std::string(preposition(method)) + " " + target;
}

std::string printable_text(std::string_view text, std::size_t limit)
{
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const char kept = (byte < 0x20 || byte == 0x7f) ? ' ' : c;
        if (kept == ' ' && (out.empty() || out.back() == ' ')) {
            continue;
        }
        out += kept;
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    if (out.size() <= limit) {
        return out;
    }
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(out[end]) & 0xC0) == 0x80) {
        --end;
    }
    out.resize(end);
    return out + "…";
}

std::string_view reason_phrase(long status)
{
    // RFC 9110 §15, the statuses a registry or a proxy in front of it may answer.
    static constexpr std::pair<long, std::string_view> k_phrases[] = {
        {200, "OK"},
        {201, "Created"},
        {202, "Accepted"},
        {204, "No Content"},
        {206, "Partial Content"},
        {301, "Moved Permanently"},
        {302, "Found"},
        {303, "See Other"},
        {304, "Not Modified"},
        {307, "Temporary Redirect"},
        {308, "Permanent Redirect"},
        {400, "Bad Request"},
        {401, "Unauthorized"},
        {403, "Forbidden"},
        {404, "Not Found"},
        {405, "Method Not Allowed"},
        {406, "Not Acceptable"},
        {408, "Request Timeout"},
        {409, "Conflict"},
        {411, "Length Required"},
        {413, "Content Too Large"},
        {415, "Unsupported Media Type"},
        {416, "Range Not Satisfiable"},
        {429, "Too Many Requests"},
        {500, "Internal Server Error"},
        {501, "Not Implemented"},
        {502, "Bad Gateway"},
        {503, "Service Unavailable"},
        {504, "Gateway Timeout"},
    };
    for (const auto& [code, phrase] : k_phrases) {
        if (code == status) {
            return phrase;
        }
    }
    return {};
}

std::string body_text(const Response& response)
{
    if (looks_like_html(response)) {
        return html_title(response.body);
    }
    const std::string_view body = response.body;
    const std::size_t start = body.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) {
        return {};
    }
    const std::string_view line = body.substr(start, body.find('\n', start) - start);
    return printable_text(line, k_max_text_chars);
}

Error error_from_status(const Response& response, const Operation& op)
{
    std::string message = op.describe() + ": " + std::to_string(response.status);
    const std::string text = body_text(response);
    const std::string_view reason = reason_phrase(response.status);
    message += reason.empty() ? "" : " " + std::string(reason);
    message += text.empty() || text == reason ? "" : ": " + text;
    std::string hint;
    if (response.status == 401) {
        const std::string_view target = op.target;
        hint = "log in first (coras login " + std::string(target.substr(0, target.find('/'))) +
               ") or pass -u/-p";
    }
    if (response.status == 400 &&
        response.body.find("Client sent an HTTP request to an HTTPS server") != std::string::npos) {
        hint = "the registry speaks HTTPS: drop --plain-http";
    }
    Error error(code_for_status(response), std::move(message), std::move(hint));
    error.http_status = response.status;
    error.retry_after = retry_after(response);
    return error;
}

Error error_from_transport(const Error& error, const Operation& op, std::string_view url)
{
    Error wrapped = error.with_context(op.describe());
    const auto parts = split_url(url);
    if (error.code != ErrorCode::tls || !parts || parts->scheme != "https" ||
        !wrapped.hint.empty()) {
        return wrapped;
    }
    const bool plain_reply = error.message.find("wrong version number") != std::string::npos;
    const bool untrusted =
        error.message.find("certificate verification failed") != std::string::npos;
    if (plain_reply || (!untrusted && is_loopback_host(parts->host))) {
        wrapped.hint = "if the registry serves plain HTTP, try --plain-http";
    } else if (untrusted) {
        wrapped.hint = "pass the registry's CA certificate with --ca-file, or skip verification "
                       "with --insecure";
    }
    return wrapped;
}

} // namespace oras::http
