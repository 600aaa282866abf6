#include "ops/sync_dir.hpp"

#include "oras/ops/sync.hpp"
#include "posix_io.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <dirent.h>
#include <fcntl.h>
#include <map>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace oras::ops {

namespace {

namespace fs = std::filesystem;

// The target of the symbolic link `name` below `fd`; nullopt when `name` is no symbolic link.
std::optional<std::string> read_link(int fd, const std::string& name)
{
    char buffer[512];
    const ssize_t size = ::readlinkat(fd, name.c_str(), buffer, sizeof buffer);
    if (size < 0 || static_cast<std::size_t>(size) >= sizeof buffer) {
        return std::nullopt;
    }
    return std::string(buffer, static_cast<std::size_t>(size));
}

// What is at `name` below `fd`, without following a link: nullopt when nothing.
std::optional<mode_t> kind_of(int fd, const std::string& name)
{
    struct stat info = {};
    if (::fstatat(fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
        return std::nullopt;
    }
    return info.st_mode & S_IFMT;
}

bool ends_with(const std::string& text, std::string_view suffix)
{
    return text.size() >= suffix.size() &&
           std::string_view(text).substr(text.size() - suffix.size()) == suffix;
}

// True for ".<module>.coras-XXXXXX" (FileSink's temporary name) with <module> a sync module name.
bool is_module_temporary(const std::string& name)
{
    static constexpr std::string_view k_marker = ".coras-";
    static constexpr std::size_t k_suffix = 6;
    if (name.size() < 1 + k_marker.size() + k_suffix || name.front() != '.') {
        return false;
    }
    const std::size_t marker = name.size() - k_suffix - k_marker.size();
    return std::string_view(name).substr(marker, k_marker.size()) == k_marker &&
           is_sync_module_name(name.substr(1, marker - 1));
}

// True when the regular file `name` below `fd` was last written before `cutoff`.
bool written_before(int fd, const std::string& name, std::chrono::system_clock::time_point cutoff)
{
    struct stat info = {};
    if (::fstatat(fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(info.st_mode)) {
        return false;
    }
    return std::chrono::system_clock::from_time_t(info.st_mtim.tv_sec) < cutoff;
}

} // namespace

SyncDir::SyncDir(std::shared_ptr<OutputDir> dir, UniqueFd fd)
    : m_dir(std::move(dir)), m_fd(std::move(fd))
{
}

Result<SyncDir> SyncDir::open(const fs::path& path)
{
    auto dir = ORAS_TRY(OutputDir::open(path, CreateMissing::yes));
    dir->keep();
    auto fd = ORAS_TRY(dir->subdirectory(".", CreateMissing::no));
    return SyncDir(std::move(dir), std::move(fd));
}

fs::path SyncDir::path_of(const std::string& name) const
{
    return m_dir->path() / name;
}

bool SyncDir::has_module(const std::string& module_name) const
{
    struct stat info = {};
    return ::fstatat(m_fd.get(), module_name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 &&
           S_ISREG(info.st_mode) && info.st_size > 0;
}

Result<LinkChange> SyncDir::link(const std::string& link_name, const std::string& module_name)
{
    const int fd = m_fd.get();
    const auto current = kind_of(fd, link_name);
    if (current && *current != S_IFLNK) {
        return fail(ErrorCode::already_exists,
                    path_of(link_name).string() + " exists and is not a symbolic link",
                    "move it away: sync only replaces the links it made");
    }
    if (current && read_link(fd, link_name) == module_name) {
        return LinkChange::unchanged;
    }
    const std::string temp = link_name + ".tmp";
    if (const auto stale = kind_of(fd, temp)) {
        if (*stale != S_IFLNK) {
            return fail(ErrorCode::already_exists,
                        path_of(temp).string() + " exists and is not a symbolic link");
        }
        if (::unlinkat(fd, temp.c_str(), 0) != 0) {
            return io_error("remove", path_of(temp), errno);
        }
    }
    if (::symlinkat(module_name.c_str(), fd, temp.c_str()) != 0) {
        return io_error("create symbolic link", path_of(temp), errno);
    }
    if (::renameat(fd, temp.c_str(), fd, link_name.c_str()) != 0) {
        const int error = errno;
        ::unlinkat(fd, temp.c_str(), 0);
        return io_error("rename onto", path_of(link_name), error);
    }
    if (::fsync(fd) != 0) {
        return io_error("fsync", m_dir->path(), errno);
    }
    return LinkChange::replaced;
}

Result<std::vector<std::string>> SyncDir::names() const
{
    const int copy = ::openat(m_fd.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (copy < 0) {
        return io_error("open", m_dir->path(), errno);
    }
    DIR* stream = ::fdopendir(copy);
    if (stream == nullptr) {
        const int error = errno;
        ::close(copy);
        return io_error("list", m_dir->path(), error);
    }
    std::vector<std::string> names;
    errno = 0;
    while (const dirent* entry = ::readdir(stream)) {
        names.emplace_back(entry->d_name);
    }
    const int error = errno;
    ::closedir(stream);
    if (error != 0) {
        return io_error("list", m_dir->path(), error);
    }
    std::sort(names.begin(), names.end());
    return names;
}

Result<std::vector<fs::path>> SyncDir::prune(const std::set<std::string>& keep,
                                             const std::set<std::string>& modules_in_use)
{
    const int fd = m_fd.get();
    std::vector<std::string> modules;
    std::vector<std::string> leftovers;
    std::map<std::string, std::string> links; // name -> module it points at
    const auto cutoff = std::chrono::system_clock::now() - k_stale_temporary;
    for (const auto& name : ORAS_TRY(names())) {
        if (is_module_temporary(name) && written_before(fd, name, cutoff)) {
            leftovers.push_back(name);
            continue;
        }
        if (!ends_with(name, ".wasm")) {
            continue;
        }
        const auto kind = kind_of(fd, name);
        if (kind == S_IFREG && is_sync_module_name(name)) {
            modules.push_back(name);
        } else if (kind == S_IFLNK) {
            auto target = read_link(fd, name);
            if (target && is_sync_module_name(*target)) {
                links.emplace(name, std::move(*target));
            }
        }
    }
    std::vector<fs::path> removed;
    std::set<std::string> needed;
    for (const auto& [name, target] : links) {
        if (keep.contains(name)) {
            needed.insert(target);
            continue;
        }
        if (::unlinkat(fd, name.c_str(), 0) != 0) {
            return io_error("remove", path_of(name), errno);
        }
        removed.push_back(path_of(name));
    }
    for (const auto& name : modules) {
        if (needed.contains(name) || modules_in_use.contains(name)) {
            continue;
        }
        if (::unlinkat(fd, name.c_str(), 0) != 0) {
            return io_error("remove", path_of(name), errno);
        }
        removed.push_back(path_of(name));
    }
    for (const auto& name : leftovers) {
        if (::unlinkat(fd, name.c_str(), 0) != 0 && errno != ENOENT) {
            return io_error("remove", path_of(name), errno);
        }
        removed.push_back(path_of(name));
    }
    if (!removed.empty() && ::fsync(fd) != 0) {
        return io_error("fsync", m_dir->path(), errno);
    }
    std::sort(removed.begin(), removed.end());
    return removed;
}

} // namespace oras::ops
