#include "http/retrying_client.hpp"

#include "http/retry_after.hpp"
#include "http/url_redact.hpp"

#include <algorithm>
#include <thread>

namespace oras::http {

namespace {

// Passes bytes on and remembers whether any arrived.
class WatchedSink final : public ByteSink
{
  public:
    explicit WatchedSink(ByteSink& inner) : m_inner(inner) {}

    Result<void> write(std::string_view data) override
    {
        m_written = m_written || !data.empty();
        return m_inner.write(data);
    }

    [[nodiscard]] bool written() const { return m_written; }

  private:
    ByteSink& m_inner;
    bool m_written = false;
};

std::string seconds_text(std::chrono::milliseconds delay)
{
    const auto tenths = (delay.count() + 50) / 100;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

class RetryingClient final : public Client
{
  public:
    RetryingClient(std::shared_ptr<Client> inner, RetryOptions options, DebugLog debug)
        : m_inner(std::move(inner)), m_options(std::move(options)), m_debug(std::move(debug))
    {
    }

    Result<Response> send(const Request& request) override
    {
        Backoff backoff(m_options);
        for (;;) {
            Request attempt = request;
            std::optional<WatchedSink> watched;
            if (request.sink != nullptr) {
                attempt.sink = &watched.emplace(*request.sink);
            }
            Result<Response> result = m_inner->send(attempt);
            const bool transient =
                result ? is_transient_status(result->status) : is_transient(result.error());
            if (!transient || !request.may_retry || (watched && watched->written())) {
                return finish(std::move(result), backoff);
            }
            const auto delay =
                backoff.next(result ? retry_after(*result) : std::optional<std::chrono::seconds>{});
            if (!delay || (request.body != nullptr && !request.body->rewind())) {
                return finish(std::move(result), backoff);
            }
            if (m_debug) {
                // A failure's message already names the request.
                const std::string what = result ? request.method + " " +
                                                      redact_url_and_query(request.url) +
                                                      ": status " + std::to_string(result->status)
                                                : result.error().message;
                m_debug(what + "; retry " + std::to_string(backoff.retries()) + " of " +
                        std::to_string(m_options.max_retries) + " in " + seconds_text(*delay));
            }
            backoff.wait(*delay);
        }
    }

  private:
    static Result<Response> finish(Result<Response> result, const Backoff& backoff)
    {
        if (!result && backoff.retries() > 0) {
            Error error = std::move(result).error();
            error.message += " (" + std::to_string(backoff.retries() + 1) + " attempts)";
            return error;
        }
        return result;
    }

    std::shared_ptr<Client> m_inner;
    RetryOptions m_options;
    DebugLog m_debug;
};

} // namespace

bool is_transient_status(long status)
{
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 ||
           status == 504;
}

bool is_transient(const Error& error)
{
    if (error.code == ErrorCode::network) {
        return true;
    }
    return error.http_status && is_transient_status(*error.http_status) &&
           error.code != ErrorCode::digest_mismatch && error.code != ErrorCode::size_mismatch;
}

Backoff::Backoff(RetryOptions options)
    : m_options(std::move(options)), m_random(std::random_device{}())
{
}

std::optional<std::chrono::milliseconds>
Backoff::next(std::optional<std::chrono::seconds> retry_after)
{
    if (m_retries >= m_options.max_retries) {
        return std::nullopt;
    }
    const std::chrono::milliseconds cap = m_options.max_wait;
    std::chrono::milliseconds delay{};
    if (retry_after) {
        if (*retry_after > m_options.max_wait) {
            return std::nullopt;
        }
        delay = *retry_after;
    } else {
        const int doublings = std::min(m_retries, 20);
        const auto base = std::min(cap, m_options.first_delay * (std::int64_t{1} << doublings));
        std::uniform_int_distribution<std::int64_t> jitter(base.count() / 2, base.count() * 3 / 2);
        delay = std::min(cap, std::chrono::milliseconds(jitter(m_random)));
    }
    if (m_options.deadline && std::chrono::steady_clock::now() + delay >= *m_options.deadline) {
        return std::nullopt;
    }
    ++m_retries;
    return delay;
}

void Backoff::wait(std::chrono::milliseconds delay) const
{
    if (m_options.sleep) {
        m_options.sleep(delay);
    } else {
        std::this_thread::sleep_for(delay);
    }
}

std::unique_ptr<Client>
make_retrying_client(std::shared_ptr<Client> inner, RetryOptions options, DebugLog debug)
{
    return std::make_unique<RetryingClient>(std::move(inner), std::move(options), std::move(debug));
}

} // namespace oras::http
