#include "content/pipelined_sink.hpp"

namespace oras {

PipelinedSink::PipelinedSink(ByteSink& inner, std::size_t chunk_size, std::size_t depth)
    : m_inner(inner), m_chunk_size(chunk_size), m_depth(depth), m_worker([this] { work(); })
{
    m_current.reserve(m_chunk_size);
}

PipelinedSink::~PipelinedSink()
{
    stop();
}

void PipelinedSink::stop()
{
    {
        const std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_changed.notify_all();
    if (m_worker.joinable()) {
        m_worker.join();
    }
}

void PipelinedSink::work()
{
    for (;;) {
        std::string chunk;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return !m_queue.empty() || m_closed; });
            if (m_queue.empty()) {
                return; // closed and drained
            }
            chunk = std::move(m_queue.front());
            m_queue.pop_front();
        }
        m_changed.notify_all();
        Result<void> written = m_inner.write(chunk);
        const std::lock_guard lock(m_mutex);
        if (!written) {
            m_error = std::move(written).error();
            m_queue.clear();
            m_closed = true;
            m_changed.notify_all();
            return;
        }
        chunk.clear();
        m_spare.push_back(std::move(chunk));
    }
}

Result<void> PipelinedSink::enqueue(std::string chunk)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < m_depth || m_closed; });
    if (m_error) {
        return *m_error;
    }
    if (m_closed) {
        return fail(ErrorCode::internal, "write after finish");
    }
    m_queue.push_back(std::move(chunk));
    lock.unlock();
    m_changed.notify_all();
    return {};
}

Result<void> PipelinedSink::write(std::string_view data)
{
    while (!data.empty()) {
        const std::size_t take = std::min(data.size(), m_chunk_size - m_current.size());
        m_current.append(data.substr(0, take));
        data.remove_prefix(take);
        if (m_current.size() == m_chunk_size) {
            std::string next;
            {
                const std::lock_guard lock(m_mutex);
                if (!m_spare.empty()) {
                    next = std::move(m_spare.back());
                    m_spare.pop_back();
                }
            }
            next.reserve(m_chunk_size);
            next.swap(m_current);
            ORAS_TRY(enqueue(std::move(next)));
        }
    }
    return {};
}

Result<void> PipelinedSink::finish()
{
    if (!m_current.empty()) {
        ORAS_TRY(enqueue(std::move(m_current)));
        m_current.clear();
    }
    stop();
    if (m_error) {
        return *m_error;
    }
    return {};
}

} // namespace oras
