// Standard input and output as byte streams, for `push -`, `blob push -` and `-o -`.
#include "oras/io.hpp"
#include "posix_io.hpp"

#include <unistd.h>

#include <cerrno>

namespace oras {

namespace {

const std::filesystem::path k_stdin_name = "standard input";
const std::filesystem::path k_stdout_name = "standard output";

class StandardInput final : public ByteSource
{
  public:
    Result<std::size_t> read(std::span<char> buffer) override
    {
        for (;;) {
            const ssize_t count = ::read(STDIN_FILENO, buffer.data(), buffer.size());
            if (count >= 0) {
                return static_cast<std::size_t>(count);
            }
            if (errno != EINTR) {
                return io_error("read", k_stdin_name, errno);
            }
        }
    }

    Result<void> rewind() override
    {
        return fail(ErrorCode::unsupported, "standard input cannot be read again");
    }

    Result<void> seek(std::uint64_t /*offset*/) override { return rewind(); }
};

class StandardOutput final : public ByteSink
{
  public:
    Result<void> write(std::string_view data) override
    {
        return write_all(STDOUT_FILENO, data, k_stdout_name);
    }
};

} // namespace

std::unique_ptr<ByteSource> standard_input()
{
    return std::make_unique<StandardInput>();
}

std::unique_ptr<ByteSink> standard_output()
{
    return std::make_unique<StandardOutput>();
}

} // namespace oras
