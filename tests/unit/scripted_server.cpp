#include "scripted_server.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace coras_test {

namespace {

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return out;
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

std::string_view reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 307:
        return "Temporary Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

// Decodes a chunked body starting at `pos`; returns the end offset, or nullopt if incomplete.
std::optional<std::size_t> dechunk(std::string_view buffer, std::size_t pos, std::string& body)
{
    for (;;) {
        const std::size_t line_end = buffer.find("\r\n", pos);
        if (line_end == std::string_view::npos) {
            return std::nullopt;
        }
        std::size_t size = 0;
        std::from_chars(buffer.data() + pos, buffer.data() + line_end, size, 16);
        pos = line_end + 2;
        if (size == 0) {
            if (buffer.substr(pos).starts_with("\r\n")) {
                return pos + 2;
            }
            const std::size_t end = buffer.find("\r\n\r\n", pos);
            return end == std::string_view::npos ? std::nullopt : std::optional(end + 4);
        }
        if (buffer.size() < pos + size + 2) {
            return std::nullopt;
        }
        body.append(buffer.substr(pos, size));
        pos += size + 2;
    }
}

// One complete request at the start of `buffer` and its length, or nullopt if incomplete.
std::optional<std::pair<ReceivedRequest, std::size_t>> parse_request(std::string_view buffer)
{
    const std::size_t head_end = buffer.find("\r\n\r\n");
    if (head_end == std::string_view::npos) {
        return std::nullopt;
    }
    ReceivedRequest request;
    std::string_view head = buffer.substr(0, head_end + 2);
    const std::size_t first_line_end = head.find("\r\n");
    const std::string_view line = head.substr(0, first_line_end);
    const std::size_t space1 = line.find(' ');
    const std::size_t space2 = line.find(' ', space1 + 1);
    request.method = std::string(line.substr(0, space1));
    request.target = std::string(line.substr(space1 + 1, space2 - space1 - 1));
    head.remove_prefix(first_line_end + 2);
    while (!head.empty()) {
        const std::size_t end = head.find("\r\n");
        const std::string_view field = head.substr(0, end);
        const std::size_t colon = field.find(':');
        request.headers.emplace_back(lower(trim(field.substr(0, colon))),
                                     std::string(trim(field.substr(colon + 1))));
        head.remove_prefix(end + 2);
    }
    std::size_t end = head_end + 4;
    if (lower(request.header("transfer-encoding").value_or("")) == "chunked") {
        const auto chunked_end = dechunk(buffer, end, request.body);
        if (!chunked_end) {
            return std::nullopt;
        }
        end = *chunked_end;
    } else if (const auto length = request.header("content-length")) {
        const std::size_t size = std::stoull(*length);
        if (buffer.size() < end + size) {
            return std::nullopt;
        }
        request.body = std::string(buffer.substr(end, size));
        end += size;
    }
    return std::pair(std::move(request), end);
}

void send_all(int fd, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (sent <= 0) {
            return; // the client went away (e.g. it refused an oversized body)
        }
        data.remove_prefix(static_cast<std::size_t>(sent));
    }
}

bool matches(std::string_view expected, const ReceivedRequest& request)
{
    const std::string actual = request.method + " " + request.target;
    if (expected.ends_with('*')) {
        expected.remove_suffix(1);
        return std::string_view(actual).starts_with(expected);
    }
    return actual == expected;
}

} // namespace

