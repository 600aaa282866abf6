#include "display/errors.hpp"

#include "display/printable.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace coras {

namespace {

// Keeps an error on one line whatever a server put in it: line breaks and tabs become spaces,
// other control characters are escaped.
std::string one_line(std::string text)
{
    for (auto& c : text) {
        if (c == '\n' || c == '\r' || c == '\t') {
            c = ' ';
        }
    }
    return printable(text);
}

} // namespace

void print_error(const oras::Error& error)
{
    if (error.hint.empty()) {
        fmt::print(stderr, "Error: {}\n", one_line(error.message));
    } else {
        fmt::print(stderr, "Error: {} (hint: {})\n", one_line(error.message), one_line(error.hint));
    }
}

void print_usage_error(const std::string& message, const std::string& usage)
{
    if (usage.empty()) {
        fmt::print(stderr, "Error: {} (see coras --help)\n", one_line(message));
        return;
    }
    fmt::print(stderr, "Error: {}\n{}  (see 'coras help')\n", one_line(message), one_line(usage));
}

int exit_code(const oras::Error& error)
{
    return error.code == oras::ErrorCode::invalid_argument ? 2 : 1;
}

} // namespace coras
