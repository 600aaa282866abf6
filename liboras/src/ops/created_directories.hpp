// Directories a pull creates, removed again (when still empty) unless the pull succeeded.
#pragma once

#include "oras/result.hpp"

#include <filesystem>
#include <vector>

namespace oras::ops {

class CreatedDirectories
{
    using path = std::filesystem::path;

  public:
    ~CreatedDirectories()
    {
        std::error_code ec;
        for (auto it = m_dirs.rbegin(); it != m_dirs.rend() && !m_keep; ++it) {
            std::filesystem::remove(*it, ec); // only removes empty directories
        }
    }
    // Creates `dir` and its missing parents, remembering which were created.
    Result<void> create(const path& dir)
    {
        std::vector<std::filesystem::path> missing;
        std::error_code ec;
        for (auto p = dir; !p.empty() && !std::filesystem::exists(p, ec); p = p.parent_path()) {
            missing.push_back(p);
            if (p == p.parent_path()) {
                break;
            }
        }
        std::filesystem::create_directories(dir, ec);
        if (ec) {
            return fail(ErrorCode::io, "create directory " + dir.string() + ": " + ec.message());
        }
        m_dirs.insert(m_dirs.end(), missing.rbegin(), missing.rend());
        return {};
    }
    void keep() { m_keep = true; }

  private:
    std::vector<path> m_dirs;
    bool m_keep = false;
};

} // namespace oras::ops
