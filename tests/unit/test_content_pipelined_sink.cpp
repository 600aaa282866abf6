// PipelinedSink: everything arrives in order, in chunks, from another thread; an error of the
// inner sink reaches the writer; finish() hands over the last partial chunk.
#include "content/pipelined_sink.hpp"

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

namespace {

// Records what it gets and on which thread; fails once it has `fail_after` bytes.
class RecordingSink final : public oras::ByteSink
{
  public:
    std::string bytes;
    std::vector<std::size_t> chunks;
    std::vector<std::thread::id> threads;
    std::size_t fail_after = static_cast<std::size_t>(-1);

    oras::Result<void> write(std::string_view data) override
    {
        if (bytes.size() + data.size() > fail_after) {
            return oras::fail(oras::ErrorCode::io, "disk full (test)");
        }
        bytes.append(data);
        chunks.push_back(data.size());
        threads.push_back(std::this_thread::get_id());
        return {};
    }
};

std::string pattern(std::size_t size)
{
    std::string text(size, '\0');
    for (std::size_t i = 0; i < size; ++i) {
        text[i] = static_cast<char>('a' + i % 26);
    }
    return text;
}

} // namespace

TEST_CASE("PipelinedSink passes everything on, in order, in chunks, from a worker thread")
{
    RecordingSink inner;
    const std::string data = pattern(10'000);
    {
        oras::PipelinedSink sink(inner, 1024, 2);
        for (std::size_t at = 0; at < data.size();) {
            const std::size_t n = std::min<std::size_t>(data.size() - at, 1 + (at * 7) % 3000);
            REQUIRE(sink.write(std::string_view(data).substr(at, n)));
            at += n;
        }
        REQUIRE(sink.finish());
    }
    CHECK(inner.bytes == data);
    REQUIRE(inner.chunks.size() == 10);
    CHECK(inner.chunks.front() == 1024);
    CHECK(inner.chunks.back() == 10'000 - 9 * 1024);
    for (const auto id : inner.threads) {
        CHECK(id != std::this_thread::get_id());
    }
}

TEST_CASE("PipelinedSink reports the inner sink's error")
{
    RecordingSink inner;
    inner.fail_after = 3000;
    oras::PipelinedSink sink(inner, 1024, 2);
    const std::string data = pattern(1024);
    oras::Result<void> result;
    for (int i = 0; i < 50 && result; ++i) {
        result = sink.write(data);
    }
    oras::Result<void> finished = sink.finish();
    // The error shows on a later write, or at the latest from finish().
    const oras::Error& error = result ? finished.error() : result.error();
    CHECK_FALSE(finished);
    CHECK(error.message == "disk full (test)");
    CHECK(inner.bytes.size() == 2048);
}

TEST_CASE("PipelinedSink destroyed without finish() stops its worker")
{
    RecordingSink inner;
    {
        oras::PipelinedSink sink(inner, 100, 1);
        REQUIRE(sink.write(pattern(250)));
    }
    CHECK(inner.bytes.size() <= 250);
}
