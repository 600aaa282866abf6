#include "registry/blob_store.hpp"

#include "http/retrying_client.hpp"
#include "http/url.hpp"
#include "registry/chunked_upload.hpp"
#include "registry/response_headers.hpp"
#include "registry/upload_session.hpp"

#include <algorithm>
#include <string>

namespace oras::registry {

namespace {

// A resumed download that got this far before failing again starts a fresh count of retries.
constexpr std::uint64_t k_progress_that_resets_backoff = 1024 * 1024;

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

Result<Descriptor> BlobStore::resolve(const Digest& digest) const
{
    Descriptor desc;
    desc.media_type = "application/octet-stream";
    desc.digest = digest;
    const Operation op = m_context.operation("HEAD", blob_name(desc));
    http::Request request;
    request.method = "HEAD";
    request.url = m_context.urls.blob(digest);
    request.max_body = k_max_error_body;
    const http::Response response = ORAS_TRY(m_context.send(request, op));
    if (response.status != 200) {
        return error_from_response(response, op);
    }
    const auto length = content_length(response);
    if (!length) {
        return fail(ErrorCode::http, op.describe() + ": no Content-Length in the answer");
    }
    ORAS_TRY(check_digest_header(response, digest, op));
    desc.size = *length;
    return desc;
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
    if (const auto location = session_location(m_context, response, request.url, op)) {
        cancel_session(m_context, *location);
    }
    return false;
}

// distribution-spec v1.1, "Pushing a blob monolithically" (POST then PUT, or one POST), with
// "Pushing a blob in chunks" for --chunk-size and for a registry that refuses the PUT (413).
// A failed attempt is restarted only when its PUT failed: a failed POST was retried by the
// client already.
Result<void> BlobStore::push(const Descriptor& desc, ByteSource& content) const
{
    if (m_context.chunk_size && desc.size > *m_context.chunk_size) {
        return push_chunked(m_context, desc, content, *m_context.chunk_size);
    }
    std::optional<UploadSession> session;
    if (desc.size <= k_one_request_limit && !m_one_request_ignored.load()) {
        OneRequest outcome = ORAS_TRY(push_in_one_request(desc, content));
        if (outcome.stored) {
            return {};
        }
        session = std::move(outcome.session);
        ORAS_TRY(content.rewind());
    }
    http::Backoff backoff(m_context.retry);
    for (;;) {
        if (!session) {
            session = ORAS_TRY(open_session(m_context, desc));
        }
        const std::string location = std::move(session->location);
        session.reset();
        bool completed = false;
        Result<void> attempt = push_once(desc, location, content, completed);
        if (attempt) {
            return attempt;
        }
        if (!completed) {
            cancel_session(m_context, location);
        }
        if (attempt.error().http_status == 413 && content.rewind()) {
            if (m_context.debug) {
                m_context.debug("PUT " + blob_name(desc) +
                                ": the registry refused one request of " +
                                std::to_string(desc.size) + " bytes; uploading in chunks");
            }
            return push_chunked(
                m_context, desc, content, m_context.chunk_size.value_or(k_default_chunk_size));
        }
        const auto delay = restart_delay(m_context, "PUT", desc, attempt.error(), backoff, content);
        if (!delay) {
            return attempt;
        }
        backoff.wait(*delay);
    }
}

// distribution-spec v1.1: "POST /v2/<name>/blobs/uploads/?digest=<digest>" with the body; 201
// when the registry stored it, 202 with a session when it ignored the body (distribution 2.8),
// which then serves the usual PUT. Another 4xx (a registry that does not know the form) falls
// back to POST and PUT; 401, 403, 408, 429 and 5xx fail as they would for any POST.
Result<BlobStore::OneRequest> BlobStore::push_in_one_request(const Descriptor& desc,
                                                             ByteSource& content) const
{
    const Operation op = m_context.operation("POST", blob_name(desc));
    http::Request request;
    request.method = "POST";
    request.url = http::with_query_parameter(m_context.urls.upload(), "digest", desc.digest.str());
    request.headers = {{"Content-Type", "application/octet-stream"}};
    request.body = &content;
    request.body_size = desc.size;
    request.max_body = k_max_error_body;
    const http::Response response = ORAS_TRY(m_context.send(request, op));
    OneRequest outcome;
    if (response.status == 201) {
        ORAS_TRY(check_digest_header(response, desc.digest, op));
        outcome.stored = true;
        return outcome;
    }
    const long status = response.status;
    const bool unsupported = status >= 400 && status < 500 && status != 401 && status != 403 &&
                             !http::is_transient_status(status);
    if (status != 202 && !unsupported) {
        return error_from_response(response, op);
    }
    m_one_request_ignored.store(true);
    if (status == 202) {
        outcome.session =
            UploadSession{ORAS_TRY(session_location(m_context, response, request.url, op)), 0};
        return outcome;
    }
    if (m_context.debug) {
        m_context.debug(op.describe() + ": answered " + std::to_string(response.status) +
                        "; using POST then PUT");
    }
    return outcome;
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
        return upload_error(response, op);
    }
    completed = true; // the session is closed; only the answer's digest is left to check
    return check_digest_header(response, desc.digest, op);
}

} // namespace oras::registry
