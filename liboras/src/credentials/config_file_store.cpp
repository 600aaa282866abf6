#include "credentials/config_file_store.hpp"

#include "kube/pull_secret.hpp"
#include "posix_io.hpp"
#include "unique_fd.hpp"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <utility>
#include <vector>

namespace oras::credentials {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_max_config_size = 16U * 1024U * 1024U;
constexpr mode_t k_file_mode = 0600;
constexpr mode_t k_directory_mode = 0700;

// docker follows a symbolic link at the config path and replaces its target
// (filepath.EvalSymlinks in configfile.Save); a dangling link is replaced itself.
fs::path write_target(const fs::path& path)
{
    std::error_code error;
    if (fs::is_symlink(fs::symlink_status(path, error))) {
        fs::path target = fs::canonical(path, error);
        if (!error) {
            return target;
        }
    }
    return path;
}

// Creates `directory` and its missing parents with mode 0700.
Result<void> make_directories(const fs::path& directory)
{
    if (directory.empty()) {
        return {};
    }
    struct stat info
    {
    };
    if (::stat(directory.c_str(), &info) == 0) {
        if (!S_ISDIR(info.st_mode)) {
            return io_error("create directory", directory, ENOTDIR);
        }
        return {};
    }
    if (directory.has_parent_path() && directory.parent_path() != directory) {
        ORAS_TRY(make_directories(directory.parent_path()));
    }
    if (::mkdir(directory.c_str(), k_directory_mode) != 0 && errno != EEXIST) {
        return io_error("create directory", directory, errno);
    }
    return {};
}

Result<std::string> read_all(int fd, const fs::path& path)
{
    std::string data;
    char buffer[8192];
    for (;;) {
        const ssize_t count = ::read(fd, buffer, sizeof buffer);
        if (count == 0) {
            return data;
        }
        if (count < 0) {
            if (errno == EINTR) {
                continue;
            }
            return io_error("read", path, errno);
        }
        data.append(buffer, static_cast<std::size_t>(count));
        if (data.size() > k_max_config_size) {
            return fail(ErrorCode::too_large,
                        "read " + path.string() + ": larger than " +
                            std::to_string(k_max_config_size) + " bytes");
        }
    }
}

void sync_directory(const fs::path& directory)
{
    const UniqueFd fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() >= 0) {
        ::fsync(fd.get());
    }
}

// Writes `data` to a fresh 0600 temporary file in `directory`; returns its path.
Result<fs::path>
write_temporary(const fs::path& directory, const fs::path& target, std::string_view data)
{
    std::string name = (directory / ("." + target.filename().string() + ".XXXXXX")).string();
    std::vector<char> buffer(name.begin(), name.end());
    buffer.push_back('\0');
    UniqueFd fd(::mkostemp(buffer.data(), O_CLOEXEC));
    if (fd.get() < 0) {
        return io_error("create temporary file in", directory, errno);
    }
    fs::path temp(buffer.data());
    Result<void> written = write_all(fd.get(), data, temp);
    if (written && ::fchmod(fd.get(), k_file_mode) != 0) {
        written = io_error("chmod", temp, errno);
    }
    if (written && ::fsync(fd.get()) != 0) {
        written = io_error("fsync", temp, errno);
    }
    if (written) {
        if (const int error = fd.close(); error != 0) {
            written = io_error("close", temp, error);
        }
    }
    if (!written) {
        ::unlink(temp.c_str());
        return std::move(written).error();
    }
    return temp;
}

// An exclusive flock on "<target>.lock", released when destroyed.
Result<UniqueFd> lock_beside(const fs::path& target)
{
    const fs::path lock_path = target.string() + ".lock";
    UniqueFd fd(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, k_file_mode));
    if (fd.get() < 0) {
        return io_error("open lock file", lock_path, errno);
    }
    while (::flock(fd.get(), LOCK_EX) != 0) {
        if (errno != EINTR) {
            return io_error("lock", lock_path, errno);
        }
    }
    return fd;
}

} // namespace

Result<DockerConfig> load_docker_config(const fs::path& path)
{
    const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT) {
            return DockerConfig(path.string());
        }
        return io_error("open", path, errno);
    }
    const std::string text = ORAS_TRY(read_all(fd.get(), path));
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        return DockerConfig(path.string()); // docker treats an empty file as "{}"
    }
    if (auto inner = ORAS_TRY(kube::docker_config_from_secret(text, path.string()))) {
        auto config = ORAS_TRY(DockerConfig::parse(*inner, path.string() + ": .dockerconfigjson"));
        config.mark_from_secret();
        return config;
    }
    return DockerConfig::parse(text, path.string());
}

Result<void> save_docker_config(const fs::path& path, const DockerConfig& config)
{
    const fs::path target = write_target(path);
    const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
    ORAS_TRY(make_directories(directory));
    const fs::path temp = ORAS_TRY(write_temporary(directory, target, config.serialize()));
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        const int error = errno;
        ::unlink(temp.c_str());
        return io_error("rename onto", target, error);
    }
    sync_directory(directory);
    return {};
}

Result<void> update_docker_config(const fs::path& path,
                                  const std::function<Result<bool>(DockerConfig&)>& change)
{
    const fs::path target = write_target(path);
    ORAS_TRY(make_directories(target.has_parent_path() ? target.parent_path() : fs::path(".")));
    const UniqueFd lock = ORAS_TRY(lock_beside(target));
    DockerConfig config = ORAS_TRY(load_docker_config(target));
    if (config.from_secret()) {
        return fail(ErrorCode::unsupported,
                    target.string() + " is a Kubernetes Secret, which coras only reads",
                    "give a docker config.json to store credentials in");
    }
    const bool changed = ORAS_TRY(change(config));
    if (!changed) {
        return {};
    }
    return save_docker_config(target, config);
}

} // namespace oras::credentials
