#include "output_dir.hpp"

#include "posix_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace oras {

namespace {

namespace fs = std::filesystem;

constexpr int k_directory_flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;

// Why opening `name` in `parent` without following links failed with `error`.
std::string open_failure(int parent, const std::string& name, int error)
{
    struct stat info
    {
    };
    if ((error == ELOOP || error == ENOTDIR) &&
        ::fstatat(parent, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(info.st_mode)) {
            return "is a symbolic link, which is not followed";
        }
        if (!S_ISDIR(info.st_mode)) {
            return "is not a directory";
        }
    }
    return std::error_code(error, std::generic_category()).message();
}

// Opens the directory `name` in `parent` without following a symbolic link, first creating
// it when it is missing and `create` says so; `made` tells whether it was created here.
// `shown` names it in messages.
Result<UniqueFd> open_component(
    int parent, const std::string& name, CreateMissing create, bool& made, const fs::path& shown)
{
    made = false;
    int fd = ::openat(parent, name.c_str(), k_directory_flags | O_NOFOLLOW);
    if (fd < 0 && errno == ENOENT && create == CreateMissing::yes) {
        if (::mkdirat(parent, name.c_str(), 0777) == 0) {
            made = true;
        } else if (errno != EEXIST) {
            return io_error("create directory", shown, errno);
        }
        fd = ::openat(parent, name.c_str(), k_directory_flags | O_NOFOLLOW);
    }
    if (fd < 0) {
        const int error = errno;
        return fail(error == ENOENT ? ErrorCode::not_found : ErrorCode::io,
                    "open directory " + shown.string() + ": " + open_failure(parent, name, error));
    }
    return UniqueFd(fd);
}

// Removes the directories `made` (in creation order), deepest first, when they are empty.
void remove_empty(const std::vector<fs::path>& made)
{
    for (std::size_t i = made.size(); i-- > 0;) {
        ::rmdir(made[i].c_str());
    }
}

// `path` without "." and ".." where they can be resolved, without a trailing separator.
fs::path normal_directory(const fs::path& path)
{
    fs::path dir = path.empty() ? fs::path(".") : path.lexically_normal();
    if (!dir.has_filename() && dir.has_relative_path()) {
        dir = dir.parent_path();
    }
    return dir;
}

} // namespace

OutputDir::OutputDir(fs::path path, UniqueFd fd, std::vector<fs::path> made)
    : m_path(std::move(path)), m_fd(std::move(fd)), m_made_above(std::move(made))
{
}

Result<std::shared_ptr<OutputDir>> OutputDir::open(const fs::path& path, CreateMissing create)
{
    const fs::path dir = normal_directory(path);
    // The deepest directory of `dir` that exists, opened as named; below it, what is missing.
    fs::path existing = dir;
    std::vector<std::string> missing;
    UniqueFd fd(::open(existing.c_str(), k_directory_flags));
    while (!fd.valid() && errno == ENOENT && create == CreateMissing::yes &&
           existing.has_relative_path() && existing.filename() != "..") {
        missing.push_back(existing.filename().string());
        existing = existing.has_parent_path() ? existing.parent_path() : fs::path(".");
        fd = UniqueFd(::open(existing.c_str(), k_directory_flags));
    }
    if (!fd.valid()) {
        const int error = errno;
        return io_error("open directory",
                        existing,
                        error,
                        error == ENOENT ? ErrorCode::not_found : ErrorCode::io);
    }
    std::vector<fs::path> made;
    std::reverse(missing.begin(), missing.end()); // from the shallowest
    for (const std::string& name : missing) {
        existing /= name;
        bool created = false;
        auto next = open_component(fd.get(), name, CreateMissing::yes, created, existing);
        if (created) {
            made.push_back(existing);
        }
        if (!next) {
            fd.reset();
            remove_empty(made);
            return std::move(next).error();
        }
        fd = std::move(*next);
    }
    return std::shared_ptr<OutputDir>(new OutputDir(path, std::move(fd), std::move(made)));
}

OutputDir::~OutputDir()
{
    if (!m_keep) {
        // Only empty directories go: rmdir semantics, never a recursive removal.
        for (std::size_t i = m_made_below.size(); i-- > 0;) {
            const fs::path& dir = m_made_below[i];
            auto parent = subdirectory(dir.parent_path(), CreateMissing::no);
            if (parent) {
                ::unlinkat(parent->get(), dir.filename().c_str(), AT_REMOVEDIR);
            }
        }
    }
    m_fd.reset();
    if (!m_keep) {
        remove_empty(m_made_above);
    }
}

Result<UniqueFd> OutputDir::subdirectory(const fs::path& relative, CreateMissing create)
{
    std::vector<std::string> names;
    for (const auto& part : relative) {
        if (part.empty() || part == ".") {
            continue;
        }
        if (relative.is_absolute() || part == ".." || part == "/") {
            return fail(ErrorCode::invalid_argument,
                        "open directory " + relative.string() + " under " + m_path.string() +
                            ": not a plain relative path");
        }
        names.push_back(part.string());
    }
    UniqueFd current;
    fs::path below;
    for (const std::string& name : names) {
        below /= name;
        bool made = false;
        UniqueFd next = ORAS_TRY(open_component(
            current.valid() ? current.get() : m_fd.get(), name, create, made, shown(below)));
        if (made) {
            const std::lock_guard lock(m_mutex);
            m_made_below.push_back(below);
        }
        current = std::move(next);
    }
    if (!current.valid()) {
        current = UniqueFd(::fcntl(m_fd.get(), F_DUPFD_CLOEXEC, 0));
        if (!current.valid()) {
            return io_error("open directory", m_path, errno);
        }
    }
    return current;
}

fs::path OutputDir::shown(const fs::path& relative) const
{
    return relative.empty() ? m_path : m_path / relative;
}

void OutputDir::keep()
{
    const std::lock_guard lock(m_mutex);
    m_keep = true;
}

} // namespace oras
