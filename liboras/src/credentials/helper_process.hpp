// Running a credential helper program: no shell, only stdin, stdout and stderr, each a pipe,
// in its own process group so that a timeout kills it and anything it started.
#pragma once

#include "oras/result.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras::credentials {

struct ProcessRequest
{
    std::filesystem::path program; // an absolute or relative path, not searched in PATH
    std::vector<std::string> args; // argv[1...]
    std::string input;             // written to stdin, which is then closed
    std::chrono::milliseconds timeout{60000};
    std::size_t output_limit = 1U << 20U; // bytes of stdout kept
    std::size_t error_limit = 1U << 20U;  // bytes of stderr read (and dropped)
};

struct ProcessResult
{
    int exit_code = 0;           // 128 + signal number when killed by a signal
    std::string output;          // everything written to stdout
    std::size_t error_bytes = 0; // how much it wrote to stderr, which is read and dropped
};

// The first executable regular file named `name` in $PATH (an empty entry is the current
// directory, as execvp); nullopt when none.
std::optional<std::filesystem::path> find_in_path(std::string_view name);

// Runs `request`, returning its exit code and stdout; stderr is read, counted and dropped, so
// that nothing the program prints reaches the terminal or a message. On timeout the process
// group is killed with SIGKILL and this fails with io "timed out after N ms"; more than
// `output_limit` bytes on stdout or `error_limit` on stderr kill it too and fail with too_large;
// a spawn failure fails with io. Messages never contain `request.input` or the output.
Result<ProcessResult> run_process(const ProcessRequest& request);

} // namespace oras::credentials
