// How registry requests are retried when the network or the registry fails for a moment.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

namespace oras {

// Connection failures, timeouts and the answers 408, 429, 500, 502, 503 and 504 are retried
// with exponential backoff and jitter; a Retry-After (seconds or an HTTP date) is honoured when
// it asks for at most `max_wait`. Other 4xx answers and digest mismatches are never retried.
struct RetryOptions
{
    int max_retries = 5;                        // attempts after the first (--retries)
    std::chrono::milliseconds first_delay{250}; // doubled after each attempt, +-50% jitter
    std::chrono::seconds max_wait{30};          // the longest single wait (--retry-max-wait)
    // No retry waits past this (set from RemoteOptions::timeout when the target is opened).
    std::optional<std::chrono::steady_clock::time_point> deadline;
    // How to wait; empty: std::this_thread::sleep_for. Tests and cancellable callers replace it.
    std::function<void(std::chrono::milliseconds)> sleep;
};

} // namespace oras