std::optional<std::string> ReceivedRequest::header(std::string_view name) const
{
    for (const auto& [key, value] : headers) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

std::string format_reply(const Reply& reply, std::string_view method)
{
    if (!reply.raw.empty()) {
        return reply.raw;
    }
    std::string text = "HTTP/1.1 " + std::to_string(reply.status) + " " +
                       std::string(reason(reply.status)) + "\r\n";
    bool has_length = false;
    for (const auto& [name, value] : reply.headers) {
        text += name + ": " + value + "\r\n";
        has_length = has_length || lower(name) == "content-length";
    }
    if (reply.add_content_length && !has_length) {
        text += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n";
    }
    if (reply.close_after) {
        text += "Connection: close\r\n";
    }
    text += "\r\n";
    if (method != "HEAD") {
        text += reply.body;
    }
    return text;
}

ScriptedServer::ScriptedServer()
{
    m_listen_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    if (m_listen_fd < 0 ||
        ::bind(m_listen_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::listen(m_listen_fd, 16) != 0 ||
        ::getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error("scripted server: cannot listen on 127.0.0.1");
    }
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { serve(); });
}

ScriptedServer::~ScriptedServer()
{
    for (const std::string& problem : take_problems()) {
        FAIL_CHECK("scripted server at " << url() << ": " << problem);
    }
}

std::string ScriptedServer::url() const
{
    return "http://127.0.0.1:" + std::to_string(m_port);
}

void ScriptedServer::expect(std::string request_line, Reply reply)
{
    const std::lock_guard lock(m_mutex);
    m_steps.push_back(Step{std::move(request_line), std::move(reply)});
}

void ScriptedServer::stop()
{
    if (!m_stopped) {
        m_stopped = true;
        m_stop = true;
        m_thread.join();
        ::close(m_listen_fd);
    }
}

std::vector<std::string> ScriptedServer::take_problems()
{
    stop();
    const std::lock_guard lock(m_mutex);
    std::vector<std::string> problems = std::move(m_problems);
    m_problems.clear();
    for (std::size_t i = m_next_step; i < m_steps.size(); ++i) {
        problems.push_back("expected request never came: " + m_steps[i].request_line);
    }
    m_next_step = m_steps.size();
    return problems;
}

std::vector<ReceivedRequest> ScriptedServer::received() const
{
    const std::lock_guard lock(m_mutex);
    return m_received;
}

void ScriptedServer::serve()
{
    std::vector<Connection> connections;
    while (!m_stop) {
        std::vector<pollfd> fds{{m_listen_fd, POLLIN, 0}};
        for (const Connection& connection : connections) {
            fds.push_back({connection.fd, POLLIN, 0});
        }
        if (::poll(fds.data(), fds.size(), 20) <= 0) {
            continue;
        }
        if ((fds[0].revents & POLLIN) != 0) {
            connections.push_back(Connection{::accept(m_listen_fd, nullptr, nullptr), {}});
            ++m_connections;
        }
        for (std::size_t i = 1; i < fds.size(); ++i) {
            if (fds[i].revents == 0) {
                continue;
            }
            Connection& connection = connections[i - 1];
            char block[65536];
            const ssize_t count = ::recv(connection.fd, block, sizeof(block), 0);
            bool keep = count > 0;
            if (keep) {
                connection.buffer.append(block, static_cast<std::size_t>(count));
                keep = serve_buffered(connection);
            }
            if (!keep) {
                ::close(connection.fd);
                connection.fd = -1;
            }
        }
        std::erase_if(connections, [](const Connection& c) { return c.fd < 0; });
    }
    for (const Connection& connection : connections) {
        ::close(connection.fd);
    }
}

bool ScriptedServer::serve_buffered(Connection& connection)
{
    for (;;) {
        auto parsed = parse_request(connection.buffer);
        if (!parsed) {
            return true;
        }
        connection.buffer.erase(0, parsed->second);
        if (!answer(connection.fd, parsed->first)) {
            return false;
        }
    }
}

bool ScriptedServer::answer(int fd, const ReceivedRequest& request)
{
    std::unique_lock lock(m_mutex);
    m_received.push_back(request);
    if (m_next_step >= m_steps.size() || !matches(m_steps[m_next_step].request_line, request)) {
        m_problems.push_back("unexpected request: " + request.method + " " + request.target +
                             (m_next_step < m_steps.size()
                                  ? " (expected " + m_steps[m_next_step].request_line + ")"
                                  : std::string(" (script finished)")));
        lock.unlock();
        send_all(fd,
                 "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 18\r\n"
                 "Connection: close\r\n\r\nunexpected request");
        return false;
    }
    const Reply reply = m_steps[m_next_step++].reply;
    lock.unlock();
    send_all(fd, format_reply(reply, request.method));
    return !reply.close_after;
}

} // namespace coras_test
