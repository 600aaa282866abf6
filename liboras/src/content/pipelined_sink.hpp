// Overlaps receiving with what the sink chain does with the bytes (hashing, writing): the
// network thread copies into chunks and a worker thread passes each chunk on.
#pragma once

#include "oras/io.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace oras {

class PipelinedSink final : public ByteSink
{
  public:
    // Passes everything written on to `inner` (which must outlive this sink) from a worker
    // thread, in chunks of `chunk_size` bytes, with at most `depth` full chunks waiting: memory
    // stays under (depth + 1) * chunk_size whatever the blob's size.
    explicit PipelinedSink(ByteSink& inner,
                           std::size_t chunk_size = 512 * 1024,
                           std::size_t depth = 2);
    ~PipelinedSink() override;
    PipelinedSink(const PipelinedSink&) = delete;
    PipelinedSink& operator=(const PipelinedSink&) = delete;

    // Copies `data`; fails with the error `inner` reported for an earlier chunk, if any.
    Result<void> write(std::string_view data) override;

    // Hands over the last chunk, waits until `inner` has had everything, and returns the first
    // error `inner` reported. Call once, after the last write().
    Result<void> finish();

  private:
    void work();
    Result<void> enqueue(std::string chunk);
    void stop();

    ByteSink& m_inner;
    std::size_t m_chunk_size;
    std::size_t m_depth;
    std::string m_current;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::string> m_queue;
    // Chunks the worker is done with, reused so that no chunk is allocated (and page-faulted
    // in) more than once.
    std::vector<std::string> m_spare;
    bool m_closed = false;
    std::optional<Error> m_error;
    std::thread m_worker;
};

} // namespace oras
