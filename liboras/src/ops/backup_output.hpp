// Where `backup` writes its OCI layout before the layout is put in place, so that a failed
// backup leaves no partial output: a new directory is a temporary sibling renamed at the end, a
// tar is written from a private temporary layout to a temporary file renamed at the end.
#pragma once

#include "oras/ops/backup.hpp"
#include "oras/result.hpp"

#include <filesystem>
#include <memory>
#include <vector>

namespace oras::ops {

class StagedLayout
{
  public:
    // Prepares the staging of `output` (of `kind`): an existing directory is written in place;
    // missing parent directories are made (and removed again unless the layout is committed).
    // Fails with invalid_argument when `output` names no file, already_exists when it is a
    // file where a directory is wanted or a directory where a tar is wanted, io otherwise.
    static Result<std::unique_ptr<StagedLayout>> prepare(const std::filesystem::path& output,
                                                         LayoutOutput kind);
    ~StagedLayout();
    StagedLayout(const StagedLayout&) = delete;
    StagedLayout& operator=(const StagedLayout&) = delete;

    // The directory the layout is written to now.
    [[nodiscard]] const std::filesystem::path& directory() const { return m_dir; }
    // Puts the layout at the output: renames the directory, or writes the tar (oci-layout,
    // index.json, then the blobs in name order) through a temporary file. Fails with io.
    Result<void> commit();

  private:
    StagedLayout() = default;

    std::filesystem::path m_output;
    std::filesystem::path m_dir;
    LayoutOutput m_kind = LayoutOutput::directory;
    bool m_temporary = false; // m_dir is ours and goes unless committed
    bool m_committed = false;
    std::vector<std::filesystem::path> m_created_parents; // outermost first
};

} // namespace oras::ops
