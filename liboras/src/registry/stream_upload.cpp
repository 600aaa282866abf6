#include "registry/stream_upload.hpp"

#include "oras/digest.hpp"
#include "registry/chunked_upload.hpp"
#include "registry/upload_session.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace oras::registry {

namespace {

// Bytes [base, base + data.size()) of the blob, held in memory: what a failed PATCH resends.
class HeldChunk final : public ByteSource
{
  public:
    HeldChunk(std::string_view data, std::uint64_t base) : m_data(data), m_base(base) {}

    Result<std::size_t> read(std::span<char> buffer) override
    {
        const std::size_t count = std::min(buffer.size(), m_data.size() - m_offset);
        std::memcpy(buffer.data(), m_data.data() + m_offset, count);
        m_offset += count;
        return count;
    }

    Result<void> rewind() override
    {
        m_offset = 0;
        return {};
    }

    Result<void> seek(std::uint64_t offset) override
    {
        if (offset < m_base || offset - m_base > m_data.size()) {
            return fail(ErrorCode::unsupported,
                        "byte " + std::to_string(offset) +
                            " of a streamed blob was already sent and cannot be read again");
        }
        m_offset = static_cast<std::size_t>(offset - m_base);
        return {};
    }

  private:
    std::string_view m_data;
    std::uint64_t m_base;
    std::size_t m_offset = 0;
};

// Reads `content` until `buffer` is full or the stream ends; returns how many bytes it holds.
Result<std::size_t> fill(ByteSource& content, std::string& buffer)
{
    std::size_t filled = 0;
    while (filled < buffer.size()) {
        const std::size_t count =
            ORAS_TRY(content.read(std::span<char>(buffer.data() + filled, buffer.size() - filled)));
        if (count == 0) {
            break;
        }
        filled += count;
    }
    return filled;
}

Error wrong_size(const StreamExpectation& expected, std::uint64_t count)
{
    const std::string read = count > *expected.size ? "more than " + std::to_string(*expected.size)
                                                    : std::to_string(count);
    return fail(ErrorCode::size_mismatch,
                "streamed blob: " + read + " bytes read, not the expected size of " +
                    std::to_string(*expected.size) + "; nothing stored");
}

Result<Descriptor> send_stream(const RepositoryContext& context,
                               ByteSource& content,
                               UploadSession& session,
                               Descriptor desc,
                               const StreamExpectation& expected,
                               bool& completed)
{
    const std::uint64_t chunk_size =
        effective_chunk_size(context.chunk_size.value_or(k_stream_chunk_size), session.min_chunk);
    std::string buffer(static_cast<std::size_t>(chunk_size), '\0');
    Sha256 hasher;
    http::Backoff backoff(context.retry);
    std::uint64_t offset = 0;
    for (;;) {
        const std::size_t filled = ORAS_TRY(fill(content, buffer));
        if (filled == 0) {
            break;
        }
        if (expected.size && offset + filled > *expected.size) {
            return wrong_size(expected, offset + filled);
        }
        const std::string_view chunk(buffer.data(), filled);
        hasher.update(chunk);
        HeldChunk held(chunk, offset);
        ORAS_TRY(
            send_range(context, desc, held, session, {offset, offset + filled, filled}, backoff));
        offset += filled;
        if (filled < buffer.size()) {
            break;
        }
    }
    if (expected.size && offset != *expected.size) {
        return wrong_size(expected, offset);
    }
    desc.digest = hasher.finish();
    desc.size = offset;
    if (expected.digest && *expected.digest != desc.digest) {
        return fail(ErrorCode::digest_mismatch,
                    "streamed blob: digest " + desc.digest.str() + ", expected " +
                        expected.digest->str() + "; nothing stored");
    }
    ORAS_TRY(close_session(context, desc, session, completed));
    return desc;
}

} // namespace

Result<Descriptor> push_stream(const RepositoryContext& context,
                               ByteSource& content,
                               std::string_view media_type,
                               const StreamExpectation& expected)
{
    if (expected.digest && expected.digest->algorithm() != "sha256") {
        return fail(ErrorCode::unsupported,
                    "streamed blob: only sha256 digests are computed on the way, not " +
                        expected.digest->algorithm());
    }
    Descriptor desc;
    desc.media_type = std::string(media_type);
    UploadSession session = ORAS_TRY(open_session(context, desc));
    bool completed = false;
    auto pushed = send_stream(context, content, session, desc, expected, completed);
    if (!pushed && !completed) {
        cancel_session(context, session.location);
    }
    return pushed;
}

} // namespace oras::registry
