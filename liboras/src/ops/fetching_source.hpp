// A blob read from one store while it is pushed to another: the fetch runs on a thread of its
// own and hands its bytes over in bounded chunks, so that a copy holds neither the whole blob
// nor a temporary file.
#pragma once

#include "oras/content.hpp"
#include "oras/io.hpp"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace oras::ops {

class FetchingSource final : public ByteSource
{
  public:
    // Starts fetching `desc` from `source` (which must outlive this) through fetch_verified();
    // at most `depth` chunks of about `chunk_size` bytes wait to be read.
    FetchingSource(Fetcher& source,
                   Descriptor desc,
                   std::size_t chunk_size = 256 * 1024,
                   std::size_t depth = 4);
    ~FetchingSource() override;
    FetchingSource(const FetchingSource&) = delete;
    FetchingSource& operator=(const FetchingSource&) = delete;

    // The next bytes fetched; 0 only once the fetch has ended and verified the whole blob.
    // Fails with the fetch's error (not_found, digest_mismatch, ...).
    Result<std::size_t> read(std::span<char> buffer) override;
    // Stops the fetch under way and starts it again from the first byte.
    Result<void> rewind() override;
    // The fetch's outcome once the pusher is done: when every byte was read, waits for the fetch
    // to end (a pusher may stop reading at the declared size, before the digest is checked);
    // when not (the destination had the blob), stops it and succeeds.
    Result<void> finish();

    // Called by the fetching thread's sink: queues `data`, waiting while the queue is full;
    // fails with cancelled once the reader has gone.
    Result<void> deliver(std::string_view data);

  private:
    void start();
    void stop();

    Fetcher& m_source;
    Descriptor m_desc;
    std::size_t m_chunk_size;
    std::size_t m_depth;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::string> m_queue;
    std::size_t m_front_offset = 0; // bytes of m_queue.front() already read
    std::uint64_t m_read = 0;       // bytes read since the fetch (re)started
    bool m_stopping = false;
    bool m_ended = false;
    std::optional<Error> m_error;
    std::thread m_worker;
};

} // namespace oras::ops
