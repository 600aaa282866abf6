#include "content/verifying_sink.hpp"

#include "content/pipelined_sink.hpp"

#include "oras/content.hpp"
#include "oras/media_types.hpp"

namespace oras {

VerifyingSink::VerifyingSink(ByteSink& inner, const Descriptor& expected)
    : m_inner(&inner), m_expected_digest(expected.digest), m_expected_size(expected.size),
      m_kind(media_type::is_manifest(expected.media_type) ? "manifest" : "blob")
{
}

Result<VerifyingSink> VerifyingSink::create(ByteSink& inner, const Descriptor& expected)
{
    if (expected.digest.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "cannot verify content of type " + expected.media_type + ": no digest");
    }
    if (expected.digest.algorithm() != "sha256") {
        return fail(ErrorCode::unsupported,
                    "cannot verify " + expected.digest.str() +
                        ": only sha256 digests are supported");
    }
    return VerifyingSink(inner, expected);
}

std::string VerifyingSink::describe() const
{
    return m_kind + " " + m_expected_digest.str();
}

Result<void> VerifyingSink::write(std::string_view data)
{
    if (m_finished) {
        return fail(ErrorCode::internal, describe() + ": write after finish");
    }
    if (data.size() > m_expected_size - m_written) {
        return fail(ErrorCode::size_mismatch,
                    describe() + ": size mismatch: more than the expected " +
                        std::to_string(m_expected_size) + " bytes");
    }
    m_hasher.update(data);
    m_written += data.size();
    return m_inner->write(data);
}

Result<void> VerifyingSink::finish()
{
    if (m_finished) {
        return fail(ErrorCode::internal, describe() + ": verified twice");
    }
    m_finished = true;
    if (m_written != m_expected_size) {
        return fail(ErrorCode::size_mismatch,
                    describe() + ": size mismatch: expected " + std::to_string(m_expected_size) +
                        " bytes, got " + std::to_string(m_written));
    }
    const Digest actual = m_hasher.finish();
    if (actual != m_expected_digest) {
        return fail(ErrorCode::digest_mismatch,
                    describe() + ": digest mismatch: got " + actual.str());
    }
    return {};
}

// A blob this large is hashed and written on a thread of its own while the next bytes arrive.
constexpr std::uint64_t k_pipelined_size = 4 * 1024 * 1024;

Result<void> fetch_verified(Fetcher& fetcher, const Descriptor& desc, ByteSink& sink)
{
    auto verifying = ORAS_TRY(VerifyingSink::create(sink, desc));
    if (desc.size < k_pipelined_size) {
        ORAS_TRY(fetcher.fetch(desc, verifying));
        return verifying.finish();
    }
    PipelinedSink pipelined(verifying);
    Result<void> fetched = fetcher.fetch(desc, pipelined);
    Result<void> drained = pipelined.finish();
    ORAS_TRY(std::move(fetched));
    ORAS_TRY(std::move(drained));
    return verifying.finish();
}

Result<std::string> fetch_bytes(Fetcher& fetcher, const Descriptor& desc, std::size_t max_bytes)
{
    if (desc.size > max_bytes) {
        return fail(ErrorCode::too_large,
                    desc.digest.str() + ": size " + std::to_string(desc.size) +
                        " is over the limit of " + std::to_string(max_bytes) + " bytes");
    }
    StringSink sink(static_cast<std::size_t>(desc.size));
    ORAS_TRY(fetch_verified(fetcher, desc, sink));
    return sink.take();
}

Result<FetchedManifest> Target::fetch_reference(std::string_view reference, std::size_t max_bytes)
{
    FetchedManifest fetched;
    fetched.descriptor = ORAS_TRY(resolve(reference));
    fetched.bytes = ORAS_TRY(fetch_bytes(*this, fetched.descriptor, max_bytes));
    return fetched;
}

} // namespace oras
