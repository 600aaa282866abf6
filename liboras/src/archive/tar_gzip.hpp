// gzip-compressed tar archives for the compat Wasm image layout (wasm-formats.md §1.2,
// §10.3), through libarchive: written byte-for-byte reproducibly, read without trusting a
// single entry name.
#pragma once

#include "oras/digest.hpp"
#include "oras/io.hpp"
#include "oras/result.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace oras::archive {

// One regular file to put in an archive: its name inside and where its bytes come from.
struct TarEntry
{
    std::string name; // "plugin.wasm"
    std::filesystem::path source;
};

struct WrittenTarGzip
{
    Digest tar_digest; // of the uncompressed tar (an image config's diff_id)
    Digest digest;     // of the file written
    std::uint64_t size = 0;
};

// Writes `entries` as a USTAR tar (mode 0644, uid and gid 0, no owner names, mtime 0),
// gzip-compressed without a name or a time, to `out` (replaced). The same entries always give
// the same bytes. Fails with io naming the entry or `out`.
Result<WrittenTarGzip> write_tar_gzip(const std::vector<TarEntry>& entries,
                                      const std::filesystem::path& out);

// Writes `entries` as a plain tar into `out` (an OCI image layout archive, as oras backup
// writes): before the first file of each directory, an entry for that directory (mode 0755),
// then the files as write_tar_gzip() writes them. USTAR headers, with a pax extended header
// for a name USTAR cannot hold (a sha512 blob's). Fails with io naming the entry, or as `out`
// fails.
Result<void> write_tar(const std::vector<TarEntry>& entries, ByteSink& out);

// What extract_by_basename() found, by wanted basename.
struct ExtractedEntry
{
    std::string name; // the entry's name in the archive, control bytes replaced, for messages
    std::uint64_t size = 0;
};

// What reading one archive may cost, whatever its headers declare. Each limit is checked
// before the bytes it covers are decompressed.
struct TarLimits
{
    std::uint64_t max_entry_size = 0; // bytes of one wanted entry
    std::uint64_t max_total_size = 0; // bytes of the whole uncompressed tar, headers included
    std::size_t max_entries = 10'000; // entries of any type
};

// Reads the gzip-compressed tar at `path` and streams the first regular-file entry whose
// basename is each key of `wanted` ("plugin.wasm" matches "./plugin.wasm" and "a/plugin.wasm",
// as Istio's agent does) into its sink. Entry names are never used as paths and nothing but
// the wanted entries' bytes is written anywhere, so absolute names, `..`, links and devices
// cannot place a file; entries of other names are skipped whatever their type. A wanted name
// on a symbolic or hard link, a device, a fifo or a socket fails with invalid_format (it
// cannot hold the content). A wanted entry over `limits.max_entry_size`, an archive that
// expands past `limits.max_total_size` or holds more than `limits.max_entries` entries fails
// with too_large; a damaged archive with invalid_format. Errors start with `what`.
Result<std::map<std::string, ExtractedEntry>>
extract_by_basename(const std::filesystem::path& path,
                    const std::map<std::string, ByteSink*>& wanted,
                    const TarLimits& limits,
                    const std::string& what);

// extract_by_basename() over the archive's bytes in memory.
Result<std::map<std::string, ExtractedEntry>>
extract_by_basename(std::string_view bytes,
                    const std::map<std::string, ByteSink*>& wanted,
                    const TarLimits& limits,
                    const std::string& what);

// Where extract_each() puts one entry: `sink` receives its bytes (nullptr: the entry is
// skipped), then `done` is called with the number of bytes written.
struct EntryTarget
{
    ByteSink* sink = nullptr;
    std::function<Result<void>(std::uint64_t size)> done;
};

// Chooses where an entry goes, given its name as stored in the archive.
using EntryChooser = std::function<Result<EntryTarget>(std::string_view name)>;

// Reads the tar (plain or gzip-compressed) at `path` and offers each regular file's name to
// `choose`; entry names are never used as paths here. Directories are skipped; a link, device,
// fifo or socket whose name `choose` accepts fails with invalid_format. The limits apply as in
// extract_by_basename() (max_entry_size to every chosen entry). Errors start with `what`.
Result<void> extract_each(const std::filesystem::path& path,
                          const EntryChooser& choose,
                          const TarLimits& limits,
                          const std::string& what);

} // namespace oras::archive
