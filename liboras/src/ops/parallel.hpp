// Running a command's blob transfers several at a time.
#pragma once

#include "oras/progress.hpp"
#include "oras/result.hpp"

#include <cstddef>
#include <functional>
#include <memory>

namespace oras::ops {

// Runs `task(i)` for every i below `count` on up to `workers` threads (in the calling thread,
// in order, when `workers` or `count` is at most 1). Once a task has failed no other starts;
// those running finish. Returns the failure of the lowest index that failed.
Result<void> for_each_parallel(std::size_t count,
                               int workers,
                               const std::function<Result<void>(std::size_t)>& task);

// `callback` made safe to call from several threads: calls go through one at a time. Empty
// when `callback` is.
ProgressCallback serialized(ProgressCallback callback);

} // namespace oras::ops
