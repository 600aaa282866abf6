// A read-only memory mapping of a whole file: the one owner of mmap() in the inspector.
#pragma once

#include "oras/result.hpp"

#include <cstddef>
#include <filesystem>
#include <string_view>

namespace oras::wasm {

// A file mapped read-only and private; unmapped on destruction. Movable, not copyable. If the
// file shrinks while mapped, reading past its new end raises SIGBUS, as with any mapping.
class MappedFile
{
  public:
    // Maps the regular file at `path`; fails with not_found, or io for anything else (a
    // directory, a permission error), naming `path`. An empty file maps to no bytes.
    static Result<MappedFile> open(const std::filesystem::path& path);

    ~MappedFile();
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    [[nodiscard]] std::string_view bytes() const;

  private:
    MappedFile(void* data, std::size_t size) : m_data(data), m_size(size) {}
    void reset();

    void* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace oras::wasm
