// The state of one libcurl exchange and the callbacks that feed it: the request body is read
// from Request::body, response headers are collected lower-cased, and the response body goes to
// Request::sink for a 2xx status or into Response::body otherwise.
#pragma once

#include "http/http_client.hpp"

#include <curl/curl.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>

namespace oras::http {

class Transfer
{
  public:
    // `cancelled` (may be empty) is polled by on_progress() for a cancellable request.
    Transfer(const Request& request, const std::function<bool()>& cancelled)
        : m_request(request), m_cancelled(cancelled)
    {
    }

    // libcurl callbacks; `self` is the Transfer given as the matching CURLOPT_*DATA.
    static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
    static std::size_t on_write(char* data, std::size_t size, std::size_t count, void* self);
    static std::size_t on_read(char* data, std::size_t size, std::size_t count, void* self);
    static int on_seek(void* self, curl_off_t offset, int origin);
    static int on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t);

    // The Error a body source, sink or cap reported inside a callback, if any: send() returns
    // it rather than libcurl's "aborted by callback".
    [[nodiscard]] const std::optional<Error>& failure() const { return m_failure; }
    // True when a non-2xx body was cut at Request::max_body (the transfer was stopped there).
    [[nodiscard]] bool error_body_truncated() const { return m_truncated; }
    Response& response() { return m_response; }

  private:
    std::size_t header(std::string_view line);
    std::size_t write(std::string_view data);
    std::size_t read(std::span<char> buffer);
    int seek(curl_off_t offset, int origin);
    std::size_t write_to_body(std::string_view data);
    // What of `data` reaches the sink of a resumed download (Request::range_from); sets
    // m_failure and returns nullopt when a 206 starts elsewhere.
    std::optional<std::string_view> resumed_part(std::string_view data);
    [[nodiscard]] bool is_success() const;

    const Request& m_request;
    const std::function<bool()>& m_cancelled;
    Response m_response;
    std::optional<Error> m_failure;
    std::uint64_t m_sent = 0;
    std::uint64_t m_received = 0; // body bytes of a 2xx answer
    bool m_checked_range = false;
    bool m_truncated = false;
};

} // namespace oras::http
