#include "ops/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace oras::ops {

Result<void> for_each_parallel(std::size_t count,
                               int workers,
                               const std::function<Result<void>(std::size_t)>& task)
{
    if (workers <= 1 || count <= 1) {
        for (std::size_t i = 0; i < count; ++i) {
            ORAS_TRY(task(i));
        }
        return {};
    }
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::mutex mutex;
    std::optional<std::pair<std::size_t, Error>> first_failure;
    const auto work = [&] {
        for (;;) {
            const std::size_t i = next.fetch_add(1);
            if (i >= count || failed.load()) {
                return;
            }
            Result<void> result = task(i);
            if (!result) {
                failed.store(true);
                const std::lock_guard lock(mutex);
                if (!first_failure || i < first_failure->first) {
                    first_failure.emplace(i, std::move(result).error());
                }
            }
        }
    };
    const auto threads = std::min<std::size_t>(static_cast<std::size_t>(workers), count);
    {
        std::vector<std::jthread> pool;
        pool.reserve(threads);
        for (std::size_t t = 0; t < threads; ++t) {
            pool.emplace_back(work);
        }
    }
    if (first_failure) {
        return std::move(first_failure->second);
    }
    return {};
}

ProgressCallback serialized(ProgressCallback callback)
{
    if (!callback) {
        return callback;
    }
    auto mutex = std::make_shared<std::mutex>();
    return [callback = std::move(callback), mutex](const TransferEvent& event) {
        const std::lock_guard lock(*mutex);
        return callback(event);
    };
}

} // namespace oras::ops
