#include "ops/backup_output.hpp"

#include "archive/tar_gzip.hpp"
#include "oras/io.hpp"

#include <algorithm>
#include <cerrno>
#include <random>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <system_error>
#include <vector>

namespace oras::ops {

namespace fs = std::filesystem;

namespace {

// `path` without a trailing separator ("out/" -> "out").
fs::path without_trailing_slash(const fs::path& path)
{
    fs::path normal = path.lexically_normal();
    if (!normal.has_filename() && normal.has_parent_path()) {
        normal = normal.parent_path();
    }
    return normal;
}

// The ancestors of `path` that do not exist yet, outermost first.
std::vector<fs::path> missing_ancestors(const fs::path& path)
{
    std::vector<fs::path> missing;
    std::error_code error;
    for (fs::path dir = path.parent_path(); !dir.empty() && !fs::exists(dir, error) && !error;
         dir = dir.parent_path()) {
        missing.insert(missing.begin(), dir);
        if (dir == dir.parent_path()) {
            break;
        }
    }
    return missing;
}

// A new directory beside `output`: ".NAME.coras-XXXXXX" in its parent directory, made by
// mkdir(2) with mode 0777 so that the umask applies as to any new directory (mkdtemp's 0700
// would stay on the output once it is renamed into place).
Result<fs::path> make_sibling_dir(const fs::path& output)
{
    static constexpr std::string_view k_letters =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static constexpr int k_attempts = 100;
    const fs::path parent = output.has_parent_path() ? output.parent_path() : fs::path(".");
    std::random_device random;
    std::uniform_int_distribution<std::size_t> pick(0, k_letters.size() - 1);
    int error = EEXIST;
    for (int attempt = 0; attempt < k_attempts && error == EEXIST; ++attempt) {
        std::string name = "." + output.filename().string() + ".coras-";
        for (int i = 0; i < 6; ++i) {
            name += k_letters[pick(random)];
        }
        fs::path dir = parent / name;
        if (::mkdir(dir.c_str(), 0777) == 0) {
            return dir;
        }
        error = errno;
    }
    return fail(ErrorCode::io,
                "create a temporary directory in " + parent.string() + " for " + output.string() +
                    ": " + std::generic_category().message(error));
}

// The files of the layout at `dir`, as tar entries: oci-layout, index.json, then blobs sorted.
Result<std::vector<archive::TarEntry>> layout_entries(const fs::path& dir)
{
    std::vector<archive::TarEntry> entries{{"oci-layout", dir / "oci-layout"},
                                           {"index.json", dir / "index.json"}};
    std::vector<archive::TarEntry> blobs;
    std::error_code error;
    for (fs::recursive_directory_iterator it(dir / "blobs", error), end; !error && it != end;
         it.increment(error)) {
        if (it->is_regular_file(error)) {
            blobs.push_back({it->path().lexically_relative(dir).generic_string(), it->path()});
        }
    }
    if (error) {
        return fail(ErrorCode::io, "list " + (dir / "blobs").string() + ": " + error.message());
    }
    std::sort(
        blobs.begin(), blobs.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    entries.insert(entries.end(), blobs.begin(), blobs.end());
    return entries;
}

} // namespace

Result<std::unique_ptr<StagedLayout>> StagedLayout::prepare(const fs::path& output,
                                                            LayoutOutput kind)
{
    std::unique_ptr<StagedLayout> staged(new StagedLayout());
    staged->m_output = without_trailing_slash(output);
    staged->m_kind = kind;
    const fs::path& out = staged->m_output;
    if (out.empty() || !out.has_filename() || out.filename() == "." || out.filename() == "..") {
        return fail(ErrorCode::invalid_argument, "--output " + output.string() + ": names no file");
    }
    std::error_code error;
    const fs::file_status status = fs::status(out, error);
    const bool is_dir = status.type() == fs::file_type::directory;
    if (kind == LayoutOutput::directory && is_dir) {
        staged->m_dir = out;
        return staged;
    }
    if (fs::exists(status) && (kind == LayoutOutput::directory || is_dir)) {
        return fail(ErrorCode::already_exists,
                    "--output " + output.string() + ": exists and is not a " +
                        (kind == LayoutOutput::directory ? "directory" : "file"));
    }
    // Missing parents are made, as oras makes them, and go again if the backup fails.
    staged->m_created_parents = missing_ancestors(out);
    for (const auto& dir : staged->m_created_parents) {
        if (!fs::create_directory(dir, error) && error) {
            return fail(ErrorCode::io, "create " + dir.string() + ": " + error.message());
        }
    }
    staged->m_dir = ORAS_TRY(make_sibling_dir(out));
    staged->m_temporary = true;
    return staged;
}

StagedLayout::~StagedLayout()
{
    std::error_code ignored;
    if (m_temporary && !(m_committed && m_kind == LayoutOutput::directory)) {
        fs::remove_all(m_dir, ignored);
    }
    if (!m_committed) {
        // Deepest first; remove() leaves a directory that something else has since filled.
        std::for_each(m_created_parents.rbegin(),
                      m_created_parents.rend(),
                      [&](const fs::path& dir) { fs::remove(dir, ignored); });
    }
}

Result<void> StagedLayout::commit()
{
    if (!m_temporary) {
        m_committed = true;
        return {};
    }
    if (m_kind == LayoutOutput::directory) {
        std::error_code error;
        fs::rename(m_dir, m_output, error);
        if (error) {
            return fail(ErrorCode::io,
                        "rename " + m_dir.string() + " to " + m_output.string() + ": " +
                            error.message());
        }
        m_committed = true;
        return {};
    }
    const auto entries = ORAS_TRY(layout_entries(m_dir));
    auto file = ORAS_TRY(FileSink::create(m_output));
    auto written = archive::write_tar(entries, *file);
    if (!written) {
        return written.error().with_context("write " + m_output.string());
    }
    ORAS_TRY(file->commit(Overwrite::yes));
    m_committed = true;
    return {};
}

} // namespace oras::ops
