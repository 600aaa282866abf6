// Reading secrets the way docker and oras do: from standard input (--password-stdin) or from
// a prompt on the terminal without echo. Secrets are never printed.
#pragma once

#include "oras/result.hpp"

#include <string>

namespace coras {

// Whether standard input is a terminal (a prompt is then allowed).
bool stdin_is_terminal();

// All of standard input with one trailing newline (LF or CRLF) removed. Fails with
// invalid_argument when it is empty.
oras::Result<std::string> read_secret_from_stdin(const std::string& what);

// Prints `prompt` on stderr and reads one line from the terminal; `echo` no hides the typing,
// and the terminal is restored however the prompt ends. Fails with cancelled on SIGINT or
// SIGTERM, invalid_argument at the end of input or for a line over 64 KiB.
enum class Echo
{
    yes,
    no
};
oras::Result<std::string> prompt_line(const std::string& prompt, Echo echo);

} // namespace coras
