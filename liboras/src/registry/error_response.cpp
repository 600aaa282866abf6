#include "registry/error_response.hpp"

#include "http/url.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>

namespace oras::registry {

namespace {

using json = nlohmann::ordered_json; // keeps the order the registry wrote

constexpr std::size_t k_max_detail_chars = 200;
constexpr std::size_t k_max_text_chars = 300;

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence, adding "…".
std::string clip(std::string text, std::size_t limit)
{
    if (text.size() <= limit) {
        return text;
    }
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;
    }
    text.resize(end);
    return text + "…";
}

// Control bytes become spaces; runs of spaces collapse; ends are trimmed.
std::string clean(std::string_view text)
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
    return out;
}

std::string scalar_text(const json& value)
{
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_number() || value.is_boolean()) {
        return value.dump();
    }
    return {};
}

// A compact rendering of a "detail" member: a string as is; an object's scalar members as
// "Key=value"; an array's elements (for UNAUTHORIZED, access entries become
// "repository:demo/wasm:pull"); null and {} give nothing.
std::string render_detail(const json& detail)
{
    std::string out;
    const auto append = [&out](const std::string& part, std::string_view separator) {
        if (!part.empty()) {
            out += out.empty() ? "" : std::string(separator);
            out += part;
        }
    };
    if (detail.is_object()) {
        for (const auto& [key, value] : detail.items()) {
            const std::string text = scalar_text(value);
            append(text.empty() ? std::string() : key + "=" + text, ", ");
        }
    } else if (detail.is_array()) {
        for (const auto& element : detail) {
            std::string joined;
            if (element.is_object()) {
                for (const auto& member : element) {
                    const std::string text = scalar_text(member);
                    joined += (joined.empty() || text.empty() ? "" : ":") + text;
                }
            } else {
                joined = scalar_text(element);
            }
            append(joined, " ");
        }
    } else {
        out = scalar_text(detail);
    }
    return clip(clean(out), k_max_detail_chars);
}

// "<title>…</title>" of an HTML page, or empty.
std::string html_title(std::string_view body)
{
    std::string lowered(body);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    const std::size_t open = lowered.find("<title>");
    const std::size_t close = lowered.find("</title>");
    if (open == std::string::npos || close == std::string::npos || close < open) {
        return {};
    }
    return clean(body.substr(open + 7, close - open - 7));
}

bool looks_like_html(const http::Response& response)
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

// What a request with `method` does to a repository, for an insufficient_scope message.
std::string_view refused_action(std::string_view method)
{
    if (method == "PUT" || method == "POST" || method == "PATCH") {
        return "push to";
    }
    if (method == "DELETE") {
        return "delete from";
    }
    return "pull from";
}

ErrorCode code_for_status(const http::Response& response)
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

// "CODE: message (detail, detail)" per run of entries sharing code and message, joined "; ".
std::string render_errors(const std::vector<RegistryError>& errors)
{
    std::string text;
    std::size_t i = 0;
    while (i < errors.size()) {
        const RegistryError& first = errors[i];
        std::string details;
        for (; i < errors.size() && errors[i].code == first.code &&
               errors[i].message == first.message;
             ++i) {
            if (!errors[i].detail.empty()) {
                details += (details.empty() ? "" : ", ") + errors[i].detail;
            }
        }
        text += text.empty() ? "" : "; ";
        text += first.code.empty() ? first.message : first.code;
        text += !first.code.empty() && !first.message.empty() ? ": " + first.message : "";
        text += details.empty() ? "" : " (" + details + ")";
    }
    return text;
}

} // namespace

std::string Operation::describe() const
{
    return method + " " + object + " " + std::string(preposition(method)) + " " + target;
}

std::string short_digest(const Digest& digest)
{
    return digest.algorithm() + ":" + digest.short_hex() + "…";
}

std::vector<RegistryError> parse_registry_errors(std::string_view body)
{
    const json document = json::parse(body, nullptr, false);
    if (document.is_discarded() || !document.is_object() || !document.contains("errors") ||
        !document["errors"].is_array()) {
        return {};
    }
    std::vector<RegistryError> errors;
    for (const auto& entry : document["errors"]) {
        if (!entry.is_object()) {
            continue;
        }
        RegistryError error;
        error.code = clip(clean(scalar_text(entry.value("code", json()))), k_max_detail_chars);
        error.message =
            clip(clean(scalar_text(entry.value("message", json()))), k_max_detail_chars);
        error.detail = render_detail(entry.value("detail", json()));
        if (!error.code.empty() || !error.message.empty()) {
            errors.push_back(std::move(error));
        }
    }
    return errors;
}

std::string response_text(const http::Response& response)
{
    const auto errors = parse_registry_errors(response.body);
    if (!errors.empty()) {
        return clip(render_errors(errors), k_max_text_chars);
    }
    if (looks_like_html(response)) {
        return clip(html_title(response.body), k_max_text_chars);
    }
    const std::string_view body = response.body;
    const std::size_t start = body.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) {
        return {};
    }
    const std::string_view line = body.substr(start, body.find('\n', start) - start);
    return clip(clean(line), k_max_text_chars);
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

// The 401 answer to `op` that says insufficient_scope: which action on which repository.
Error insufficient_scope_error(const Operation& op)
{
    const std::string_view target = op.target;
    const std::size_t slash = target.find('/');
    const std::string host(target.substr(0, slash));
    const std::string repository(slash == std::string_view::npos ? target : target.substr(slash + 1));
    return fail(ErrorCode::forbidden,
                op.describe() + ": 401 insufficient scope: the credentials do not allow " +
                    std::string(refused_action(op.method)) + " repository " + repository,
                "log in as a user with that access: coras login " + host);
}

Error error_from_response(const http::Response& response, const Operation& op)
{
    const ErrorCode code = code_for_status(response);
    if (response.status == 401 && code == ErrorCode::forbidden) {
        return insufficient_scope_error(op);
    }
    std::string message = op.describe() + ": " + std::to_string(response.status);
    const std::string text = response_text(response);
    const std::string_view reason = reason_phrase(response.status);
    if (!parse_registry_errors(response.body).empty()) {
        message += " " + text;
    } else {
        message += reason.empty() ? "" : " " + std::string(reason);
        message += text.empty() || text == reason ? "" : ": " + text;
    }
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
    return fail(code, std::move(message), std::move(hint));
}

Error error_from_transport(const Error& error, const Operation& op, std::string_view url)
{
    Error wrapped = error.with_context(op.describe());
    const auto parts = http::split_url(url);
    if (error.code != ErrorCode::tls || !parts || parts->scheme != "https" ||
        !wrapped.hint.empty()) {
        return wrapped;
    }
    const bool plain_reply = error.message.find("wrong version number") != std::string::npos;
    const bool untrusted =
        error.message.find("certificate verification failed") != std::string::npos;
    if (plain_reply || (!untrusted && http::is_loopback_host(parts->host))) {
        wrapped.hint = "if the registry serves plain HTTP, try --plain-http";
    } else if (untrusted) {
        wrapped.hint = "pass the registry's CA certificate with --ca-file, or skip verification "
                       "with --insecure";
    }
    return wrapped;
}

} // namespace oras::registry
