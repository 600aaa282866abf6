// Writing below one directory through a handle taken once: every subdirectory and file below it
// is reached with openat(2), mkdirat(2), renameat(2) and their kin relative to that handle, one
// component at a time and never through a symbolic link (O_NOFOLLOW). A symbolic link placed
// below the directory while a command runs, at a subdirectory's name or at a file's, cannot
// redirect a write outside it: the step that meets it fails instead.
#pragma once

#include "oras/result.hpp"
#include "unique_fd.hpp"

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace oras {

// Whether missing directories are created.
enum class CreateMissing
{
    no,
    yes
};

class OutputDir
{
  public:
    // Opens the directory `path` ("." when empty) once. Symbolic links in `path` itself are
    // followed, as the caller named it; with CreateMissing::yes its missing components are
    // created (0777 less the umask) and each opened without following a symbolic link. Fails
    // with not_found when it is absent and not created, io otherwise.
    static Result<std::shared_ptr<OutputDir>> open(const std::filesystem::path& path,
                                                   CreateMissing create);

    // Removes the directories that open() and subdirectory() created, when they are still
    // empty, unless keep() was called.
    ~OutputDir();
    OutputDir(const OutputDir&) = delete;
    OutputDir& operator=(const OutputDir&) = delete;
    OutputDir(OutputDir&&) = delete;
    OutputDir& operator=(OutputDir&&) = delete;

    // The path as given to open(), for messages.
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

    // The subdirectory `relative` (plain components: neither absolute nor holding ".."; empty
    // or "." for the directory itself), opened one component at a time without following a
    // symbolic link; with CreateMissing::yes missing components are created and remembered.
    // Fails with invalid_argument for a path that is not plain, io naming the component when
    // it is a symbolic link ("is a symbolic link, which is not followed"), not a directory,
    // or cannot be opened or created. Safe to call from several threads.
    Result<UniqueFd> subdirectory(const std::filesystem::path& relative, CreateMissing create);

    // "`path()`/`relative`": how messages name a path below the directory.
    [[nodiscard]] std::filesystem::path shown(const std::filesystem::path& relative) const;

    // Keeps every directory created so far.
    void keep();

  private:
    OutputDir(std::filesystem::path path, UniqueFd fd, std::vector<std::filesystem::path> made);

    std::filesystem::path m_path;
    UniqueFd m_fd;
    std::vector<std::filesystem::path> m_made_above; // components of `path` created, in order
    std::mutex m_mutex;                              // guards m_made_below and m_keep
    std::vector<std::filesystem::path> m_made_below; // relative, in creation order
    bool m_keep = false;
};

} // namespace oras
