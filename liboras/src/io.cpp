#include "oras/io.hpp"

#include "posix_io.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <vector>

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

// The mode a file created with 0666 would get under the process umask, read from
// /proc/self/status because umask() cannot be queried without changing it.
mode_t default_file_mode()
{
    mode_t mask = 022;
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("Umask:", 0) == 0) {
            mask = static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
            break;
        }
    }
    return 0666 & ~mask;
}

void sync_directory(const std::filesystem::path& directory)
{
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

// Moves `temp` onto `path` without ever replacing an existing `path`: link() fails with EEXIST
// atomically; file systems without hard links fall back to an existence check and rename().
Result<void> publish_without_overwrite(const std::filesystem::path& temp,
                                       const std::filesystem::path& path)
{
    if (::link(temp.c_str(), path.c_str()) == 0) {
        ::unlink(temp.c_str());
        return {};
    }
    const int error = errno;
    if (error == EEXIST) {
        return fail(ErrorCode::already_exists, "write " + path.string() + ": file exists");
    }
    if (error != EPERM && error != ENOTSUP && error != EOPNOTSUPP && error != EMLINK) {
        return io_error("link", path, error);
    }
    struct stat info
    {
    };
    if (::lstat(path.c_str(), &info) == 0) {
        return fail(ErrorCode::already_exists, "write " + path.string() + ": file exists");
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        return io_error("rename", path, errno);
    }
    return {};
}

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

FileSink::FileSink(std::filesystem::path path,
                   std::filesystem::path temp,
                   int fd,
                   Durability durability)
    : m_path(std::move(path)), m_temp(std::move(temp)), m_fd(fd), m_durability(durability)
{
}

Result<std::unique_ptr<FileSink>> FileSink::create(const std::filesystem::path& path,
                                                   Durability durability)
{
    if (path.filename().empty()) {
        return fail(ErrorCode::invalid_argument, "write " + path.string() + ": not a file name");
    }
    std::filesystem::path directory = path.parent_path();
    if (directory.empty()) {
        directory = ".";
    }
    const std::filesystem::path pattern =
        directory / ("." + path.filename().string() + ".coras-XXXXXX");
    std::vector<char> name(pattern.native().begin(), pattern.native().end());
    name.push_back('\0');
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) {
        return io_error("create temporary file for", path, errno);
    }
    std::filesystem::path temp(name.data());
    if (::fchmod(fd, default_file_mode()) != 0) {
        const int error = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        return io_error("chmod", temp, error);
    }
    return std::unique_ptr<FileSink>(new FileSink(path, std::move(temp), fd, durability));
}

FileSink::~FileSink()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
    if (!m_committed) {
        ::unlink(m_temp.c_str());
    }
}

Result<void> FileSink::write(std::string_view data)
{
    if (m_closed) {
        return fail(ErrorCode::internal, "write " + m_path.string() + ": file already closed");
    }
    return write_all(m_fd, data, m_path);
}

Result<void> FileSink::close()
{
    if (m_closed) {
        return {};
    }
    const int fd = m_fd;
    m_fd = -1;
    m_closed = true;
    if (m_durability == Durability::synced && ::fsync(fd) != 0) {
        const int error = errno;
        ::close(fd);
        return io_error("fsync", m_path, error);
    }
    if (::close(fd) != 0) {
        return io_error("close", m_path, errno);
    }
    return {};
}

Result<void> FileSink::commit(Overwrite overwrite)
{
    if (m_committed) {
        return fail(ErrorCode::internal, "commit " + m_path.string() + ": already committed");
    }
    ORAS_TRY(close());
    if (overwrite == Overwrite::yes) {
        if (::rename(m_temp.c_str(), m_path.c_str()) != 0) {
            return io_error("rename", m_path, errno);
        }
    } else {
        ORAS_TRY(publish_without_overwrite(m_temp, m_path));
    }
    m_committed = true;
    if (m_durability == Durability::synced) {
        sync_directory(m_temp.parent_path());
    }
    return {};
}

} // namespace oras
