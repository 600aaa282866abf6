#include "ops/progress_stream.hpp"

namespace oras::ops {

namespace {
constexpr auto k_report_interval = std::chrono::milliseconds(200);
}

Result<void> report(const ProgressCallback& callback,
                    TransferState state,
                    const Descriptor& desc,
                    std::uint64_t bytes)
{
    if (callback && callback(TransferEvent{state, desc, bytes}) == Continue::no) {
        return fail(ErrorCode::cancelled, "transfer of " + desc.digest.str() + " cancelled");
    }
    return {};
}

Result<void> ProgressCounter::add(std::uint64_t bytes)
{
    m_bytes += bytes;
    if (!m_callback) {
        return {};
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last_report < k_report_interval && m_bytes != m_desc.size) {
        return {};
    }
    m_last_report = now;
    return report(m_callback, TransferState::in_progress, m_desc, m_bytes);
}

Result<std::size_t> ProgressSource::read(std::span<char> buffer)
{
    const auto n = ORAS_TRY(m_inner.read(buffer));
    ORAS_TRY(m_counter.add(n));
    return n;
}

Result<void> ProgressSource::rewind()
{
    m_counter.reset();
    return m_inner.rewind();
}

Result<void> ProgressSource::seek(std::uint64_t offset)
{
    m_counter.reset(offset);
    return m_inner.seek(offset);
}

Result<void> ProgressSink::write(std::string_view data)
{
    ORAS_TRY(m_inner.write(data));
    return m_counter.add(data.size());
}

} // namespace oras::ops
