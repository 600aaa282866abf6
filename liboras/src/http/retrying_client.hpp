// Retries (the go-retryablehttp / oras-go retry.Client idea): a decorator that resends a
// request after a transient failure, and the backoff that uploads and downloads share.
#pragma once

#include "http/http_client.hpp"
#include "oras/debug_log.hpp"
#include "oras/result.hpp"
#include "oras/retry.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <random>

namespace oras::http {

// 408, 429, 500, 502, 503, 504.
bool is_transient_status(long status);

// A failure worth another attempt: a network failure (refused, reset, timeout, DNS) or a
// transient status. TLS failures, local I/O, cancellation, digest and size mismatches are not.
bool is_transient(const Error& error);

// The waits between attempts of one exchange.
class Backoff
{
  public:
    explicit Backoff(RetryOptions options);

    // The wait before the next attempt: first_delay doubled per attempt made, with +-50%
    // jitter, at most max_wait; `retry_after` (from the failed answer) replaces it. nullopt
    // when max_retries attempts were made already, when `retry_after` exceeds max_wait, or
    // when the wait would end past RetryOptions::deadline.
    std::optional<std::chrono::milliseconds> next(std::optional<std::chrono::seconds> retry_after);

    // Waits `delay` through RetryOptions::sleep.
    void wait(std::chrono::milliseconds delay) const;

    // Attempts made after the first.
    [[nodiscard]] int retries() const { return m_retries; }

  private:
    RetryOptions m_options;
    int m_retries = 0;
    std::minstd_rand m_random;
};

// Wraps `inner`: a request whose attempt failed with a network failure or a transient status
// is sent again, after Backoff's wait, as long as its body can be rewound, its sink received
// nothing and Request::may_retry holds. The last attempt's outcome is returned; a network
// failure's message then says how many attempts were made. Each retry is logged to `debug`.
std::unique_ptr<Client>
make_retrying_client(std::shared_ptr<Client> inner, RetryOptions options, DebugLog debug);

} // namespace oras::http
