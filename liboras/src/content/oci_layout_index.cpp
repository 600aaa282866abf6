// oci-layout and index.json of an OCI image layout (image-spec image-layout.md).
#include "content/oci_layout_index.hpp"

#include "json_descriptor.hpp"

#include "oras/io.hpp"
#include "oras/media_types.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>
#include <vector>

namespace oras::oci_layout {

namespace fs = std::filesystem;

namespace {

// Largest oci-layout file read; the real one is 30 bytes.
constexpr std::size_t k_max_layout_file_bytes = 64 * 1024;

} // namespace

Result<std::string> read_small_file(const fs::path& path, std::size_t max_bytes)
{
    auto source = ORAS_TRY(open_file_source(path));
    StringSink sink(max_bytes);
    std::array<char, 64 * 1024> buffer{};
    for (;;) {
        const std::size_t count = ORAS_TRY(source->read(buffer));
        if (count == 0) {
            return sink.take();
        }
        auto written = sink.write(std::string_view(buffer.data(), count));
        if (!written) {
            return written.error().with_context("read " + path.string());
        }
    }
}

Result<void> write_file_atomically(const fs::path& path, std::string_view data)
{
    auto sink = ORAS_TRY(FileSink::create(path));
    ORAS_TRY(sink->write(data));
    return sink->commit(Overwrite::yes);
}

Result<void> check_layout_file(const fs::path& dir)
{
    const fs::path path = dir / k_layout_file;
    const std::string text = ORAS_TRY(read_small_file(path, k_max_layout_file_bytes));
    const nlohmann::json json = ORAS_TRY(parse_json_object(text, path.string()));
    const std::string version =
        ORAS_TRY(required_string_member(json, "imageLayoutVersion", path.string()));
    if (version != k_layout_version) {
        return fail(ErrorCode::invalid_format,
                    path.string() + ": unsupported imageLayoutVersion \"" + version +
                        R"(" (expected "1.0.0"))");
    }
    return {};
}

Result<void> write_layout_file(const fs::path& dir)
{
    const nlohmann::json json = {{"imageLayoutVersion", k_layout_version}};
    return write_file_atomically(dir / k_layout_file, json.dump());
}

Index empty_index()
{
    Index index;
    index.schema_version = 2;
    index.media_type = std::string(media_type::oci_index);
    return index;
}

namespace {

// An exclusive flock(2) on a directory, released when destroyed.
class DirectoryLock
{
  public:
    static Result<DirectoryLock> take(const fs::path& dir)
    {
        const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            return fail(ErrorCode::io, "open " + dir.string() + ": " + std::strerror(errno));
        }
        while (::flock(fd, LOCK_EX) != 0) {
            if (errno != EINTR) {
                const int error = errno;
                ::close(fd);
                return fail(ErrorCode::io, "lock " + dir.string() + ": " + std::strerror(error));
            }
        }
        return DirectoryLock(fd);
    }
    DirectoryLock(DirectoryLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    DirectoryLock& operator=(DirectoryLock&&) = delete;
    DirectoryLock(const DirectoryLock&) = delete;
    DirectoryLock& operator=(const DirectoryLock&) = delete;
    ~DirectoryLock()
    {
        if (m_fd >= 0) {
            ::close(m_fd); // releases the lock
        }
    }

  private:
    explicit DirectoryLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace

Result<Index> update_index_file(const fs::path& dir, const std::function<bool(Index&)>& change)
{
    const DirectoryLock lock = ORAS_TRY(DirectoryLock::take(dir));
    Index index = ORAS_TRY(read_index_file(dir));
    if (change(index)) {
        ORAS_TRY(write_index_file(dir, index));
    }
    return index;
}

Result<Index> read_index_file(const fs::path& dir)
{
    const fs::path path = dir / k_index_file;
    auto text = read_small_file(path, k_max_manifest_bytes);
    if (!text) {
        if (text.error().code == ErrorCode::not_found) {
            return empty_index();
        }
        return std::move(text).error();
    }
    auto index = parse_index(*text, media_type::oci_index);
    if (!index) {
        return Error{ErrorCode::invalid_format, index.error().message, {}}.with_context(
            "parse " + path.string());
    }
    return index;
}

Result<void> write_index_file(const fs::path& dir, const Index& index)
{
    return write_file_atomically(dir / k_index_file, serialize_index(index));
}

std::string ref_name(const Descriptor& desc)
{
    const auto found = desc.annotations.find(std::string(annotation::ref_name));
    return found == desc.annotations.end() ? std::string() : found->second;
}

Descriptor without_ref_name(Descriptor desc)
{
    desc.annotations.erase(std::string(annotation::ref_name));
    return desc;
}

std::optional<Descriptor> find_tag(const Index& index, std::string_view tag)
{
    const auto& entries = index.manifests;
    const auto found = std::find_if(entries.rbegin(), entries.rend(), [&](const Descriptor& entry) {
        return ref_name(entry) == tag;
    });
    if (found == entries.rend()) {
        return std::nullopt;
    }
    return without_ref_name(*found);
}

std::optional<Descriptor> find_digest(const Index& index, const Digest& digest)
{
    const Descriptor* first = nullptr;
    for (const Descriptor& entry : index.manifests) {
        if (entry.digest != digest) {
            continue;
        }
        if (ref_name(entry).empty()) {
            return without_ref_name(entry);
        }
        if (first == nullptr) {
            first = &entry;
        }
    }
    if (first == nullptr) {
        return std::nullopt;
    }
    return without_ref_name(*first);
}

bool add_untagged(Index& index, const Descriptor& desc)
{
    const bool listed =
        std::any_of(index.manifests.begin(), index.manifests.end(), [&](const Descriptor& entry) {
            return entry.digest == desc.digest;
        });
    if (listed) {
        return false;
    }
    index.manifests.push_back(without_ref_name(desc));
    return true;
}

namespace {

// Drops untagged entries whose digest a tagged entry or an earlier untagged entry lists.
void drop_duplicate_untagged(std::vector<Descriptor>& entries)
{
    std::set<Digest> tagged_digests;
    for (const Descriptor& entry : entries) {
        if (!ref_name(entry).empty()) {
            tagged_digests.insert(entry.digest);
        }
    }
    std::set<Digest> untagged_digests;
    std::erase_if(entries, [&](const Descriptor& entry) {
        if (!ref_name(entry).empty()) {
            return false;
        }
        return tagged_digests.contains(entry.digest) ||
               !untagged_digests.insert(entry.digest).second;
    });
}

} // namespace

void set_tag(Index& index, const Descriptor& desc, std::string_view tag)
{
    auto& entries = index.manifests;
    std::size_t position = entries.size();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (ref_name(entries[i]) == tag) {
            entries[i] = without_ref_name(std::move(entries[i]));
            position = i + 1;
        }
    }
    Descriptor tagged = desc;
    tagged.annotations[std::string(annotation::ref_name)] = std::string(tag);
    entries.insert(entries.begin() + static_cast<std::ptrdiff_t>(position), std::move(tagged));
    drop_duplicate_untagged(entries);
}

std::vector<std::string> tag_names(const Index& index)
{
    std::vector<std::string> tags;
    for (const Descriptor& entry : index.manifests) {
        std::string tag = ref_name(entry);
        if (!tag.empty()) {
            tags.push_back(std::move(tag));
        }
    }
    std::sort(tags.begin(), tags.end());
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    return tags;
}

bool remove_digest(Index& index, const Digest& digest)
{
    const auto removed = std::erase_if(
        index.manifests, [&digest](const Descriptor& entry) { return entry.digest == digest; });
    return removed > 0;
}

} // namespace oras::oci_layout
