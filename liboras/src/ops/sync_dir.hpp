// The directory `sync` keeps: modules named by manifest digest, symbolic links named by
// reference, both replaced atomically, and pruning that touches nothing else (oras/ops/sync.hpp).
#pragma once

#include "oras/result.hpp"
#include "output_dir.hpp"
#include "unique_fd.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace oras::ops {

// Whether a link was replaced or already pointed where it should.
enum class LinkChange
{
    unchanged,
    replaced
};

class SyncDir
{
  public:
    // Opens `path`, creating it when missing. Fails with io.
    static Result<SyncDir> open(const std::filesystem::path& path);

    // The directory handle modules are written through (FileSink::create_in).
    [[nodiscard]] const std::shared_ptr<OutputDir>& output_dir() const { return m_dir; }

    // `path`/`name`, for reports.
    [[nodiscard]] std::filesystem::path path_of(const std::string& name) const;

    // True when `module_name` is a non-empty regular file in the directory.
    [[nodiscard]] bool has_module(const std::string& module_name) const;

    // Makes `link_name` a symbolic link to `module_name` (relative, in the same directory): a
    // link "<link_name>.tmp" made and renamed over it, then the directory fsynced. Fails with
    // already_exists when `link_name` (or the .tmp name) is something other than a symbolic
    // link, io otherwise.
    Result<LinkChange> link(const std::string& link_name, const std::string& module_name);

    // Removes the symbolic links named *.wasm whose target is a module name
    // (is_sync_module_name) and whose name is not in `keep`, then the modules that no
    // remaining such link points at and that are not in `modules_in_use`, then the temporary
    // files of module downloads (".<module>.coras-XXXXXX", regular files) untouched for
    // k_stale_temporary: what a killed sync left. Returns what was removed, by name order.
    // Fails with io when the directory cannot be listed or an entry cannot be removed.
    Result<std::vector<std::filesystem::path>>
    prune(const std::set<std::string>& keep, const std::set<std::string>& modules_in_use = {});

    // A download's temporary file is written to without pauses this long; older, it is a
    // leftover.
    static constexpr std::chrono::minutes k_stale_temporary{15};

  private:
    SyncDir(std::shared_ptr<OutputDir> dir, UniqueFd fd);
    [[nodiscard]] Result<std::vector<std::string>> names() const;

    std::shared_ptr<OutputDir> m_dir;
    UniqueFd m_fd;
};

} // namespace oras::ops
