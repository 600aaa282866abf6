#include "content/layout_archive.hpp"

#include "archive/tar_gzip.hpp"
#include "content/scratch_dir.hpp"
#include "oras/listing.hpp"
#include "oras/oci_layout.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace oras {

namespace fs = std::filesystem;
namespace tar = oras::archive;

namespace {

constexpr std::uint64_t k_max_archive_bytes = 64ULL * 1024 * 1024 * 1024;
constexpr std::size_t k_max_archive_entries = 100'000;

bool all_of_set(std::string_view text, std::string_view allowed)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [&](char c) {
        return allowed.find(c) != std::string_view::npos;
    });
}

// The layout file `name` stands for ("./blobs/sha256/<hex>" -> "blobs/sha256/<hex>"), or
// empty for anything that is not part of a layout.
std::string layout_name(std::string_view name)
{
    while (name.starts_with("./")) {
        name.remove_prefix(2);
    }
    if (name == "oci-layout" || name == "index.json") {
        return std::string(name);
    }
    if (!name.starts_with("blobs/")) {
        return {};
    }
    std::string_view rest = name.substr(6);
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos) {
        return {};
    }
    const std::string_view algorithm = rest.substr(0, slash);
    const std::string_view hex = rest.substr(slash + 1);
    if (!all_of_set(algorithm, "abcdefghijklmnopqrstuvwxyz0123456789") ||
        !all_of_set(hex, "abcdef0123456789") || hex.size() > 128) {
        return {};
    }
    return std::string(name);
}

// A read-only layout that owns the scratch directory it was extracted into.
class ArchivedLayout final : public Target, public TagLister
{
  public:
    ArchivedLayout(std::shared_ptr<const fs::path> scratch,
                   std::unique_ptr<Target> inner,
                   fs::path file)
        : m_scratch(std::move(scratch)), m_inner(std::move(inner)), m_archive(std::move(file))
    {
    }
    Result<void> fetch(const Descriptor& desc, ByteSink& sink) override
    {
        return m_inner->fetch(desc, sink);
    }
    Result<void> push(const Descriptor& desc, ByteSource&) override
    {
        return fail(ErrorCode::unsupported,
                    "push " + desc.digest.str() + " to " + describe() +
                        ": an archive is read-only");
    }
    Result<bool> exists(const Descriptor& desc) override { return m_inner->exists(desc); }
    Result<Descriptor> resolve(std::string_view reference) override
    {
        return m_inner->resolve(reference);
    }
    Result<void> tag(const Descriptor& desc, std::string_view) override
    {
        return fail(ErrorCode::unsupported,
                    "tag " + desc.digest.str() + " in " + describe() + ": an archive is read-only");
    }
    Result<std::vector<std::string>> tags(const ListOptions& options) override
    {
        auto* lister = dynamic_cast<TagLister*>(m_inner.get());
        if (lister == nullptr) {
            return fail(ErrorCode::unsupported, describe() + " cannot list tags");
        }
        return lister->tags(options);
    }
    [[nodiscard]] std::string describe() const override
    {
        return "OCI layout archive " + m_archive.string();
    }

  private:
    std::shared_ptr<const fs::path> m_scratch;
    std::unique_ptr<Target> m_inner;
    fs::path m_archive;
};

Result<void> extract(const fs::path& file, const fs::path& into)
{
    std::set<std::string> seen;
    std::unique_ptr<FileSink> current;
    tar::EntryChooser choose = [&](std::string_view raw) -> Result<tar::EntryTarget> {
        const std::string name = layout_name(raw);
        if (name.empty()) {
            return tar::EntryTarget{};
        }
        if (!seen.insert(name).second) {
            return fail(ErrorCode::invalid_format, "the archive holds " + name + " twice");
        }
        const fs::path path = into / name;
        std::error_code error;
        fs::create_directories(path.parent_path(), error);
        if (error) {
            return fail(ErrorCode::io,
                        "create " + path.parent_path().string() + ": " + error.message());
        }
        current = ORAS_TRY(FileSink::create(path, Durability::unsynced));
        return tar::EntryTarget{
            current.get(), [&current](std::uint64_t) { return current->commit(Overwrite::no); }};
    };
    tar::TarLimits limits;
    limits.max_entry_size = k_max_archive_bytes;
    limits.max_total_size = k_max_archive_bytes;
    limits.max_entries = k_max_archive_entries;
    return tar::extract_each(file, choose, limits, "open OCI layout archive " + file.string());
}

} // namespace

Result<std::unique_ptr<Target>> open_layout_archive(const fs::path& file)
{
    auto scratch = ORAS_TRY(make_scratch_dir());
    ORAS_TRY(extract(file, *scratch));
    auto inner = open_oci_layout(*scratch, LayoutMode::read_only);
    if (!inner && inner.error().code == ErrorCode::not_found) {
        return fail(ErrorCode::invalid_format,
                    "open OCI layout archive " + file.string() +
                        ": no OCI layout in it (oci-layout and index.json at its top)");
    }
    if (!inner) {
        return inner.error().with_context("open OCI layout archive " + file.string());
    }
    return std::unique_ptr<Target>(
        std::make_unique<ArchivedLayout>(std::move(scratch), std::move(*inner), file));
}

} // namespace oras
