#include "registry/blob_store.hpp"

#include "http/retrying_client.hpp"
#include "http/url.hpp"
#include "registry/response_headers.hpp"

#include <algorithm>
#include <string>

namespace oras::registry {

namespace {

constexpr std::size_t k_max_error_body = 64 * 1024;
// A resumed download that got this far before failing again starts a fresh count of retries.
constexpr std::uint64_t k_progress_that_resets_backoff = 1024 * 1024;

// A failed PUT worth a new upload session: a transient failure, or a session the registry lost.
bool restartable(const Error& error)
{
    if (http::is_transient(error)) {
        return true;
    }
    return std::ranges::any_of(error.registry_errors, [](const RegistryError& entry) {
        return entry.code == "BLOB_UPLOAD_UNKNOWN" || entry.code == "BLOB_UPLOAD_INVALID";
    });
}

// Passes bytes on while counting them; more than `limit` fails with size_mismatch before the
// excess reaches `inner`.
class CountingSink final : public ByteSink
{
  public:
    CountingSink(ByteSink& inner, std::uint64_t limit, std::string name)
        : m_inner(inner), m_limit(limit), m_name(std::move(name))
    {
    }

    Result<void> write(std::string_view data) override
    {
        if (data.size() > m_limit - m_count) {
            return fail(ErrorCode::size_mismatch,
                        m_name + ": the registry sent more than the expected " +
                            std::to_string(m_limit) + " bytes");
        }
        m_count += data.size();
        return m_inner.write(data);
    }

    [[nodiscard]] std::uint64_t count() const { return m_count; }

