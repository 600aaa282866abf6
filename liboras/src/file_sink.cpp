// FileSink: a temporary file placed relative to an OutputDir handle and renamed into place.
#include "oras/io.hpp"

#include "output_dir.hpp"
#include "posix_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <random>

namespace oras {

namespace {

namespace fs = std::filesystem;

constexpr int k_create_attempts = 100;

// Six random letters and digits for a temporary file's name.
std::string random_suffix()
{
    static constexpr std::string_view k_alphabet =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    thread_local std::mt19937_64 generator{std::random_device{}()};
    std::uniform_int_distribution<std::size_t> pick(0, k_alphabet.size() - 1);
    std::string suffix(6, '0');
    for (char& c : suffix) {
        c = k_alphabet[pick(generator)];
    }
    return suffix;
}

// Creates ".`name`.coras-XXXXXX" in `parent`, exclusively and without following a link, with
// mode 0666 less the umask (what a plain file gets, not mkstemp's 0600).
Result<std::pair<int, std::string>>
create_temporary(int parent, const std::string& name, const fs::path& shown)
{
    for (int attempt = 0; attempt < k_create_attempts; ++attempt) {
        std::string temp = "." + name + ".coras-" + random_suffix();
        const int fd = ::openat(
            parent, temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0) {
            return std::pair<int, std::string>(fd, std::move(temp));
        }
        if (errno != EEXIST) {
            return io_error("create temporary file for", shown, errno);
        }
    }
    return io_error("create temporary file for", shown, EEXIST);
}

// Moves `temp` onto `name` in `dir` without ever replacing an existing `name`: linkat() fails
// with EEXIST atomically; file systems without hard links fall back to an existence check and
// renameat().
Result<void> publish_without_overwrite(int dir,
                                       const std::string& temp,
                                       const std::string& name,
                                       const fs::path& shown)
{
    if (::linkat(dir, temp.c_str(), dir, name.c_str(), 0) == 0) {
        ::unlinkat(dir, temp.c_str(), 0);
        return {};
    }
    const int error = errno;
    if (error == EEXIST) {
        return fail(ErrorCode::already_exists, "write " + shown.string() + ": file exists");
    }
    if (error != EPERM && error != ENOTSUP && error != EOPNOTSUPP && error != EMLINK) {
        return io_error("link", shown, error);
    }
    struct stat info
    {
    };
    if (::fstatat(dir, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0) {
        return fail(ErrorCode::already_exists, "write " + shown.string() + ": file exists");
    }
    if (::renameat(dir, temp.c_str(), dir, name.c_str()) != 0) {
        return io_error("rename", shown, errno);
    }
    return {};
}

bool names_a_file(const fs::path& relative)
{
    const fs::path name = relative.filename();
    return !name.empty() && name != "." && name != ".." && !relative.is_absolute();
}

} // namespace

Result<std::unique_ptr<FileSink>> FileSink::create(const fs::path& path, Durability durability)
{
    if (!names_a_file(path.filename())) {
        return fail(ErrorCode::invalid_argument, "write " + path.string() + ": not a file name");
    }
    auto dir = OutputDir::open(path.parent_path(), CreateMissing::no);
    if (!dir) {
        Error error = dir.error().with_context("write " + path.string());
        error.code = ErrorCode::io;
        return error;
    }
    auto sink = ORAS_TRY(create_in(std::move(*dir), path.filename(), durability));
    sink->m_path = path;
    return sink;
}

Result<std::unique_ptr<FileSink>>
FileSink::create_in(std::shared_ptr<OutputDir> dir, const fs::path& relative, Durability durability)
{
    const fs::path shown = dir->shown(relative);
    if (!names_a_file(relative)) {
        return fail(ErrorCode::invalid_argument, "write " + shown.string() + ": not a file name");
    }
    const UniqueFd parent = ORAS_TRY(dir->subdirectory(relative.parent_path(), CreateMissing::no));
    auto [fd, temp] = ORAS_TRY(create_temporary(parent.get(), relative.filename().string(), shown));
    struct stat info
    {
    };
    if (::fstat(fd, &info) != 0) {
        const int error = errno;
        ::close(fd);
        ::unlinkat(parent.get(), temp.c_str(), 0);
        return io_error("stat", shown, error);
    }
    std::unique_ptr<FileSink> sink(new FileSink());
    sink->m_dir = std::move(dir);
    sink->m_relative = relative;
    sink->m_path = shown;
    sink->m_temp_name = std::move(temp);
    sink->m_device = info.st_dev;
    sink->m_inode = info.st_ino;
    sink->m_fd = fd;
    sink->m_durability = durability;
    return sink;
}

FileSink::~FileSink()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
    if (!m_committed && m_dir) {
        auto parent = m_dir->subdirectory(m_relative.parent_path(), CreateMissing::no);
        if (parent && check_temporary(parent->get())) {
            ::unlinkat(parent->get(), m_temp_name.c_str(), 0);
        }
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

// The temporary file in `parent` must still be the file written: not replaced by a link or
// another file while it was written.
Result<void> FileSink::check_temporary(int parent) const
{
    struct stat info
    {
    };
    if (::fstatat(parent, m_temp_name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
        return io_error("find the temporary file of", m_path, errno);
    }
    if (info.st_dev != m_device || info.st_ino != m_inode) {
        return fail(ErrorCode::io,
                    "write " + m_path.string() +
                        ": its temporary file was replaced while it was written");
    }
    return {};
}

Result<void> FileSink::commit(Overwrite overwrite)
{
    if (m_committed) {
        return fail(ErrorCode::internal, "commit " + m_path.string() + ": already committed");
    }
    ORAS_TRY(close());
    const UniqueFd parent =
        ORAS_TRY(m_dir->subdirectory(m_relative.parent_path(), CreateMissing::no));
    ORAS_TRY(check_temporary(parent.get()));
    const std::string name = m_relative.filename().string();
    if (overwrite == Overwrite::yes) {
        if (::renameat(parent.get(), m_temp_name.c_str(), parent.get(), name.c_str()) != 0) {
            return io_error("rename", m_path, errno);
        }
    } else {
        ORAS_TRY(publish_without_overwrite(parent.get(), m_temp_name, name, m_path));
    }
    m_committed = true;
    if (m_durability == Durability::synced) {
        ::fsync(parent.get());
    }
    return {};
}

} // namespace oras
