#include "wasm/mapped_file.hpp"

#include <cerrno>
#include <fcntl.h>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace oras::wasm {

namespace {

Error file_error(std::string_view step, const std::filesystem::path& path, int error)
{
    const ErrorCode code =
        error == ENOENT || error == ENOTDIR ? ErrorCode::not_found : ErrorCode::io;
    return fail(code,
                std::string(step) + " " + path.string() + ": " +
                    std::error_code(error, std::generic_category()).message());
}

// Closes a descriptor when leaving scope: the mapping outlives it.
class FdCloser
{
  public:
    explicit FdCloser(int fd) : m_fd(fd) {}
    ~FdCloser() { ::close(m_fd); }
    FdCloser(const FdCloser&) = delete;
    FdCloser& operator=(const FdCloser&) = delete;

  private:
    int m_fd;
};

} // namespace

Result<MappedFile> MappedFile::open(const std::filesystem::path& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return file_error("open", path, errno);
    }
    const FdCloser closer(fd);
    struct stat status
    {
    };
    if (::fstat(fd, &status) != 0) {
        return file_error("stat", path, errno);
    }
    if (!S_ISREG(status.st_mode)) {
        return fail(ErrorCode::io, "read " + path.string() + ": not a regular file");
    }
    const auto size = static_cast<std::size_t>(status.st_size);
    if (size == 0) {
        return MappedFile(nullptr, 0);
    }
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (data == MAP_FAILED) {
        return file_error("mmap", path, errno);
    }
    return MappedFile(data, size);
}

MappedFile::~MappedFile()
{
    reset();
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0))
{
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept
{
    if (this != &other) {
        reset();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

std::string_view MappedFile::bytes() const
{
    return m_data == nullptr ? std::string_view{}
                             : std::string_view(static_cast<const char*>(m_data), m_size);
}

void MappedFile::reset()
{
    if (m_data != nullptr) {
        ::munmap(m_data, m_size);
        m_data = nullptr;
        m_size = 0;
    }
}

} // namespace oras::wasm
