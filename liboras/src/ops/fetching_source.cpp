#include "ops/fetching_source.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace oras::ops {

namespace {

// The fetching thread's sink: every write goes to FetchingSource::deliver().
class DeliveringSink final : public ByteSink
{
  public:
    explicit DeliveringSink(FetchingSource& to) : m_to(to) {}
    Result<void> write(std::string_view data) override { return m_to.deliver(data); }

  private:
    FetchingSource& m_to;
};

} // namespace

FetchingSource::FetchingSource(Fetcher& source,
                               Descriptor desc,
                               std::size_t chunk_size,
                               std::size_t depth)
    : m_source(source), m_desc(std::move(desc)), m_chunk_size(chunk_size), m_depth(depth)
{
    start();
}

FetchingSource::~FetchingSource()
{
    stop();
}

void FetchingSource::start()
{
    m_queue.clear();
    m_front_offset = 0;
    m_read = 0;
    m_stopping = false;
    m_ended = false;
    m_error.reset();
    m_worker = std::thread([this] {
        DeliveringSink sink(*this);
        Result<void> fetched = fetch_verified(m_source, m_desc, sink);
        const std::lock_guard lock(m_mutex);
        m_ended = true;
        if (!fetched) {
            m_error = std::move(fetched).error();
        }
        m_changed.notify_all();
    });
}

void FetchingSource::stop()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    if (m_worker.joinable()) {
        m_worker.join();
    }
}

Result<void> FetchingSource::deliver(std::string_view data)
{
    while (!data.empty()) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_queue.size() < m_depth || m_stopping; });
        if (m_stopping) {
            return fail(ErrorCode::cancelled, "fetch of " + m_desc.digest.str() + " stopped");
        }
        const std::size_t take = std::min(data.size(), m_chunk_size);
        m_queue.emplace_back(data.substr(0, take));
        data.remove_prefix(take);
        lock.unlock();
        m_changed.notify_all();
    }
    return {};
}

Result<std::size_t> FetchingSource::read(std::span<char> buffer)
{
    if (buffer.empty()) {
        return std::size_t{0};
    }
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_queue.empty() || m_ended; });
    if (m_queue.empty()) {
        if (m_error) {
            return *m_error;
        }
        return std::size_t{0};
    }
    const std::string& front = m_queue.front();
    const std::size_t count = std::min(buffer.size(), front.size() - m_front_offset);
    std::memcpy(buffer.data(), front.data() + m_front_offset, count);
    m_front_offset += count;
    m_read += count;
    if (m_front_offset == front.size()) {
        m_queue.pop_front();
        m_front_offset = 0;
        lock.unlock();
        m_changed.notify_all();
    }
    return count;
}

Result<void> FetchingSource::rewind()
{
    stop();
    start();
    return {};
}

Result<void> FetchingSource::finish()
{
    std::unique_lock lock(m_mutex);
    if (m_read < m_desc.size) {
        // The destination had the blob and took none or part of it: the fetch is not needed.
        lock.unlock();
        stop();
        return {};
    }
    // Every byte was read: the fetch only has its digest left to check.
    m_changed.wait(lock, [this] { return m_ended; });
    if (m_error) {
        return *m_error;
    }
    return {};
}

} // namespace oras::ops
