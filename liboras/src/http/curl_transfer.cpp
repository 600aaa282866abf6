#include "http/curl_transfer.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace oras::http {

namespace {

std::string_view trim(std::string_view text)
{
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

// "HTTP/1.1 200 OK" or "HTTP/2 200": the number after the first space.
long parse_status(std::string_view status_line)
{
    const std::size_t space = status_line.find(' ');
    if (space == std::string_view::npos) {
        return 0;
    }
    const std::string_view rest = status_line.substr(space + 1);
    long status = 0;
    const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), status);
    return error == std::errc() ? status : 0;
}

std::optional<std::uint64_t> parse_length(std::string_view text)
{
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

template <typename Function> auto guarded(Function&& function, decltype(function()) on_exception)
{
    try {
        return function();
    } catch (...) {
        return on_exception;
    }
}

} // namespace

std::size_t Transfer::on_header(char* data, std::size_t size, std::size_t count, void* self)
{
    auto* transfer = static_cast<Transfer*>(self);
    return guarded([&] { return transfer->header(std::string_view(data, size * count)); },
                   std::size_t{0});
}

std::size_t Transfer::on_write(char* data, std::size_t size, std::size_t count, void* self)
{
    auto* transfer = static_cast<Transfer*>(self);
    return guarded([&] { return transfer->write(std::string_view(data, size * count)); },
                   std::size_t{0});
}

std::size_t Transfer::on_read(char* data, std::size_t size, std::size_t count, void* self)
{
    auto* transfer = static_cast<Transfer*>(self);
    return guarded([&] { return transfer->read(std::span<char>(data, size * count)); },
                   std::size_t{CURL_READFUNC_ABORT});
}

int Transfer::on_seek(void* self, curl_off_t offset, int origin)
{
    auto* transfer = static_cast<Transfer*>(self);
    return guarded([&] { return transfer->seek(offset, origin); }, int{CURL_SEEKFUNC_FAIL});
}

int Transfer::on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    auto* transfer = static_cast<Transfer*>(self);
    return guarded(
        [&] {
            if (transfer->m_request.cancellable && transfer->m_cancelled &&
                transfer->m_cancelled()) {
                transfer->m_failure = fail(ErrorCode::cancelled, "interrupted");
                return 1;
            }
            return 0;
        },
        1);
}

bool Transfer::is_success() const
{
    return m_response.status >= 200 && m_response.status < 300;
}

// RFC 9112 §4 (status line) and §5 (field lines). A new status line starts a new response
// (a redirect hop, a 100 Continue, a proxy CONNECT), so what was collected before is dropped.
std::size_t Transfer::header(std::string_view line)
{
    if (line.starts_with("HTTP/")) {
        m_response.status = parse_status(trim(line));
        m_response.headers.clear();
        m_response.body.clear();
        m_truncated = false;
        m_received = 0;
        m_checked_range = false;
        return line.size();
    }
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t') &&
        !m_response.headers.empty()) {
        // Obsolete line folding: a continuation of the previous value.
        m_response.headers.back().second += " ";
        m_response.headers.back().second += trim(line);
        return line.size();
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
        return line.size(); // the blank line that ends the header block
    }
    m_response.headers.emplace_back(ascii_lower(trim(line.substr(0, colon))),
                                    std::string(trim(line.substr(colon + 1))));
    return line.size();
}

std::optional<std::string_view> Transfer::resumed_part(std::string_view data)
{
    const std::uint64_t start = *m_request.range_from;
    if (m_response.status == 206) {
        if (!m_checked_range) {
            const std::string expected = "bytes " + std::to_string(start) + "-";
            const auto range = m_response.header("content-range");
            if (!range || !range->starts_with(expected)) {
                m_failure = fail(ErrorCode::http,
                                 "asked for the bytes from " + std::to_string(start) +
                                     " on but got a partial answer (206) that does not start "
                                     "there");
                return std::nullopt;
            }
            m_checked_range = true;
        }
        return data;
    }
    // A 200: the whole body again; drop what the sink already has.
    const std::uint64_t before = m_received;
    m_received += data.size();
    if (before >= start) {
        return data;
    }
    const std::uint64_t skip = std::min<std::uint64_t>(data.size(), start - before);
    return data.substr(static_cast<std::size_t>(skip));
}

std::size_t Transfer::write(std::string_view data)
{
    if (is_success() && m_request.sink != nullptr) {
        std::string_view part = data;
        if (m_request.range_from) {
            const auto resumed = resumed_part(data);
            if (!resumed) {
                return 0;
            }
            part = *resumed;
        }
        if (part.empty()) {
            return data.size();
        }
        if (auto written = m_request.sink->write(part); !written) {
            m_failure = std::move(written).error();
            return 0;
        }
        return data.size();
    }
    if (is_success()) {
        return write_to_body(data);
    }
    // An error body: keep what fits, then stop the transfer (the status is already known).
    const std::size_t room =
        m_request.max_body - std::min(m_request.max_body, m_response.body.size());
    m_response.body.append(data.substr(0, room));
    if (data.size() > room) {
        m_truncated = true;
        return 0;
    }
    return data.size();
}

std::size_t Transfer::write_to_body(std::string_view data)
{
    const std::size_t cap = m_request.max_body;
    if (m_response.body.empty()) {
        // Refuse before reading when the declared length is already over the cap.
        const auto declared = m_response.header("content-length");
        const auto length = declared ? parse_length(*declared) : std::nullopt;
        if (length && *length > cap) {
            m_failure = fail(ErrorCode::too_large,
                             "response of " + std::to_string(*length) + " bytes is over the " +
                                 std::to_string(cap) + "-byte limit");
            return 0;
        }
    }
    if (m_response.body.size() + data.size() > cap) {
        m_failure = fail(ErrorCode::too_large,
                         "response is over the " + std::to_string(cap) + "-byte limit");
        return 0;
    }
    m_response.body.append(data);
    return data.size();
}

std::size_t Transfer::read(std::span<char> buffer)
{
    if (m_request.body == nullptr) {
        return 0;
    }
    std::size_t wanted = buffer.size();
    if (m_request.body_size) {
        wanted = static_cast<std::size_t>(
            std::min<std::uint64_t>(wanted, *m_request.body_size - m_sent));
        if (wanted == 0) {
            return 0;
        }
    }
    auto count = m_request.body->read(buffer.first(wanted));
    if (!count) {
        m_failure = std::move(count).error();
        return CURL_READFUNC_ABORT;
    }
    if (*count == 0 && m_request.body_size && m_sent < *m_request.body_size) {
        m_failure = fail(ErrorCode::size_mismatch,
                         "request body ended after " + std::to_string(m_sent) + " of " +
                             std::to_string(*m_request.body_size) + " bytes");
        return CURL_READFUNC_ABORT;
    }
    m_sent += *count;
    return *count;
}

// libcurl asks to rewind the body when it must send it again (a redirect, a retried
// connection); only a rewind to the start is supported.
int Transfer::seek(curl_off_t offset, int origin)
{
    if (m_request.body == nullptr) {
        return CURL_SEEKFUNC_OK;
    }
    if (offset != 0 || origin != SEEK_SET) {
        return CURL_SEEKFUNC_CANTSEEK;
    }
    if (auto rewound = m_request.body->rewind(); !rewound) {
        m_failure = std::move(rewound).error();
        return CURL_SEEKFUNC_FAIL;
    }
    m_sent = 0;
    return CURL_SEEKFUNC_OK;
}

} // namespace oras::http
