#include "options/secret_input.hpp"

#include <fmt/format.h>

#include <termios.h>
#include <unistd.h>

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

oras::Result<std::string> prompt_line(const std::string& prompt, Echo echo)
{
    fmt::print(stderr, "{}", prompt);
    std::fflush(stderr);
    termios saved{};
    const bool hide = echo == Echo::no && ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (hide) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    const bool read = static_cast<bool>(std::getline(std::cin, line));
    if (hide) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        fmt::print(stderr, "\n");
    }
    if (!read) {
        return oras::fail(oras::ErrorCode::invalid_argument, "no answer to \"" + prompt + "\"");
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return line;
}

} // namespace coras
