#include "posix_io.hpp"

#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace oras {

Error io_error(std::string_view step, const std::filesystem::path& path, int error, ErrorCode code)
{
    return fail(code,
                std::string(step) + " " + path.string() + ": " +
                    std::error_code(error, std::generic_category()).message());
}

Result<void> write_all(int fd, std::string_view data, const std::filesystem::path& path)
{
    while (!data.empty()) {
        const ssize_t count = ::write(fd, data.data(), data.size());
        if (count < 0) {
            if (errno == EINTR) {
                continue;
            }
            return io_error("write", path, errno);
        }
        data.remove_prefix(static_cast<std::size_t>(count));
    }
    return {};
}

} // namespace oras
