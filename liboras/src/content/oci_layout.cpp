// A Target over a directory in the OCI image layout (image-spec image-layout.md), behaving as
// oras-go's content/oci.Store: blobs are verified before they are committed, every pushed
// manifest is listed in index.json, and tags are index.json entries carrying
// org.opencontainers.image.ref.name.
#include "oras/oci_layout.hpp"

#include "content/layout_archive.hpp"
#include "content/oci_layout_index.hpp"
#include "content/verifying_sink.hpp"
#include "oras/deleter.hpp"
#include "oras/listing.hpp"
#include "oras/manifest.hpp"
#include "oras/media_types.hpp"
#include "oras/reference.hpp"

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace oras {

namespace fs = std::filesystem;

namespace {

Result<void> copy_stream(ByteSource& source, ByteSink& sink)
{
    std::array<char, 64 * 1024> buffer{};
    for (;;) {
        const std::size_t count = ORAS_TRY(source.read(buffer));
        if (count == 0) {
            return {};
        }
        ORAS_TRY(sink.write(std::string_view(buffer.data(), count)));
    }
}

// Blob paths are only ever built from digests that pass this check.
Result<void> check_digest(const Digest& digest)
{
    if (digest.empty()) {
        return fail(ErrorCode::invalid_argument, "the descriptor has no digest");
    }
    if (digest.algorithm() != "sha256") {
        return fail(ErrorCode::unsupported,
                    "digest algorithm " + digest.algorithm() + " is not supported (only sha256)");
    }
    return {};
}

// The size of the regular file at `path`; nullopt when it does not exist. Fails with io.
Result<std::optional<std::uint64_t>> stat_blob(const fs::path& path)
{
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (status.type() == fs::file_type::not_found) {
        return std::optional<std::uint64_t>();
    }
    if (error) {
        return fail(ErrorCode::io, "stat " + path.string() + ": " + error.message());
    }
    if (status.type() != fs::file_type::regular) {
        return fail(ErrorCode::io, path.string() + " is not a regular file");
    }
    const std::uintmax_t size = fs::file_size(path, error);
    if (error) {
        return fail(ErrorCode::io, "stat " + path.string() + ": " + error.message());
    }
    return std::optional<std::uint64_t>(size);
}

class OciLayoutStore final : public Target, public TagLister, public Deleter, public BlobResolver
{
  public:
    OciLayoutStore(fs::path dir, LayoutMode mode, Index index)
        : m_dir(std::move(dir)), m_mode(mode), m_index(std::move(index))
    {
    }

    Result<void> fetch(const Descriptor& desc, ByteSink& sink) override
    {
        auto fetched = fetch_blob(desc, sink);
        if (!fetched) {
            return fetched.error().with_context("fetch " + desc.digest.str() + " from " +
                                                describe());
        }
        return {};
    }

    Result<void> push(const Descriptor& desc, ByteSource& content) override
    {
        auto pushed = push_content(desc, content);
        if (!pushed) {
            return pushed.error().with_context("push " + desc.digest.str() + " to " + describe());
        }
        return {};
    }

    Result<bool> exists(const Descriptor& desc) override
    {
        ORAS_TRY(check_digest(desc.digest));
        const auto size = ORAS_TRY(stat_blob(blob_path(desc.digest)));
        return size.has_value();
    }

    Result<Descriptor> resolve_blob(const Digest& digest) override
    {
        ORAS_TRY(check_digest(digest));
        const auto size = ORAS_TRY(stat_blob(blob_path(digest)));
        if (!size) {
            return fail(ErrorCode::not_found, "blob " + digest.str() + " is not in " + describe());
        }
        Descriptor desc;
        desc.media_type = "application/octet-stream";
        desc.digest = digest;
        desc.size = *size;
        return desc;
    }

    Result<Descriptor> resolve(std::string_view reference) override
    {
        auto resolved = resolve_reference(reference);
        if (!resolved) {
            return resolved.error().with_context("resolve " + std::string(reference) + " in " +
                                                 describe());
        }
        return resolved;
    }

    Result<void> tag(const Descriptor& desc, std::string_view tag) override
    {
        auto tagged = tag_manifest(desc, tag);
        if (!tagged) {
            return tagged.error().with_context("tag " + desc.digest.str() + " as " +
                                               std::string(tag) + " in " + describe());
        }
        return {};
    }

    // The ref.name annotations of index.json, sorted, those after `options.last` only.
    Result<std::vector<std::string>> tags(const ListOptions& options) override
    {
        std::vector<std::string> tags = oci_layout::tag_names(m_index);
        if (!options.last.empty()) {
            std::erase_if(tags, [&options](const std::string& tag) { return tag <= options.last; });
        }
        return tags;
    }

    // A manifest leaves index.json (with its tags, in one atomic rewrite) and then the blobs;
    // a blob is removed from the blobs.
    Result<void> remove(const Descriptor& desc) override
    {
        const bool manifest = media_type::is_manifest(desc.media_type);
        auto removed = remove_content(desc, manifest);
        if (!removed) {
            return removed.error().with_context(std::string("delete ") +
                                                (manifest ? "manifest " : "blob ") +
                                                desc.digest.str() + " from " + describe());
        }
        return {};
    }

    [[nodiscard]] std::string describe() const override { return "OCI layout " + m_dir.string(); }

  private:
    [[nodiscard]] fs::path blob_path(const Digest& digest) const
    {
        return m_dir / "blobs" / digest.algorithm() / digest.hex();
    }

    [[nodiscard]] Result<void> check_writable() const
    {
        if (m_mode == LayoutMode::read_only) {
            return fail(ErrorCode::unsupported, "the layout is opened read-only");
        }
        return {};
    }

    Result<void> fetch_blob(const Descriptor& desc, ByteSink& sink);
    Result<void> push_content(const Descriptor& desc, ByteSource& content);
    Result<void> store_blob(const Descriptor& desc, ByteSource& content);
    Result<Descriptor> resolve_reference(std::string_view reference);
    Result<Descriptor> describe_manifest_blob(const Digest& digest);
    Result<Descriptor> stored_manifest(const Descriptor& desc);
    Result<void> tag_manifest(const Descriptor& desc, std::string_view reference);
    Result<void> update(const std::function<bool(Index&)>& change);
    Result<void> remove_content(const Descriptor& desc, bool manifest);

    fs::path m_dir;
    LayoutMode m_mode;
    Index m_index;
};

Result<void> OciLayoutStore::fetch_blob(const Descriptor& desc, ByteSink& sink)
{
    ORAS_TRY(check_digest(desc.digest));
    const fs::path path = blob_path(desc.digest);
    const auto size = ORAS_TRY(stat_blob(path));
    if (!size) {
        return fail(ErrorCode::not_found, "blob not found");
    }
    if (*size != desc.size) {
        return fail(ErrorCode::size_mismatch,
                    path.string() + " holds " + std::to_string(*size) + " bytes, expected " +
                        std::to_string(desc.size));
    }
    auto source = ORAS_TRY(open_file_source(path));
    return copy_stream(*source, sink);
}

Result<void> OciLayoutStore::push_content(const Descriptor& desc, ByteSource& content)
{
    ORAS_TRY(check_writable());
    ORAS_TRY(check_digest(desc.digest));
    ORAS_TRY(store_blob(desc, content));
    if (!media_type::is_manifest(desc.media_type)) {
        return {};
    }
    if (oci_layout::find_digest(m_index, desc.digest)) {
        return {};
    }
    return update([&desc](Index& index) { return oci_layout::add_untagged(index, desc); });
}

// Streams `content` into a temporary file in the blobs directory through a VerifyingSink, and
// renames it into place only when its size and digest match `desc`.
Result<void> OciLayoutStore::store_blob(const Descriptor& desc, ByteSource& content)
{
    const fs::path path = blob_path(desc.digest);
    const auto size = ORAS_TRY(stat_blob(path));
    if (size == desc.size) {
        return {};
    }
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    if (error) {
        return fail(ErrorCode::io,
                    "create " + path.parent_path().string() + ": " + error.message());
    }
    auto file = ORAS_TRY(FileSink::create(path));
    auto verifier = ORAS_TRY(VerifyingSink::create(*file, desc));
    ORAS_TRY(copy_stream(content, verifier));
    ORAS_TRY(verifier.finish());
    return file->commit(Overwrite::yes);
}

Result<Descriptor> OciLayoutStore::resolve_reference(std::string_view reference)
{
    if (reference.empty()) {
        return fail(ErrorCode::invalid_argument, "empty reference");
    }
    if (reference.find(':') != std::string_view::npos) {
        const Digest digest = ORAS_TRY(Digest::parse(reference));
        ORAS_TRY(check_digest(digest));
        if (auto entry = oci_layout::find_digest(m_index, digest)) {
            return std::move(*entry);
        }
        return describe_manifest_blob(digest);
    }
    if (auto entry = oci_layout::find_tag(m_index, reference)) {
        return std::move(*entry);
    }
    return fail(ErrorCode::not_found, "tag not found");
}

// The descriptor of a manifest stored as a blob but not listed in index.json: its media type is
// read from the bytes (their "mediaType" member, or their shape).
Result<Descriptor> OciLayoutStore::describe_manifest_blob(const Digest& digest)
{
    const fs::path path = blob_path(digest);
    const auto size = ORAS_TRY(stat_blob(path));
    if (!size) {
        return fail(ErrorCode::not_found, "manifest not found");
    }
    if (*size > k_max_manifest_bytes) {
        return fail(ErrorCode::too_large, path.string() + " is too large for a manifest");
    }
    const std::string bytes = ORAS_TRY(oci_layout::read_small_file(path, k_max_manifest_bytes));
    if (sha256_of(bytes) != digest) {
        return fail(ErrorCode::digest_mismatch, path.string() + " does not match its digest");
    }
    auto detected = detect_manifest_media_type(bytes);
    if (!detected || !media_type::is_manifest(*detected)) {
        return fail(ErrorCode::invalid_format, "blob " + digest.str() + " is not a manifest");
    }
    Descriptor desc;
    desc.media_type = std::move(*detected);
    desc.digest = digest;
    desc.size = bytes.size();
    return desc;
}

// `desc` as it will be listed in index.json, once its blob is known to be stored with the
// declared size; an empty media type is read from the blob.
Result<Descriptor> OciLayoutStore::stored_manifest(const Descriptor& desc)
{
    const fs::path path = blob_path(desc.digest);
    const auto size = ORAS_TRY(stat_blob(path));
    if (!size) {
        return fail(ErrorCode::not_found, "manifest not found: push it before tagging");
    }
    if (*size != desc.size) {
        return fail(ErrorCode::size_mismatch,
                    path.string() + " holds " + std::to_string(*size) + " bytes, expected " +
                        std::to_string(desc.size));
    }
    Descriptor entry = oci_layout::without_ref_name(desc);
    if (entry.media_type.empty()) {
        entry.media_type = ORAS_TRY(describe_manifest_blob(desc.digest)).media_type;
    }
    return entry;
}

Result<void> OciLayoutStore::tag_manifest(const Descriptor& desc, std::string_view reference)
{
    ORAS_TRY(check_writable());
    ORAS_TRY(check_digest(desc.digest));
    const bool by_digest = reference.find(':') != std::string_view::npos;
    if (by_digest) {
        const Digest digest = ORAS_TRY(Digest::parse(reference));
        if (digest != desc.digest) {
            return fail(ErrorCode::invalid_argument, "the reference is another digest");
        }
    } else if (!is_valid_tag(reference)) {
        return fail(ErrorCode::invalid_argument, "invalid tag");
    }
    const Descriptor entry = ORAS_TRY(stored_manifest(desc));
    return update([&](Index& index) {
        if (by_digest) {
            return oci_layout::add_untagged(index, entry);
        }
        const auto before = index.manifests;
        oci_layout::set_tag(index, entry, reference);
        return index.manifests != before;
    });
}

Result<void> OciLayoutStore::remove_content(const Descriptor& desc, bool manifest)
{
    ORAS_TRY(check_writable());
    ORAS_TRY(check_digest(desc.digest));
    bool listed = false;
    if (manifest) {
        ORAS_TRY(update([&desc, &listed](Index& index) {
            listed = oci_layout::remove_digest(index, desc.digest);
            return listed;
        }));
    }
    const fs::path path = blob_path(desc.digest);
    const auto size = ORAS_TRY(stat_blob(path));
    if (!size && !listed) {
        return fail(ErrorCode::not_found, "not found");
    }
    std::error_code error;
    if (size && !fs::remove(path, error) && error) {
        return fail(ErrorCode::io, "remove " + path.string() + ": " + error.message());
    }
    return {};
}

// index.json is re-read under the layout's lock and changed there, so that what other processes
// wrote since this store read it is kept.
Result<void> OciLayoutStore::update(const std::function<bool(Index&)>& change)
{
    m_index = ORAS_TRY(oci_layout::update_index_file(m_dir, change));
    return {};
}

Result<void> make_directory(const fs::path& dir)
{
    std::error_code error;
    fs::create_directories(dir, error);
    if (error) {
        return fail(ErrorCode::io, "create " + dir.string() + ": " + error.message());
    }
    return {};
}

// Creates what is missing of a layout at `dir`: the directory, oci-layout, blobs/ and an empty
// index.json.
Result<void> create_layout(const fs::path& dir)
{
    ORAS_TRY(make_directory(dir / "blobs"));
    std::error_code error;
    if (!fs::exists(dir / oci_layout::k_layout_file, error)) {
        ORAS_TRY(oci_layout::write_layout_file(dir));
    }
    if (!fs::exists(dir / oci_layout::k_index_file, error)) {
        ORAS_TRY(oci_layout::write_index_file(dir, oci_layout::empty_index()));
    }
    return {};
}

Result<std::unique_ptr<Target>> open_layout(const fs::path& dir, LayoutMode mode)
{
    if (mode == LayoutMode::create) {
        ORAS_TRY(create_layout(dir));
    }
    ORAS_TRY(oci_layout::check_layout_file(dir));
    Index index = ORAS_TRY(oci_layout::read_index_file(dir));
    return std::unique_ptr<Target>(std::make_unique<OciLayoutStore>(dir, mode, std::move(index)));
}

} // namespace

Result<std::unique_ptr<Target>> open_oci_layout(const fs::path& dir, LayoutMode mode)
{
    std::error_code error;
    if (fs::is_regular_file(dir, error)) {
        if (mode != LayoutMode::read_only) {
            return fail(ErrorCode::unsupported,
                        "open OCI layout " + dir.string() +
                            ": it is a file (a tar archive is read-only); name a directory");
        }
        return open_layout_archive(dir);
    }
    if (mode != LayoutMode::create && !fs::exists(dir / oci_layout::k_layout_file, error)) {
        return fail(ErrorCode::not_found, "no OCI layout at " + dir.string());
    }
    auto opened = open_layout(dir, mode);
    if (!opened) {
        return opened.error().with_context("open OCI layout " + dir.string());
    }
    return opened;
}

Result<LayoutReference> parse_layout_reference(std::string_view text)
{
    const std::size_t last_slash = text.rfind('/');
    const std::size_t name_start = last_slash == std::string_view::npos ? 0 : last_slash + 1;
    const std::size_t at = text.find('@', name_start);
    const std::size_t colon = text.find_last_of(':');
    LayoutReference parsed;
    std::string_view path = text;
    if (at != std::string_view::npos) {
        path = text.substr(0, at);
        const auto digest = Digest::parse(text.substr(at + 1));
        if (!digest) {
            return digest.error().with_context("OCI layout reference " + std::string(text));
        }
        parsed.reference = digest->str();
    } else if (colon != std::string_view::npos && colon >= name_start) {
        path = text.substr(0, colon);
        parsed.reference = std::string(text.substr(colon + 1));
        if (!is_valid_tag(parsed.reference)) {
            return fail(ErrorCode::invalid_argument,
                        "OCI layout reference " + std::string(text) + ": invalid tag \"" +
                            parsed.reference + "\"");
        }
    }
    if (path.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "OCI layout reference " + std::string(text) + ": empty path");
    }
    parsed.path = fs::path(path);
    return parsed;
}

} // namespace oras
