#include "registry/chunked_upload.hpp"

#include "http/retrying_client.hpp"
#include "http/url.hpp"
#include "registry/response_headers.hpp"
#include "registry/upload_session.hpp"

#include <algorithm>
#include <string>

namespace oras::registry {

namespace {

// `length` bytes of `inner` from byte `start`, read in sequence; a rewind (a request resent
// after an authentication challenge) seeks `inner` back to `start`.
class WindowSource final : public ByteSource
{
  public:
    WindowSource(ByteSource& inner, std::uint64_t start, std::uint64_t length)
        : m_inner(inner), m_start(start), m_length(length)
    {
    }

    Result<std::size_t> read(std::span<char> buffer) override
    {
        const std::uint64_t left = m_length - m_read;
        if (left == 0) {
            return std::size_t{0};
        }
        const std::size_t wanted =
            static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
        const std::size_t count = ORAS_TRY(m_inner.read(buffer.first(wanted)));
        if (count == 0) {
            return fail(ErrorCode::io, "the content ended before the size its descriptor gives");
        }
        m_read += count;
        return count;
    }

    Result<void> rewind() override
    {
        m_read = 0;
        return m_inner.seek(m_start);
    }

  private:
    ByteSource& m_inner;
    std::uint64_t m_start;
    std::uint64_t m_length;
    std::uint64_t m_read = 0;
};

// PATCHes bytes [offset, offset + length) of `content` (positioned at `offset`); returns how
// many bytes the registry then holds, and follows the answer's Location.
Result<std::uint64_t> patch_chunk(const RepositoryContext& context,
                                  const Descriptor& desc,
                                  ByteSource& content,
                                  UploadSession& session,
                                  std::uint64_t offset,
                                  std::uint64_t length)
{
    const Operation op =
        context.operation("PATCH",
                          "bytes " + std::to_string(offset) + "-" +
                              std::to_string(offset + length - 1) + " of " + blob_name(desc));
    WindowSource window(content, offset, length);
    http::Request request;
    request.method = "PATCH";
    request.url = session.location;
    request.headers = {
        {"Content-Type", "application/octet-stream"},
        {"Content-Range", std::to_string(offset) + "-" + std::to_string(offset + length - 1)}};
    request.body = &window;
    request.body_size = length;
    request.max_body = k_max_error_body;
    request.may_retry = false; // a failed PATCH is followed by a status query instead
    const http::Response response = ORAS_TRY(context.send(request, op));
    if (response.status != 202) {
        return upload_error(response, op);
    }
    session.location = ORAS_TRY(session_location(context, response, request.url, op));
    const std::uint64_t held = upload_range_end(response).value_or(offset + length);
    if (held > offset + length) {
        return fail(ErrorCode::http,
                    op.describe() + ": the registry reports " + std::to_string(held) +
                        " bytes received, more than the " + std::to_string(offset + length) +
                        " sent");
    }
    return held;
}

} // namespace

// The closing PUT ?digest= without a body; `completed` is set on 201.
Result<void> close_session(const RepositoryContext& context,
                           const Descriptor& desc,
                           const UploadSession& session,
                           bool& completed)
{
    const Operation op = context.operation("PUT", blob_name(desc));
    http::Request request;
    request.method = "PUT";
    request.url = http::with_query_parameter(session.location, "digest", desc.digest.str());
    request.headers = {{"Content-Type", "application/octet-stream"}};
    request.body_size = 0;
    request.max_body = k_max_error_body;
    const http::Response response = ORAS_TRY(context.send(request, op));
    if (response.status != 201) {
        return upload_error(response, op);
    }
    completed = true;
    return check_digest_header(response, desc.digest, op);
}

Result<void> send_range(const RepositoryContext& context,
                        const Descriptor& desc,
                        ByteSource& content,
                        UploadSession& session,
                        const ChunkRange& range,
                        http::Backoff& backoff)
{
    std::uint64_t offset = range.from;
    bool positioned = true; // `content` is at `offset`
    while (offset < range.to) {
        if (!positioned) {
            ORAS_TRY(content.seek(offset));
            positioned = true;
        }
        const std::uint64_t length = std::min(range.chunk_size, range.to - offset);
        const Result<std::uint64_t> held =
            patch_chunk(context, desc, content, session, offset, length);
        if (held && *held > offset) {
            positioned = *held == offset + length;
            offset = *held;
            backoff = http::Backoff(context.retry); // progress: a fresh count of retries
            continue;
        }
        const Error error = held ? fail(ErrorCode::http,
                                        "PATCH of " + blob_name(desc) + " to " + context.name +
                                            ": the registry took none of the chunk at byte " +
                                            std::to_string(offset))
                                 : held.error();
        if (!held && !http::is_transient(error) && error.http_status != 416) {
            return error;
        }
        const auto delay = backoff.next(error.retry_after);
        if (!delay) {
            return error;
        }
        backoff.wait(*delay);
        offset = ORAS_TRY(session_status(context, desc, session));
        if (offset > range.to || offset < range.from) {
            return fail(ErrorCode::http,
                        "upload of " + blob_name(desc) + " to " + context.name +
                            ": the registry reports " + std::to_string(offset) +
                            " bytes held, outside the " + std::to_string(range.from) + "-" +
                            std::to_string(range.to) + " being sent");
        }
        positioned = false;
        if (context.debug) {
            context.debug("PATCH " + blob_name(desc) + ": " + error.message +
                          "; resuming at byte " + std::to_string(offset));
        }
    }
    return {};
}

std::uint64_t effective_chunk_size(std::uint64_t wanted, std::uint64_t registry_min)
{
    return std::max({wanted, std::min(registry_min, k_max_chunk_size), std::uint64_t{1}});
}

Result<void> push_chunked(const RepositoryContext& context,
                          const Descriptor& desc,
                          ByteSource& content,
                          std::uint64_t chunk_size)
{
    http::Backoff backoff(context.retry);
    for (;;) {
        UploadSession session = ORAS_TRY(open_session(context, desc));
        bool completed = false;
        const ChunkRange range{0, desc.size, effective_chunk_size(chunk_size, session.min_chunk)};
        Result<void> attempt = send_range(context, desc, content, session, range, backoff);
        if (attempt) {
            attempt = close_session(context, desc, session, completed);
        }
        if (attempt) {
            return attempt;
        }
        if (!completed) {
            cancel_session(context, session.location);
        }
        const auto delay = restart_delay(context, "PATCH", desc, attempt.error(), backoff, content);
        if (!delay) {
            return attempt;
        }
        backoff.wait(*delay);
    }
}

} // namespace oras::registry
