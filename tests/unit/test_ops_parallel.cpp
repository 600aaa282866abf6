// for_each_parallel and serialized(): every task runs once, tasks overlap up to the worker
// count, a failure stops new tasks and the lowest failed index is reported, and a serialized
// progress callback is never entered twice at once.
#include "ops/parallel.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using oras::ErrorCode;

namespace {

// Counts tasks running at the same time.
struct Overlap
{
    std::atomic<int> running{0};
    std::atomic<int> most{0};

    void enter()
    {
        const int now = running.fetch_add(1) + 1;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
    }
    void leave() { running.fetch_sub(1); }
};

} // namespace

TEST_CASE("for_each_parallel runs every task once, up to `workers` at a time")
{
    for (const int workers : {1, 3, 8}) {
        CAPTURE(workers);
        Overlap overlap;
        std::mutex mutex;
        std::multiset<std::size_t> done;
        const auto result = oras::ops::for_each_parallel(12, workers, [&](std::size_t i) {
            overlap.enter();
            std::this_thread::sleep_for(20ms);
            overlap.leave();
            const std::lock_guard lock(mutex);
            done.insert(i);
            return oras::Result<void>{};
        });
        REQUIRE(result);
        CHECK(done.size() == 12);
        CHECK(std::set<std::size_t>(done.begin(), done.end()).size() == 12);
        CHECK(overlap.most.load() <= workers);
        if (workers > 1) {
            CHECK(overlap.most.load() > 1);
        } else {
            CHECK(overlap.most.load() == 1);
        }
    }
}

TEST_CASE("for_each_parallel: after a failure no task starts; the lowest failed index wins")
{
    std::atomic<int> started{0};
    const auto result = oras::ops::for_each_parallel(100, 4, [&](std::size_t i) {
        started.fetch_add(1);
        std::this_thread::sleep_for(5ms);
        if (i == 5 || i == 6) {
            return oras::Result<void>(oras::fail(ErrorCode::network, "task " + std::to_string(i)));
        }
        return oras::Result<void>{};
    });
    REQUIRE_FALSE(result);
    CHECK(result.error().message == "task 5");
    CHECK(started.load() < 100);

    const auto inline_result = oras::ops::for_each_parallel(10, 1, [&](std::size_t i) {
        return i == 2 ? oras::Result<void>(oras::fail(ErrorCode::io, "stop"))
                      : oras::Result<void>{};
    });
    REQUIRE_FALSE(inline_result);
    CHECK(inline_result.error().message == "stop");
}

TEST_CASE("serialized progress callbacks are entered one at a time")
{
    Overlap overlap;
    int calls = 0;
    const oras::ProgressCallback callback = oras::ops::serialized([&](const oras::TransferEvent&) {
        overlap.enter();
        ++calls; // unguarded: a data race if two calls overlapped
        std::this_thread::sleep_for(1ms);
        overlap.leave();
        return oras::Continue::yes;
    });
    const oras::Descriptor desc;
    REQUIRE(oras::ops::for_each_parallel(40, 8, [&](std::size_t) {
        callback(oras::TransferEvent{oras::TransferState::in_progress, desc, 0});
        return oras::Result<void>{};
    }));
    CHECK(calls == 40);
    CHECK(overlap.most.load() == 1);
    CHECK_FALSE(oras::ops::serialized({}));
}
