// An in-process HTTP/1.1 server for protocol tests (STYLE rule 10): it listens on 127.0.0.1 on
// an ephemeral port, answers a script of expected requests in order with canned replies, and
// fails the running doctest test, when it is destroyed, for every request it did not expect and
// every scripted answer left unused, so no test has to remember to ask.
//
// tests/CMakeLists.txt links scripted_server.cpp into every unit test executable.
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace coras_test {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// What the server answers to one expected request.
struct Reply
{
    Reply(int status_code = 200, HeaderList header_list = {}, std::string body_text = {})
        : status(status_code), headers(std::move(header_list)), body(std::move(body_text))
    {
    }
    // A reply sent verbatim, for malformed answers.
    static Reply raw_text(std::string text)
    {
        Reply reply;
        reply.raw = std::move(text);
        return reply;
    }
    // Sends no Content-Length unless `headers` has one (the body then ends at close).
    Reply& without_content_length()
    {
        add_content_length = false;
        return *this;
    }
    // Closes the connection after the reply.
    Reply& then_close()
    {
        close_after = true;
        return *this;
    }

    int status;
    HeaderList headers;             // sent as given
    std::string body;               // not sent for HEAD
    bool add_content_length = true; // adds "Content-Length: <body size>" unless given
    bool close_after = false;
    std::string raw; // when set, sent verbatim instead of all of the above
};

// One request as the server received it.
struct ReceivedRequest
{
    std::string method;
    std::string target; // path and query, as sent
    HeaderList headers; // names lower-cased
    std::string body;   // de-chunked

    // The first value of header `name` (lower-case), or nullopt.
    [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
};

class ScriptedServer
{
  public:
    // Binds 127.0.0.1:0 and starts serving on a thread; throws std::runtime_error on failure.
    ScriptedServer();
    // Stops serving and fails the running test (doctest FAIL_CHECK) once per problem that
    // take_problems() did not already hand over: unexpected requests and unused answers.
    ~ScriptedServer();
    ScriptedServer(const ScriptedServer&) = delete;
    ScriptedServer& operator=(const ScriptedServer&) = delete;

    [[nodiscard]] int port() const { return m_port; }
    // "http://127.0.0.1:<port>".
    [[nodiscard]] std::string url() const;

    // Expects the next request to be `request_line` ("GET /v2/"; a trailing '*' matches any
    // rest of the target) and answers it with `reply`.
    void expect(std::string request_line, Reply reply);

    // Stops serving; later requests are refused by the closed socket. Problems are kept for
    // the destructor to report.
    void stop();

    // Stops serving and hands over every problem (unexpected requests, then expectations never
    // met), which the destructor then no longer reports: for tests of the server itself.
    std::vector<std::string> take_problems();

    // The requests received so far, in order.
    [[nodiscard]] std::vector<ReceivedRequest> received() const;
    // How many TCP connections were accepted.
    [[nodiscard]] std::size_t connections() const { return m_connections; }

  private:
    struct Step
    {
        std::string request_line;
        Reply reply;
    };
    struct Connection
    {
        int fd = -1;
        std::string buffer;
    };

    void serve();
    // Serves every complete request in `connection`'s buffer; false when it must be closed.
    bool serve_buffered(Connection& connection);
    bool answer(int fd, const ReceivedRequest& request);

    int m_listen_fd = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<std::size_t> m_connections{0};
    mutable std::mutex m_mutex;
    std::vector<Step> m_steps;
    std::size_t m_next_step = 0;
    std::vector<std::string> m_problems;
    std::vector<ReceivedRequest> m_received;
    std::thread m_thread;
    bool m_stopped = false;
};

// An HTTP/1.1 response text: status line, headers, Content-Length unless given, body.
std::string format_reply(const Reply& reply, std::string_view method);

} // namespace coras_test
