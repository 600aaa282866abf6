#include "archive/tar_gzip.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <optional>
#include <set>

namespace oras::archive {

namespace {

constexpr std::size_t k_block = 1024 * 1024;

struct WriteDeleter
{
    void operator()(::archive* a) const { archive_write_free(a); }
};
struct ReadDeleter
{
    void operator()(::archive* a) const { archive_read_free(a); }
};
struct EntryDeleter
{
    void operator()(::archive_entry* e) const { archive_entry_free(e); }
};
using WriteArchive = std::unique_ptr<::archive, WriteDeleter>;
using ReadArchive = std::unique_ptr<::archive, ReadDeleter>;
using Entry = std::unique_ptr<::archive_entry, EntryDeleter>;

// Where a writing pass sends libarchive's output: hashed, and written to `out` or `sink` when
// set (the sink's first failure is kept in `failure`).
struct Output
{
    Sha256 hasher;
    std::uint64_t size = 0;
    std::ofstream* out = nullptr;
    ByteSink* sink = nullptr;
    std::optional<Error> failure;

    static la_ssize_t write(::archive*, void* self, const void* buffer, size_t length)
    {
        auto* output = static_cast<Output*>(self);
        const std::string_view bytes(static_cast<const char*>(buffer), length);
        output->hasher.update(bytes);
        output->size += length;
        if (output->out != nullptr &&
            !output->out->write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
            return -1;
        }
        if (output->sink != nullptr) {
            auto written = output->sink->write(bytes);
            if (!written) {
                output->failure = std::move(written).error();
                return -1;
            }
        }
        return static_cast<la_ssize_t>(length);
    }
};

Error archive_error(::archive* a, const std::string& what)
{
    const char* text = archive_error_string(a);
    return fail(ErrorCode::io, what + ": " + (text != nullptr ? text : "libarchive failed"));
}

Result<void> write_entry(::archive* a, const TarEntry& entry)
{
    const std::string what = "add " + entry.source.string() + " to the archive as " + entry.name;
    std::ifstream in(entry.source, std::ios::binary);
    std::error_code ec;
    const auto size = std::filesystem::file_size(entry.source, ec);
    if (!in || ec) {
        return fail(ErrorCode::io, what + ": cannot read the file");
    }
    Entry header(archive_entry_new());
    archive_entry_set_pathname(header.get(), entry.name.c_str());
    archive_entry_set_size(header.get(), static_cast<la_int64_t>(size));
    archive_entry_set_filetype(header.get(), AE_IFREG);
    archive_entry_set_perm(header.get(), 0644);
    archive_entry_set_mtime(header.get(), 0, 0);
    archive_entry_set_uid(header.get(), 0);
    archive_entry_set_gid(header.get(), 0);
    if (archive_write_header(a, header.get()) != ARCHIVE_OK) {
        return archive_error(a, what);
    }
    std::vector<char> buffer(k_block);
    std::uint64_t written = 0;
    while (written < size) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (got == 0) {
            return fail(ErrorCode::io, what + ": the file shrank while it was read");
        }
        const std::size_t take =
            static_cast<std::size_t>(std::min<std::uint64_t>(got, size - written));
        if (archive_write_data(a, buffer.data(), take) < 0) {
            return archive_error(a, what);
        }
        written += take;
    }
    return {};
}

Result<void> write_directory(::archive* a, const std::string& name)
{
    Entry header(archive_entry_new());
    archive_entry_set_pathname(header.get(), name.c_str());
    archive_entry_set_size(header.get(), 0);
    archive_entry_set_filetype(header.get(), AE_IFDIR);
    archive_entry_set_perm(header.get(), 0755);
    archive_entry_set_mtime(header.get(), 0, 0);
    archive_entry_set_uid(header.get(), 0);
    archive_entry_set_gid(header.get(), 0);
    if (archive_write_header(a, header.get()) != ARCHIVE_OK) {
        return archive_error(a, "add the directory " + name + " to the archive");
    }
    return {};
}

// Writes an entry for each directory on the way to `name` not written yet ("blobs/",
// "blobs/sha256/").
Result<void> write_parents(::archive* a, std::string_view name, std::set<std::string>& written)
{
    for (auto slash = name.find('/'); slash != std::string_view::npos;
         slash = name.find('/', slash + 1)) {
        std::string dir(name.substr(0, slash + 1));
        if (written.insert(dir).second) {
            ORAS_TRY(write_directory(a, dir));
        }
    }
    return {};
}

enum class Compression
{
    none,
    gzip
};

// One deterministic pass over `entries` into `output`.
Result<void>
write_pass(const std::vector<TarEntry>& entries, Compression compression, Output& output)
{
    WriteArchive a(archive_write_new());
    if (!a || archive_write_set_format_ustar(a.get()) != ARCHIVE_OK) {
        return fail(ErrorCode::internal, "libarchive: cannot set up a tar writer");
    }
    if (compression == Compression::gzip &&
        (archive_write_add_filter_gzip(a.get()) != ARCHIVE_OK ||
         archive_write_set_options(a.get(), "gzip:!timestamp,gzip:compression-level=9") !=
             ARCHIVE_OK)) {
        return archive_error(a.get(), "set up gzip compression");
    }
    // No padding to libarchive's 10240-byte blocks: the gzip stream must end at its trailer,
    // and the plain pass must hash exactly the tar that the gzip pass compresses.
    archive_write_set_bytes_in_last_block(a.get(), 1);
    if (archive_write_open2(a.get(), &output, nullptr, &Output::write, nullptr, nullptr) !=
        ARCHIVE_OK) {
        return archive_error(a.get(), "start the archive");
    }
    for (const auto& entry : entries) {
        ORAS_TRY(write_entry(a.get(), entry));
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK) {
        return archive_error(a.get(), "finish the archive");
    }
    return {};
}

// An entry name as messages may show it: control bytes replaced, at most 200 bytes.
std::string shown_name(std::string_view name)
{
    std::string out;
    for (const char c : name.substr(0, 200)) {
        const auto byte = static_cast<unsigned char>(c);
        out += (byte < 0x20 || byte == 0x7f) ? '?' : c;
    }
    return out;
}

std::string basename_of(std::string_view name)
{
    while (!name.empty() && name.back() == '/') {
        name.remove_suffix(1);
    }
    const auto slash = name.rfind('/');
    return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

Result<std::uint64_t>
copy_entry(::archive* a, ByteSink& sink, std::uint64_t limit, const std::string& what)
{
    std::array<char, 64 * 1024> buffer{};
    std::uint64_t total = 0;
    while (true) {
        const la_ssize_t got = archive_read_data(a, buffer.data(), buffer.size());
        if (got < 0) {
            const char* text = archive_error_string(a);
            return fail(ErrorCode::invalid_format,
                        what + ": " + (text != nullptr ? text : "damaged archive"));
        }
        if (got == 0) {
            return total;
        }
        total += static_cast<std::uint64_t>(got);
        if (total > limit) {
            return fail(ErrorCode::too_large,
                        what + ": the entry is larger than " + std::to_string(limit) + " bytes");
        }
        ORAS_TRY(sink.write(std::string_view(buffer.data(), static_cast<std::size_t>(got))));
    }
}

} // namespace

Result<WrittenTarGzip> write_tar_gzip(const std::vector<TarEntry>& entries,
                                      const std::filesystem::path& out)
{
    Output tar;
    ORAS_TRY(write_pass(entries, Compression::none, tar));
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    if (!file) {
        return fail(ErrorCode::io, "create " + out.string());
    }
    Output gz;
    gz.out = &file;
    ORAS_TRY(write_pass(entries, Compression::gzip, gz));
    file.close();
    if (!file) {
        return fail(ErrorCode::io, "write " + out.string());
    }
    return WrittenTarGzip{tar.hasher.finish(), gz.hasher.finish(), gz.size};
}

Result<void> write_tar(const std::vector<TarEntry>& entries, ByteSink& out)
{
    WriteArchive a(archive_write_new());
    // pax_restricted: USTAR headers, with a pax header only for an entry USTAR cannot name
    // (blobs/sha512/<128 hex digits>), as Go's archive/tar under oras backup does.
    if (!a || archive_write_set_format_pax_restricted(a.get()) != ARCHIVE_OK) {
        return fail(ErrorCode::internal, "libarchive: cannot set up a tar writer");
    }
    Output output;
    output.sink = &out;
    auto failed = [&](const std::string& what) -> Error {
        if (output.failure) {
            return *output.failure;
        }
        return archive_error(a.get(), what);
    };
    if (archive_write_open2(a.get(), &output, nullptr, &Output::write, nullptr, nullptr) !=
        ARCHIVE_OK) {
        return failed("start the archive");
    }
    std::set<std::string> directories;
    for (const auto& entry : entries) {
        auto written = write_parents(a.get(), entry.name, directories);
        if (written) {
            written = write_entry(a.get(), entry);
        }
        if (!written) {
            return output.failure ? *output.failure : written.error();
        }
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK) {
        return failed("finish the archive");
    }
    return {};
}

namespace {

Result<ReadArchive> tar_gzip_reader()
{
    ReadArchive a(archive_read_new());
    if (!a || archive_read_support_filter_gzip(a.get()) != ARCHIVE_OK ||
        archive_read_support_format_tar(a.get()) != ARCHIVE_OK) {
        return fail(ErrorCode::internal, "libarchive: cannot set up a tar reader");
    }
    return a;
}

Result<void> opened(::archive* a, int status, const std::string& what)
{
    if (status != ARCHIVE_OK) {
        const char* text = archive_error_string(a);
        return fail(ErrorCode::invalid_format,
                    what + ": " + (text != nullptr ? text : "not a tar archive"));
    }
    return {};
}

// What kind of entry that is not a plain file `entry` is, for messages; empty for a regular
// file or a directory.
std::string special_kind(::archive_entry* entry)
{
    if (const char* target = archive_entry_hardlink(entry); target != nullptr) {
        return "a hard link to " + shown_name(target);
    }
    switch (archive_entry_filetype(entry)) {
    case AE_IFREG:
    case AE_IFDIR:
        return {};
    case AE_IFLNK: {
        const char* target = archive_entry_symlink(entry);
        return "a symbolic link to " + shown_name(target != nullptr ? target : "");
    }
    case AE_IFCHR:
    case AE_IFBLK:
        return "a device";
    case AE_IFIFO:
        return "a fifo";
    case AE_IFSOCK:
        return "a socket";
    default:
        return "of an unknown type";
    }
}

// Fails with too_large when the archive holds more entries than the limit, or when the
// uncompressed bytes read so far plus the next entry's declared size exceed the total limit:
// a gzip bomb stops before its bytes are inflated.
Result<void> check_budget(::archive* a,
                          ::archive_entry* entry,
                          std::size_t entries,
                          const TarLimits& limits,
                          const std::string& what)
{
    if (entries > limits.max_entries) {
        return fail(ErrorCode::too_large,
                    what + ": the archive holds more than " + std::to_string(limits.max_entries) +
                        " entries");
    }
    const auto read =
        static_cast<std::uint64_t>(std::max<la_int64_t>(archive_filter_bytes(a, 0), 0));
    const std::uint64_t declared =
        archive_entry_size_is_set(entry) != 0
            ? static_cast<std::uint64_t>(std::max<la_int64_t>(archive_entry_size(entry), 0))
            : 0;
    if (read > limits.max_total_size || declared > limits.max_total_size - read) {
        return fail(ErrorCode::too_large,
                    what + ": the archive expands to more than " +
                        std::to_string(limits.max_total_size) + " bytes (entry " +
                        shown_name(archive_entry_pathname(entry) != nullptr
                                       ? archive_entry_pathname(entry)
                                       : "") +
                        " declares " + std::to_string(declared) + ")");
    }
    return {};
}

// Fails with invalid_format unless `status`, the last archive_read_next_header()'s, is the end.
Result<void> reached_end(::archive* a, int status, const std::string& what)
{
    if (status != ARCHIVE_EOF) {
        const char* text = archive_error_string(a);
        return fail(ErrorCode::invalid_format,
                    what + ": " + (text != nullptr ? text : "damaged archive"));
    }
    return {};
}

Result<std::map<std::string, ExtractedEntry>>
extract_from(::archive* a,
             const std::map<std::string, ByteSink*>& wanted,
             const TarLimits& limits,
             const std::string& what)
{
    std::map<std::string, ExtractedEntry> found;
    ::archive_entry* entry = nullptr;
    int status = ARCHIVE_OK;
    std::size_t entries = 0;
    while ((status = archive_read_next_header(a, &entry)) == ARCHIVE_OK || status == ARCHIVE_WARN) {
        ORAS_TRY(check_budget(a, entry, ++entries, limits, what));
        const char* raw_name = archive_entry_pathname(entry);
        if (raw_name == nullptr || archive_entry_filetype(entry) == AE_IFDIR) {
            continue;
        }
        const std::string base = basename_of(raw_name);
        const auto sink = wanted.find(base);
        if (sink == wanted.end() || found.contains(base)) {
            continue;
        }
        const std::string entry_what = what + ": entry " + shown_name(raw_name);
        if (const std::string kind = special_kind(entry); !kind.empty()) {
            return fail(ErrorCode::invalid_format,
                        entry_what + " is " + kind +
                            ", not a file: links, devices and fifos "
                            "are refused");
        }
        if (archive_entry_size_is_set(entry) != 0 &&
            static_cast<std::uint64_t>(archive_entry_size(entry)) > limits.max_entry_size) {
            return fail(ErrorCode::too_large,
                        entry_what + " is larger than " + std::to_string(limits.max_entry_size) +
                            " bytes");
        }
        const std::uint64_t size =
            ORAS_TRY(copy_entry(a, *sink->second, limits.max_entry_size, entry_what));
        found[base] = ExtractedEntry{shown_name(raw_name), size};
        if (found.size() == wanted.size()) {
            return found;
        }
    }
    ORAS_TRY(reached_end(a, status, what));
    return found;
}

Result<void> extract_all(::archive* a,
                         const EntryChooser& choose,
                         const TarLimits& limits,
                         const std::string& what)
{
    ::archive_entry* entry = nullptr;
    int status = ARCHIVE_OK;
    std::size_t entries = 0;
    while ((status = archive_read_next_header(a, &entry)) == ARCHIVE_OK || status == ARCHIVE_WARN) {
        ORAS_TRY(check_budget(a, entry, ++entries, limits, what));
        const char* raw_name = archive_entry_pathname(entry);
        if (raw_name == nullptr || archive_entry_filetype(entry) == AE_IFDIR) {
            continue;
        }
        const EntryTarget target = ORAS_TRY(choose(raw_name));
        if (target.sink == nullptr) {
            continue;
        }
        const std::string entry_what = what + ": entry " + shown_name(raw_name);
        if (const std::string kind = special_kind(entry); !kind.empty()) {
            return fail(ErrorCode::invalid_format, entry_what + " is " + kind + ", not a file");
        }
        const std::uint64_t size =
            ORAS_TRY(copy_entry(a, *target.sink, limits.max_entry_size, entry_what));
        if (target.done) {
            ORAS_TRY(target.done(size));
        }
    }
    return reached_end(a, status, what);
}

} // namespace

Result<void> extract_each(const std::filesystem::path& path,
                          const EntryChooser& choose,
                          const TarLimits& limits,
                          const std::string& what)
{
    auto a = ORAS_TRY(tar_gzip_reader());
    ORAS_TRY(opened(a.get(), archive_read_open_filename(a.get(), path.c_str(), 64 * 1024), what));
    return extract_all(a.get(), choose, limits, what);
}

Result<std::map<std::string, ExtractedEntry>>
extract_by_basename(const std::filesystem::path& path,
                    const std::map<std::string, ByteSink*>& wanted,
                    const TarLimits& limits,
                    const std::string& what)
{
    auto a = ORAS_TRY(tar_gzip_reader());
    ORAS_TRY(opened(a.get(), archive_read_open_filename(a.get(), path.c_str(), 64 * 1024), what));
    return extract_from(a.get(), wanted, limits, what);
}

Result<std::map<std::string, ExtractedEntry>>
extract_by_basename(std::string_view bytes,
                    const std::map<std::string, ByteSink*>& wanted,
                    const TarLimits& limits,
                    const std::string& what)
{
    auto a = ORAS_TRY(tar_gzip_reader());
    ORAS_TRY(opened(a.get(), archive_read_open_memory(a.get(), bytes.data(), bytes.size()), what));
    return extract_from(a.get(), wanted, limits, what);
}

} // namespace oras::archive
