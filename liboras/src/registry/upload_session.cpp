#include "registry/upload_session.hpp"

#include "http/retrying_client.hpp"
#include "http/url.hpp"

#include <algorithm>
#include <charconv>

namespace oras::registry {

namespace {

std::optional<std::uint64_t> parse_number(std::string_view text)
{
    std::uint64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end) {
        return std::nullopt;
    }
    return value;
}

} // namespace

std::string blob_name(const Descriptor& desc)
{
    if (desc.digest.empty()) {
        return "streamed blob";
    }
    return "blob " + short_digest(desc.digest);
}

std::optional<std::chrono::milliseconds> restart_delay(const RepositoryContext& context,
                                                       std::string_view method,
                                                       const Descriptor& desc,
                                                       const Error& error,
                                                       http::Backoff& backoff,
                                                       ByteSource& content)
{
    const bool restartable =
        http::is_transient(error) ||
        std::ranges::any_of(error.registry_errors, [](const RegistryError& entry) {
            return entry.code == "BLOB_UPLOAD_UNKNOWN" || entry.code == "BLOB_UPLOAD_INVALID";
        });
    if (!restartable) {
        return std::nullopt;
    }
    const auto delay = backoff.next(error.retry_after);
    if (!delay || !content.rewind()) {
        return std::nullopt;
    }
    if (context.debug) {
        context.debug(std::string(method) + " " + blob_name(desc) + ": " + error.message +
                      "; restarting the upload");
    }
    return delay;
}

Error upload_error(const http::Response& response, const Operation& op)
{
    Error error = error_from_response(response, op);
    for (const RegistryError& entry : error.registry_errors) {
        if (entry.code == "DIGEST_INVALID" &&
            entry.message.find("did not match") != std::string::npos) {
            error.code = ErrorCode::digest_mismatch;
        }
    }
    return error;
}

Result<UploadSession> open_session(const RepositoryContext& context, const Descriptor& desc)
{
    const Operation op = context.operation("POST", "upload session for " + blob_name(desc));
    http::Request request;
    request.method = "POST";
    request.url = context.urls.upload();
    request.body_size = 0;
    request.max_body = k_max_error_body;
    const http::Response response = ORAS_TRY(context.send(request, op));
    if (response.status != 202) {
        return error_from_response(response, op);
    }
    UploadSession session;
    session.location = ORAS_TRY(session_location(context, response, request.url, op));
    if (const auto min = response.header("oci-chunk-min-length")) {
        session.min_chunk = parse_number(http::trim_ows(*min)).value_or(0);
    }
    return session;
}

Result<std::string> session_location(const RepositoryContext& context,
                                     const http::Response& response,
                                     const std::string& request_url,
                                     const Operation& op)
{
    const auto location = response.header("location");
    if (!location) {
        return fail(ErrorCode::http,
                    op.describe() + ": " + std::to_string(response.status) +
                        " without a Location header");
    }
    auto resolved = http::resolve_location(request_url, *location);
    if (!resolved) {
        return resolved.error().with_context(op.describe());
    }
    if (!http::same_origin(*resolved, context.urls.base())) {
        const auto parts = http::split_url(*resolved);
        return fail(ErrorCode::http,
                    op.describe() + ": refusing an upload location on another origin (" +
                        (parts ? parts->scheme + "://" + parts->host + ":" + parts->port : "?") +
                        ")");
    }
    return resolved;
}

std::optional<std::uint64_t> upload_range_end(const http::Response& response)
{
    const auto header = response.header("range");
    if (!header) {
        return std::nullopt;
    }
    std::string_view text = http::trim_ows(*header);
    if (text.starts_with("bytes=")) {
        text.remove_prefix(6);
    }
    const auto dash = text.find('-');
    if (dash == std::string_view::npos || parse_number(text.substr(0, dash)) != 0U) {
        return std::nullopt;
    }
    const auto last = parse_number(text.substr(dash + 1));
    if (!last) {
        return std::nullopt;
    }
    return *last == 0 ? 0 : *last + 1;
}

// distribution-spec v1.1, "Resuming an upload": GET the session, 204 with Range.
Result<std::uint64_t>
session_status(const RepositoryContext& context, const Descriptor& desc, UploadSession& session)
{
    const Operation op = context.operation("GET", "upload status of " + blob_name(desc));
    http::Request request;
    request.url = session.location;
    request.max_body = k_max_error_body;
    const http::Response response = ORAS_TRY(context.send(request, op));
    if (response.status != 204 && response.status != 200) {
        return error_from_response(response, op);
    }
    if (response.header("location")) {
        session.location = ORAS_TRY(session_location(context, response, request.url, op));
    }
    const auto held = upload_range_end(response);
    if (!held) {
        return fail(ErrorCode::http, op.describe() + ": no valid Range header in the answer");
    }
    return *held;
}

void cancel_session(const RepositoryContext& context, const std::string& location)
{
    http::Request request;
    request.method = "DELETE";
    request.url = location;
    request.max_body = k_max_error_body;
    request.may_retry = false;
    request.cancellable = false;
    (void)context.client->send(request);
}

} // namespace oras::registry
