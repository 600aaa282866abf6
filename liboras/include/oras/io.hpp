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

// The process's standard input, read as it comes; rewind() and seek() fail with unsupported
// (a pipe is read once). Reads fail with io naming "standard input".
std::unique_ptr<ByteSource> standard_input();

// The process's standard output, written as bytes come: what was written cannot be taken back
// when a later check fails. Writes fail with io naming "standard output".
std::unique_ptr<ByteSink> standard_output();

// Whether an existing file may be replaced when a FileSink commits.
enum class Overwrite
{
    no,
    yes
};

// Whether a FileSink fsyncs the file (and its directory) before and after the rename: index
// and layout files do; downloads do not, as curl, oras and skopeo do not (the rename still
// makes a file appear whole or not at all to other processes).
enum class Durability
{
    synced,
    unsynced
};

// A directory written below through one handle (private: liboras/src/output_dir.hpp).
class OutputDir;

// A sink that writes to a temporary file beside its final path and only renames it there on
// commit(); if it is destroyed without commit() the temporary file is removed, so a failed or
// unverified download never leaves partial output. The file is placed relative to a directory
// handle taken once: the temporary file is created with O_EXCL and O_NOFOLLOW, and every step
// reaches it and its directory without following a symbolic link, so that a link placed there
// meanwhile cannot redirect the write.
class FileSink final : public ByteSink
{
  public:
    // Creates the temporary file beside `path`, whose directory must exist (symbolic links in
    // `path`'s directory are followed: the caller named it). Fails with io, or invalid_argument
    // when `path` names no file.
    static Result<std::unique_ptr<FileSink>> create(const std::filesystem::path& path,
                                                    Durability durability = Durability::synced);
    // Creates the temporary file for `relative` below `dir`, whose subdirectories on the way
    // must exist there and be no symbolic links. Fails with invalid_argument for a `relative`
    // that is absolute, holds "..", or names no file; io (naming the component) otherwise.
    static Result<std::unique_ptr<FileSink>> create_in(std::shared_ptr<OutputDir> dir,
                                                       const std::filesystem::path& relative,
                                                       Durability durability);
    ~FileSink() override;
    FileSink(const FileSink&) = delete;
    FileSink& operator=(const FileSink&) = delete;

    Result<void> write(std::string_view data) override;
    // Closes the temporary file (after an fsync when synced), so that a command holding many
    // finished files does not hold as many descriptors; commit() still renames it. Idempotent.
    Result<void> close();
    // Closes the temporary file if still open and renames it onto the final path. With
    // Overwrite::no fails with already_exists when the final path exists; fails with io when
    // the temporary file is no longer the one written (replaced meanwhile) or a directory on
    // the way became a symbolic link.
    Result<void> commit(Overwrite overwrite);
    // The final path, for messages.
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    // The directory the file goes in, and the file's path below it.
    [[nodiscard]] const std::shared_ptr<OutputDir>& directory() const { return m_dir; }
    [[nodiscard]] const std::filesystem::path& relative_path() const { return m_relative; }

  private:
    FileSink() = default;
    [[nodiscard]] Result<void> check_temporary(int parent) const;

    std::shared_ptr<OutputDir> m_dir;
    std::filesystem::path m_relative;
    std::filesystem::path m_path;
    std::string m_temp_name; // in the file's directory
    std::uint64_t m_device = 0;
    std::uint64_t m_inode = 0;
    int m_fd = -1;
    Durability m_durability = Durability::synced;
    bool m_closed = false;
    bool m_committed = false;
};

} // namespace oras