  private:
    ByteSink& m_inner;
    std::uint64_t m_limit;
    std::uint64_t m_count = 0;
    std::string m_name;
};

std::string blob_name(const Descriptor& desc)
{
    return "blob " + short_digest(desc.digest);
}

Result<void>
check_length(std::optional<std::uint64_t> length, std::uint64_t expected, const Operation& op)
{
    if (length && *length != expected) {
        return fail(ErrorCode::size_mismatch,
                    op.describe() + ": the registry sent " + std::to_string(*length) +
                        " bytes, expected " + std::to_string(expected));
    }
    return {};
}

} // namespace

// distribution-spec v1.1, "Checking if content exists in the registry".
Result<bool> BlobStore::exists(const Descriptor& desc) const
{
    const Operation op = m_context.operation("HEAD", blob_name(desc));
    http::Request request;
    request.method = "HEAD";
    request.url = m_context.urls.blob(desc.digest);
    request.max_body = k_max_error_body;
    const http::Response response = ORAS_TRY(m_context.send(request, op));
    if (response.status == 404) {
        return false;
    }
    if (response.status != 200) {
        return error_from_response(response, op);
    }
    ORAS_TRY(check_length(content_length(response), desc.size, op));
    ORAS_TRY(check_digest_header(response, desc.digest, op));
    return true;
}

// distribution-spec v1.1, "Pulling blobs" (a 307 to storage is followed). The client has
// already retried an attempt that failed before its first byte; this resumes one that failed
// after it.
Result<void> BlobStore::fetch(const Descriptor& desc, ByteSink& sink) const
{
    const Operation op = m_context.operation("GET", blob_name(desc));
    CountingSink counting(sink, desc.size, op.describe());
    http::Backoff backoff(m_context.retry);
    for (;;) {
        const std::uint64_t offset = counting.count();
        Result<void> attempt = fetch_from(desc, counting, offset);
        const std::uint64_t received = counting.count() - offset;
        if (attempt || received == 0 || !http::is_transient(attempt.error())) {
            return attempt;
        }
        if (received >= k_progress_that_resets_backoff) {
            backoff = http::Backoff(m_context.retry);
        }
        const auto delay = backoff.next(attempt.error().retry_after);
        if (!delay) {
            return attempt;
        }
        if (m_context.debug) {
            m_context.debug(op.describe() + ": " + attempt.error().message + "; resuming at byte " +
                            std::to_string(counting.count()));
        }
        backoff.wait(*delay);
    }
}

Result<void>
BlobStore::fetch_from(const Descriptor& desc, ByteSink& sink, std::uint64_t offset) const
{
    const Operation op = m_context.operation("GET", blob_name(desc));
    http::Request request;
    request.url = m_context.urls.blob(desc.digest);
    request.sink = &sink;
    request.max_body = k_max_error_body;
    request.follow = http::FollowRedirects::yes;
    if (offset > 0) {
        request.range_from = offset;
    }
    const http::Response response = ORAS_TRY(m_context.send(request, op));
    const bool partial = offset > 0 && response.status == 206;
    if (response.status != 200 && !partial) {
        return error_from_response(response, op);
    }
    ORAS_TRY(check_length(content_length(response), partial ? desc.size - offset : desc.size, op));
    ORAS_TRY(check_digest_header(response, desc.digest, op));
    return {};
}

// distribution-spec v1.1, "Pushing a blob monolithically" (POST then PUT).
Result<std::string> BlobStore::start_upload(const Descriptor& desc) const
{
    const Operation op = m_context.operation("POST", "upload session for " + blob_name(desc));
    http::Request request;
    request.method = "POST";
    request.url = m_context.urls.upload();
    request.body_size = 0;
    request.max_body = k_max_error_body;
    const http::Response response = ORAS_TRY(m_context.send(request, op));
    if (response.status != 202) {
        return error_from_response(response, op);
    }
    return session_location(response, request.url, op);
}

// The upload session a 202 names, resolved against `request_url`.
Result<std::string> BlobStore::session_location(const http::Response& response,
                                                const std::string& request_url,
                                                const Operation& op) const
{
    const auto location = response.header("location");
    if (!location) {
        return fail(ErrorCode::http, op.describe() + ": 202 without a Location header");
    }
    auto resolved = http::resolve_location(request_url, *location);
    if (!resolved) {
        return resolved.error().with_context(op.describe());
    }
    // GHSA-jxpm-75mh-9fp7: the blob (and any credentials) must not go to another origin.
    if (!http::same_origin(*resolved, m_context.urls.base())) {
        const auto parts = http::split_url(*resolved);
        return fail(ErrorCode::http,
                    op.describe() + ": refusing an upload location on another origin (" +
                        (parts ? parts->scheme + "://" + parts->host + ":" + parts->port : "?") +
                        ")");
    }
    return resolved;
}

Result<bool> BlobStore::mount(const Descriptor& desc, std::string_view from_repository) const
{
    const Operation op = m_context.operation(
        "POST", "mount of " + blob_name(desc) + " from " + std::string(from_repository));
    http::Request request;
    request.method = "POST";
    request.url = http::with_query_parameter(
        http::with_query_parameter(m_context.urls.upload(), "mount", desc.digest.str()),
        "from",
        from_repository);
    request.body_size = 0;
    request.max_body = k_max_error_body;
    const http::Response response = ORAS_TRY(m_context.send(request, op));
    if (response.status == 201) {
        ORAS_TRY(check_digest_header(response, desc.digest, op));
        return true;
    }
    if (response.status != 202) {
        return error_from_response(response, op);
    }
    if (const auto location = session_location(response, request.url, op)) {
        cancel_upload(*location);
    }
    return false;
}

// A failed attempt is restarted only when its PUT failed: a POST that fails has been retried by
// the client already.
Result<void> BlobStore::push(const Descriptor& desc, ByteSource& content) const
{
    http::Backoff backoff(m_context.retry);
    for (;;) {
        const std::string location = ORAS_TRY(start_upload(desc));
        bool completed = false;
        Result<void> attempt = push_once(desc, location, content, completed);
        if (attempt) {
            return attempt;
        }
        if (!completed) {
            cancel_upload(location);
        }
        if (!restartable(attempt.error())) {
            return attempt;
        }
        const auto delay = backoff.next(attempt.error().retry_after);
        if (!delay || !content.rewind()) {
            return attempt;
        }
        if (m_context.debug) {
            m_context.debug("PUT " + blob_name(desc) + ": " + attempt.error().message +
                            "; restarting the upload");
        }
        backoff.wait(*delay);
    }
}

Result<void> BlobStore::push_once(const Descriptor& desc,
                                  const std::string& location,
                                  ByteSource& content,
                                  bool& completed) const
{
    const Operation op = m_context.operation("PUT", blob_name(desc));
    http::Request request;
    request.method = "PUT";
    request.url = http::with_query_parameter(location, "digest", desc.digest.str());
    request.headers = {{"Content-Type", "application/octet-stream"}};
    request.body = &content;
    request.body_size = desc.size;
    request.max_body = k_max_error_body;
    request.may_retry = false; // a partial PUT spoils the session: push() starts a new one
    const http::Response response = ORAS_TRY(m_context.send(request, op));
    if (response.status != 201) {
        Error error = error_from_response(response, op);
        for (const RegistryError& entry : error.registry_errors) {
            if (entry.code == "DIGEST_INVALID" &&
                entry.message.find("did not match") != std::string::npos) {
                error.code = ErrorCode::digest_mismatch;
            }
        }
        return error;
    }
    completed = true; // the session is closed; only the answer's digest is left to check
    return check_digest_header(response, desc.digest, op);
}

// distribution-spec v1.1, "Deleting an upload session"; best effort, once, even when the command
// is being cancelled.
void BlobStore::cancel_upload(const std::string& location) const
{
    http::Request request;
    request.method = "DELETE";
    request.url = location;
    request.max_body = k_max_error_body;
    request.may_retry = false;
    request.cancellable = false;
    (void)m_context.client->send(request);
}

} // namespace oras::registry
