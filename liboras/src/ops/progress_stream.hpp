// Byte-stream decorators that report a transfer through a ProgressCallback and turn its
// Continue::no into ErrorCode::cancelled.
#pragma once

#include "oras/io.hpp"
#include "oras/progress.hpp"

#include <chrono>
#include <cstdint>

namespace oras::ops {

// Counts what passes and reports TransferState::in_progress at most every 200 ms.
class ProgressCounter
{
  public:
    ProgressCounter(const Descriptor& desc, const ProgressCallback& callback)
        : m_desc(desc), m_callback(callback)
    {
    }
    // Adds `bytes`; fails with cancelled when the callback asks to stop.
    Result<void> add(std::uint64_t bytes);
    void reset(std::uint64_t bytes = 0) { m_bytes = bytes; }

  private:
    const Descriptor& m_desc;
    const ProgressCallback& m_callback;
    std::uint64_t m_bytes = 0;
    std::chrono::steady_clock::time_point m_last_report{};
};

class ProgressSource final : public ByteSource
{
  public:
    ProgressSource(ByteSource& inner, const Descriptor& desc, const ProgressCallback& callback)
        : m_inner(inner), m_counter(desc, callback)
    {
    }
    Result<std::size_t> read(std::span<char> buffer) override;
    Result<void> rewind() override;
    Result<void> seek(std::uint64_t offset) override;

  private:
    ByteSource& m_inner;
    ProgressCounter m_counter;
};

class ProgressSink final : public ByteSink
{
  public:
    ProgressSink(ByteSink& inner, const Descriptor& desc, const ProgressCallback& callback)
        : m_inner(inner), m_counter(desc, callback)
    {
    }
    Result<void> write(std::string_view data) override;

  private:
    ByteSink& m_inner;
    ProgressCounter m_counter;
};

// Reports `state` for `desc` when `callback` is set; fails with cancelled on Continue::no.
Result<void> report(const ProgressCallback& callback,
                    TransferState state,
                    const Descriptor& desc,
                    std::uint64_t bytes = 0);

} // namespace oras::ops
