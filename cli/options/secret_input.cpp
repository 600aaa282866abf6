#include "options/secret_input.hpp"

#include "options/interrupt.hpp"

#include <fmt/format.h>

#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <iostream>
#include <iterator>

namespace coras {

bool stdin_is_terminal()
{
    return ::isatty(STDIN_FILENO) == 1;
}

oras::Result<std::string> read_secret_from_stdin(const std::string& what)
{
    std::string secret((std::istreambuf_iterator<char>(std::cin)),
                       std::istreambuf_iterator<char>());
    if (!secret.empty() && secret.back() == '\n') {
        secret.pop_back();
        if (!secret.empty() && secret.back() == '\r') {
            secret.pop_back();
        }
    }
    if (secret.empty()) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          what + " from standard input is empty");
    }
    return secret;
}

namespace {

// A line typed at a prompt is cut here: no password or username is this long.
constexpr std::size_t k_max_line = 64 * 1024;

// Reads one line from the terminal on standard input, waking every 100 ms to notice SIGINT or
// SIGTERM (whose handler only sets a flag): the caller then restores the terminal whatever
// moment the signal came at. Fails with cancelled when interrupted, invalid_argument at the
// end of input or past k_max_line.
oras::Result<std::string> read_terminal_line(const std::string& prompt)
{
    std::string line;
    std::array<char, 4096> buffer{};
    for (;;) {
        if (interrupted()) {
            return oras::fail(oras::ErrorCode::cancelled,
                              "interrupted at the prompt \"" + prompt + "\"");
        }
        pollfd input{STDIN_FILENO, POLLIN, 0};
        const int ready = ::poll(&input, 1, 100);
        if (ready <= 0) {
            continue; // timeout or EINTR: check for a signal again
        }
        const ssize_t count = ::read(STDIN_FILENO, buffer.data(), buffer.size());
        if (count < 0 && (errno == EINTR || errno == EAGAIN)) {
            continue;
        }
        if (count <= 0) {
            return oras::fail(oras::ErrorCode::invalid_argument, "no answer to \"" + prompt + "\"");
        }
        line.append(buffer.data(), static_cast<std::size_t>(count));
        if (const auto end = line.find('\n'); end != std::string::npos) {
            line.resize(end);
            return line;
        }
        if (line.size() > k_max_line) {
            return oras::fail(oras::ErrorCode::invalid_argument,
                              "the answer to \"" + prompt + "\" is longer than " +
                                  std::to_string(k_max_line) + " bytes");
        }
    }
}

} // namespace

oras::Result<std::string> prompt_line(const std::string& prompt, Echo echo)
{
    // Echo goes off before the prompt shows: what is typed once it is there is never echoed.
    termios saved{};
    const bool hide = echo == Echo::no && ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (hide) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    fmt::print(stderr, "{}", prompt);
    std::fflush(stderr);
    auto line = read_terminal_line(prompt);
    if (hide) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        fmt::print(stderr, "\n");
    }
    if (!line) {
        return line;
    }
    if (!line->empty() && line->back() == '\r') {
        line->pop_back();
    }
    return line;
}

} // namespace coras
