#include "oras/io.hpp"

#include "posix_io.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace oras {

namespace {

class FileSource final : public ByteSource
{
  public:
    FileSource(std::filesystem::path path, int fd) : m_path(std::move(path)), m_fd(fd) {}
    ~FileSource() override { ::close(m_fd); }
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;

    Result<std::size_t> read(std::span<char> buffer) override
    {
        for (;;) {
            const ssize_t count = ::read(m_fd, buffer.data(), buffer.size());
            if (count >= 0) {
                return static_cast<std::size_t>(count);
            }
            if (errno != EINTR) {
                return io_error("read", m_path, errno);
            }
        }
    }

    Result<void> rewind() override { return seek(0); }

    Result<void> seek(std::uint64_t offset) override
    {
        if (::lseek(m_fd, static_cast<off_t>(offset), SEEK_SET) < 0) {
            return io_error("seek", m_path, errno);
        }
        return {};
    }

  private:
    std::filesystem::path m_path;
    int m_fd;
};

} // namespace

Result<std::size_t> MemorySource::read(std::span<char> buffer)
{
    const std::size_t count = std::min(buffer.size(), m_data.size() - m_offset);
    std::memcpy(buffer.data(), m_data.data() + m_offset, count);
    m_offset += count;
    return count;
}

Result<void> MemorySource::seek(std::uint64_t offset)
{
    if (offset > m_data.size()) {
        return fail(ErrorCode::io,
                    "cannot seek past the end of " + std::to_string(m_data.size()) +
                        " bytes in memory");
    }
    m_offset = static_cast<std::size_t>(offset);
    return {};
}

Result<void> ByteSource::seek(std::uint64_t offset)
{
    ORAS_TRY(rewind());
    std::array<char, 64 * 1024> buffer{};
    while (offset > 0) {
        const std::size_t wanted =
            static_cast<std::size_t>(std::min<std::uint64_t>(offset, buffer.size()));
        const std::size_t count = ORAS_TRY(read(std::span(buffer.data(), wanted)));
        if (count == 0) {
            return fail(ErrorCode::io, "the content ended before the byte to resume at");
        }
        offset -= count;
    }
    return {};
}

Result<void> StringSink::write(std::string_view data)
{
    if (data.size() > m_limit - m_data.size()) {
        return fail(ErrorCode::too_large,
                    "content is larger than the limit of " + std::to_string(m_limit) + " bytes");
    }
    m_data.append(data);
    return {};
}

Result<std::unique_ptr<ByteSource>> open_file_source(const std::filesystem::path& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        return io_error(
            "open", path, error, error == ENOENT ? ErrorCode::not_found : ErrorCode::io);
    }
    struct stat info
    {
    };
    if (::fstat(fd, &info) != 0) {
        const int error = errno;
        ::close(fd);
        return io_error("stat", path, error);
    }
    if (S_ISDIR(info.st_mode)) {
        ::close(fd);
        return io_error("open", path, EISDIR);
    }
    return std::unique_ptr<ByteSource>(std::make_unique<FileSource>(path, fd));
}

} // namespace oras
