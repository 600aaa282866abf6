#include "ops/commit_all.hpp"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>

namespace oras::ops {

namespace {

namespace fs = std::filesystem;

// What was at one destination before the commit.
struct Placed
{
    fs::path path;
    fs::path kept; // a hard link to the previous file; empty when there was none
    bool committed = false;
};

fs::path kept_name(const fs::path& path, std::size_t index)
{
    return path.parent_path() / ("." + path.filename().string() + ".coras-old-" +
                                 std::to_string(::getpid()) + "-" + std::to_string(index));
}

// Puts every destination back as it was before commit_all().
void roll_back(const std::vector<Placed>& placed)
{
    for (const Placed& entry : placed) {
        if (entry.committed || !entry.kept.empty()) {
            ::unlink(entry.path.c_str());
        }
        if (!entry.kept.empty()) {
            ::rename(entry.kept.c_str(), entry.path.c_str());
        }
    }
}

} // namespace

Result<void> commit_all(std::vector<std::unique_ptr<FileSink>>& sinks, Overwrite overwrite)
{
    std::vector<Placed> placed;
    placed.reserve(sinks.size());
    for (std::size_t i = 0; i < sinks.size(); ++i) {
        Placed entry{sinks[i]->path(), {}, false};
        std::error_code error;
        if (fs::is_regular_file(fs::symlink_status(entry.path, error))) {
            const fs::path kept = kept_name(entry.path, i);
            if (::link(entry.path.c_str(), kept.c_str()) == 0) {
                entry.kept = kept;
            }
        }
        placed.push_back(entry);
        if (auto committed = sinks[i]->commit(overwrite); !committed) {
            roll_back(placed);
            return std::move(committed).error();
        }
        placed.back().committed = true;
    }
    for (const Placed& entry : placed) {
        if (!entry.kept.empty()) {
            ::unlink(entry.kept.c_str());
        }
    }
    return {};
}

} // namespace oras::ops
