// Byte streams: what content is pushed from and fetched into. Nothing but manifests and configs
// is ever held whole in memory; blobs flow through these in blocks.
#pragma once

#include "oras/result.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace oras {

// A readable stream of bytes.
class ByteSource
{
  public:
    virtual ~ByteSource() = default;
    // Reads up to `buffer.size()` bytes into `buffer`; returns how many, 0 at the end. Fails
    // with io, or cancelled when a progress callback asked to stop.
    virtual Result<std::size_t> read(std::span<char> buffer) = 0;
    // Starts again from the first byte (for a request that must be resent); fails with
    // unsupported when the source cannot be replayed.
    virtual Result<void> rewind() = 0;
    // Goes to byte `offset` from the start (an upload resumed where the registry stands). This
    // default rewinds and reads past `offset` bytes; fails like rewind(), or with io when the
    // source ends before `offset`.
    virtual Result<void> seek(std::uint64_t offset);
};

// A writable stream of bytes.
class ByteSink
{
  public:
    virtual ~ByteSink() = default;
    // Writes all of `data`; fails with io (or too_large / cancelled from decorators).
    virtual Result<void> write(std::string_view data) = 0;
};

// A source over bytes held in memory; `data` must outlive the source.
class MemorySource final : public ByteSource
{
  public:
    explicit MemorySource(std::string_view data) : m_data(data) {}
    Result<std::size_t> read(std::span<char> buffer) override;
    Result<void> rewind() override
    {
        m_offset = 0;
        return {};
    }
    Result<void> seek(std::uint64_t offset) override;

  private:
    std::string_view m_data;
    std::size_t m_offset = 0;
};

// A sink that appends to a string, failing with too_large past `limit` bytes.
class StringSink final : public ByteSink
{
  public:
    explicit StringSink(std::size_t limit) : m_limit(limit) {}
    Result<void> write(std::string_view data) override;
    [[nodiscard]] const std::string& str() const& { return m_data; }
    std::string take() { return std::move(m_data); }

  private:
    std::string m_data;
    std::size_t m_limit;
};

// Opens `path` for reading as a ByteSource; fails with not_found or io.
Result<std::unique_ptr<ByteSource>> open_file_source(const std::filesystem::path& path);

// Whether an existing file may be replaced when a FileSink commits.
enum class Overwrite
{
    no,
    yes
};

// A sink that writes to a temporary file beside `path` and only renames it onto `path` on
// commit(); if it is destroyed without commit() the temporary file is removed, so a failed or
// unverified download never leaves partial output.
// Whether a FileSink fsyncs the file (and its directory) before and after the rename: index
// and layout files do; downloads do not, as curl, oras and skopeo do not (the rename still
// makes a file appear whole or not at all to other processes).
enum class Durability
{
    synced,
    unsynced
};

class FileSink final : public ByteSink
{
  public:
    // Creates the temporary file (parent directories must exist); fails with io.
    static Result<std::unique_ptr<FileSink>> create(const std::filesystem::path& path,
                                                    Durability durability = Durability::synced);
    ~FileSink() override;
    FileSink(const FileSink&) = delete;
    FileSink& operator=(const FileSink&) = delete;

    Result<void> write(std::string_view data) override;
    // Closes the temporary file (after an fsync when synced), so that a command holding many
    // finished files does not hold as many descriptors; commit() still renames it. Idempotent.
    Result<void> close();
    // Closes the temporary file if still open and renames it onto the final path. With
    // Overwrite::no fails with already_exists when the final path exists.
    Result<void> commit(Overwrite overwrite);
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

  private:
    FileSink(std::filesystem::path path, std::filesystem::path temp, int fd, Durability durability);
    std::filesystem::path m_path;
    std::filesystem::path m_temp;
    int m_fd = -1;
    Durability m_durability;
    bool m_closed = false;
    bool m_committed = false;
};

} // namespace oras
