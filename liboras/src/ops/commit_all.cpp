#include "ops/commit_all.hpp"

#include "output_dir.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>

namespace oras::ops {

namespace {

namespace fs = std::filesystem;

// What was at one destination before the commit. Every step goes through the sink's
// directory handle, never through a symbolic link (output_dir.hpp).
struct Placed
{
    const FileSink* sink = nullptr;
    std::string kept; // a hard link to the previous file, beside it; empty when there was none
    bool committed = false;
};

std::string kept_name(const FileSink& sink, std::size_t index)
{
    return "." + sink.relative_path().filename().string() + ".coras-old-" +
           std::to_string(::getpid()) + "-" + std::to_string(index);
}

// The directory `sink`'s file goes in, opened through its handle; fails as
// OutputDir::subdirectory() (the caller then leaves that entry as it is).
Result<UniqueFd> parent_of(const FileSink& sink)
{
    return sink.directory()->subdirectory(sink.relative_path().parent_path(), CreateMissing::no);
}

// Keeps what is at `sink`'s destination aside (a hard link beside it) when it is a regular
// file; returns the link's name, or empty.
std::string keep_aside(const FileSink& sink, std::size_t index)
{
    auto parent = parent_of(sink);
    if (!parent) {
        return {};
    }
    const std::string name = sink.relative_path().filename().string();
    struct stat info
    {
    };
    if (::fstatat(parent->get(), name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(info.st_mode)) {
        return {};
    }
    std::string kept = kept_name(sink, index);
    if (::linkat(parent->get(), name.c_str(), parent->get(), kept.c_str(), 0) != 0) {
        return {};
    }
    return kept;
}

// Puts every destination back as it was before commit_all().
void roll_back(const std::vector<Placed>& placed)
{
    for (const Placed& entry : placed) {
        auto parent = parent_of(*entry.sink);
        if (!parent) {
            continue;
        }
        const std::string name = entry.sink->relative_path().filename().string();
        if (entry.committed || !entry.kept.empty()) {
            ::unlinkat(parent->get(), name.c_str(), 0);
        }
        if (!entry.kept.empty()) {
            ::renameat(parent->get(), entry.kept.c_str(), parent->get(), name.c_str());
        }
    }
}

// Removes the kept copies once every file is placed.
void drop_kept(const std::vector<Placed>& placed)
{
    for (const Placed& entry : placed) {
        if (entry.kept.empty()) {
            continue;
        }
        if (auto parent = parent_of(*entry.sink)) {
            ::unlinkat(parent->get(), entry.kept.c_str(), 0);
        }
    }
}

} // namespace

Result<void> commit_all(std::vector<std::unique_ptr<FileSink>>& sinks, Overwrite overwrite)
{
    std::vector<Placed> placed;
    placed.reserve(sinks.size());
    for (std::size_t i = 0; i < sinks.size(); ++i) {
        placed.push_back(Placed{sinks[i].get(), keep_aside(*sinks[i], i), false});
        if (auto committed = sinks[i]->commit(overwrite); !committed) {
            roll_back(placed);
            return std::move(committed).error();
        }
        placed.back().committed = true;
    }
    drop_kept(placed);
    return {};
}

} // namespace oras::ops
