// The compat layer's tar+gzip: reproducible bytes, and reading that never trusts entry names.
#include "archive/tar_gzip.hpp"

#include "test_util.hpp"

#include <doctest/doctest.h>

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <memory>

using namespace oras;
namespace fs = std::filesystem;
// <archive.h> declares a global struct archive; an alias keeps clang from finding both.
namespace tgz = oras::archive;

namespace {

// Generous bounds but for the wanted entry's size.
tgz::TarLimits limits(std::uint64_t max_entry_size)
{
    return tgz::TarLimits{max_entry_size, 64U << 20U, 100};
}

// One entry of a hand-made archive: a regular file with `data` (or `size` zero bytes when
// `data` is empty), a directory, a symbolic or hard link to `target`, a device or a fifo.
struct HandEntry
{
    std::string name;
    unsigned type = AE_IFREG;
    std::string data;
    std::uint64_t zeros = 0;
    std::string target;
    bool hardlink = false;
};

// Writes `entries` as a gzip-compressed pax tar with libarchive's writer.
void write_hand_archive(const fs::path& path, const std::vector<HandEntry>& entries)
{
    std::unique_ptr<::archive, int (*)(::archive*)> a(archive_write_new(), archive_write_free);
    REQUIRE(archive_write_set_format_pax_restricted(a.get()) == ARCHIVE_OK);
    REQUIRE(archive_write_add_filter_gzip(a.get()) == ARCHIVE_OK);
    REQUIRE(archive_write_open_filename(a.get(), path.c_str()) == ARCHIVE_OK);
    const std::string block(64 * 1024, '\0');
    for (const auto& spec : entries) {
        std::unique_ptr<::archive_entry, void (*)(::archive_entry*)> entry(archive_entry_new(),
                                                                           archive_entry_free);
        archive_entry_set_pathname(entry.get(), spec.name.c_str());
        archive_entry_set_filetype(entry.get(), spec.type);
        archive_entry_set_perm(entry.get(), 0644);
        const std::uint64_t size = spec.data.empty() ? spec.zeros : spec.data.size();
        if (spec.hardlink) {
            archive_entry_set_hardlink(entry.get(), spec.target.c_str());
        } else if (spec.type == AE_IFLNK) {
            archive_entry_set_symlink(entry.get(), spec.target.c_str());
        }
        if (spec.type == AE_IFREG && !spec.hardlink) {
            archive_entry_set_size(entry.get(), static_cast<la_int64_t>(size));
        }
        REQUIRE(archive_write_header(a.get(), entry.get()) == ARCHIVE_OK);
        if (!spec.data.empty()) {
            REQUIRE(archive_write_data(a.get(), spec.data.data(), spec.data.size()) ==
                    static_cast<la_ssize_t>(spec.data.size()));
        }
        for (std::uint64_t left = spec.data.empty() ? spec.zeros : 0; left > 0;) {
            const std::size_t chunk = std::min<std::uint64_t>(left, block.size());
            REQUIRE(archive_write_data(a.get(), block.data(), chunk) ==
                    static_cast<la_ssize_t>(chunk));
            left -= chunk;
        }
    }
    REQUIRE(archive_write_close(a.get()) == ARCHIVE_OK);
}

const std::string k_module("\0asm\1\0\0\0", 8);

} // namespace

TEST_CASE("archive::write_tar_gzip is reproducible and readable")
{
    const fs::path dir = coras_test::temp_dir("tar_gzip");
    coras_test::write_file(dir / "module.wasm", std::string("\0asm\1\0\0\0", 8));
    coras_test::write_file(dir / "config.json", R"({"type":"envoy_proxy"})");
    const std::vector<tgz::TarEntry> entries{{"plugin.wasm", dir / "module.wasm"},
                                             {"runtime-config.json", dir / "config.json"}};
    const auto first = tgz::write_tar_gzip(entries, dir / "a.tar.gz");
    REQUIRE(first);
    fs::last_write_time(dir / "module.wasm",
                        fs::file_time_type::clock::now() - std::chrono::hours(5));
    const auto second = tgz::write_tar_gzip(entries, dir / "b.tar.gz");
    REQUIRE(second);
    CHECK(first->digest == second->digest);
    CHECK(first->tar_digest == second->tar_digest);
    CHECK(first->size == fs::file_size(dir / "a.tar.gz"));
    CHECK(sha256_of_file(dir / "a.tar.gz")->digest == first->digest);
    // gzip header: magic, deflate, no flags (no name), mtime 0.
    const std::string bytes = coras_test::read_file(dir / "a.tar.gz");
    CHECK(bytes.substr(0, 3) == "\x1f\x8b\x08");
    CHECK(bytes.substr(3, 5) == std::string(5, '\0'));
    // The diff_id is the digest of exactly the tar inside the gzip.
    REQUIRE(
        std::system(("gzip -dc " + (dir / "a.tar.gz").string() + " > " + (dir / "a.tar").string())
                        .c_str()) == 0);
    CHECK(sha256_of_file(dir / "a.tar")->digest == first->tar_digest);

    StringSink module(1024);
    StringSink config(1024);
    const auto found =
        tgz::extract_by_basename(dir / "a.tar.gz",
                                 {{"plugin.wasm", &module}, {"runtime-config.json", &config}},
                                 limits(1024),
                                 "layer");
    REQUIRE(found);
    CHECK(found->size() == 2);
    CHECK(module.str() == std::string("\0asm\1\0\0\0", 8));
    CHECK(config.str() == R"({"type":"envoy_proxy"})");
}

TEST_CASE("archive::extract_by_basename on hostile and damaged input")
{
    const fs::path dir = coras_test::temp_dir("tar_hostile");
    const std::string payload("\0asm-evil", 9);
    coras_test::write_file(dir / "payload", payload);
    SUBCASE("a name with ../ only ever reaches the sink")
    {
        REQUIRE(tgz::write_tar_gzip({{"../../plugin.wasm", dir / "payload"}}, dir / "h.tar.gz"));
        StringSink sink(1024);
        const auto found = tgz::extract_by_basename(
            dir / "h.tar.gz", {{"plugin.wasm", &sink}}, limits(1024), "layer");
        REQUIRE(found);
        CHECK(found->at("plugin.wasm").name == "../../plugin.wasm");
        CHECK(sink.str() == payload);
        CHECK_FALSE(fs::exists(dir.parent_path().parent_path() / "plugin.wasm"));
    }
    SUBCASE("an entry over the limit is too_large")
    {
        REQUIRE(tgz::write_tar_gzip({{"plugin.wasm", dir / "payload"}}, dir / "big.tar.gz"));
        StringSink sink(1024);
        const auto found = tgz::extract_by_basename(
            dir / "big.tar.gz", {{"plugin.wasm", &sink}}, limits(4), "layer");
        REQUIRE_FALSE(found);
        CHECK(found.error().code == ErrorCode::too_large);
    }
    SUBCASE("not an archive, or cut short: invalid_format")
    {
        coras_test::write_file(dir / "junk.tar.gz",
                               std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03garbage", 18));
        StringSink sink(1024);
        CHECK(tgz::extract_by_basename(
                  dir / "junk.tar.gz", {{"plugin.wasm", &sink}}, limits(1024), "layer")
                  .error()
                  .code == ErrorCode::invalid_format);
        REQUIRE(tgz::write_tar_gzip({{"plugin.wasm", dir / "payload"}}, dir / "ok.tar.gz"));
        const std::string whole = coras_test::read_file(dir / "ok.tar.gz");
        coras_test::write_file(dir / "cut.tar.gz", whole.substr(0, whole.size() / 2));
        CHECK_FALSE(tgz::extract_by_basename(
            dir / "cut.tar.gz", {{"plugin.wasm", &sink}}, limits(1024), "layer"));
    }
    SUBCASE("a missing entry is simply not found")
    {
        REQUIRE(tgz::write_tar_gzip({{"README.md", dir / "payload"}}, dir / "none.tar.gz"));
        StringSink sink(1024);
        const auto found = tgz::extract_by_basename(
            dir / "none.tar.gz", {{"plugin.wasm", &sink}}, limits(1024), "layer");
        REQUIRE(found);
        CHECK(found->empty());
    }
}

TEST_CASE("archive::extract_by_basename refuses links, devices and fifos for a wanted name")
{
    const fs::path dir = coras_test::temp_dir("tar_special");
    struct Case
    {
        const char* what;
        HandEntry entry;
        const char* kind;
    };
    const std::vector<Case> cases{
        {"symlink",
         {"plugin.wasm", AE_IFLNK, "", 0, "/etc/passwd"},
         "a symbolic link to /etc/passwd"},
        {"hardlink", {"./plugin.wasm", AE_IFREG, "", 0, "../../x", true}, "a hard link to ../../x"},
        {"character device", {"plugin.wasm", AE_IFCHR}, "a device"},
        {"block device", {"a/plugin.wasm", AE_IFBLK}, "a device"},
        {"fifo", {"plugin.wasm", AE_IFIFO}, "a fifo"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        write_hand_archive(dir / "special.tar.gz",
                           {c.entry, {"x/plugin.wasm", AE_IFREG, k_module}});
        StringSink sink(1024);
        const auto found = tgz::extract_by_basename(
            dir / "special.tar.gz", {{"plugin.wasm", &sink}}, limits(1024), "layer sha256:ab");
        REQUIRE_FALSE(found);
        CHECK(found.error().code == ErrorCode::invalid_format);
        CHECK(found.error().message == "layer sha256:ab: entry " + c.entry.name + " is " + c.kind +
                                           ", not a file: links, devices and fifos are refused");
        CHECK(sink.str().empty());
    }
}

TEST_CASE("archive::extract_by_basename skips other entries whatever their type or name")
{
    const fs::path dir = coras_test::temp_dir("tar_skips");
    write_hand_archive(dir / "mixed.tar.gz",
                       {{"/etc/evil", AE_IFREG, "absolute"},
                        {"../../escape", AE_IFLNK, "", 0, "/etc"},
                        {"hard", AE_IFREG, "", 0, "/etc/passwd", true},
                        {"dev", AE_IFCHR},
                        {"fifo", AE_IFIFO},
                        {"docs/", AE_IFDIR},
                        {"../plugin.wasm", AE_IFREG, k_module}});
    StringSink sink(1024);
    const auto found = tgz::extract_by_basename(
        dir / "mixed.tar.gz", {{"plugin.wasm", &sink}}, limits(1024), "layer");
    REQUIRE(found);
    CHECK(sink.str() == k_module);
    CHECK(found->at("plugin.wasm").name == "../plugin.wasm");
    // Nothing but the sink was written: the test's directory holds the archive alone.
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
    CHECK_FALSE(fs::exists(dir.parent_path() / "plugin.wasm"));
    CHECK_FALSE(fs::exists(dir.parent_path().parent_path() / "escape"));
}

TEST_CASE("archive::extract_by_basename bounds what an archive expands to")
{
    const fs::path dir = coras_test::temp_dir("tar_bomb");

    SUBCASE("a gzip bomb is refused from its header, before it is inflated")
    {
        // 256 MiB of zeros compress to about 256 KiB; the limit is 1 MiB.
        write_hand_archive(
            dir / "bomb.tar.gz",
            {{"filler", AE_IFREG, "", 256U << 20U}, {"plugin.wasm", AE_IFREG, k_module}});
        CHECK(fs::file_size(dir / "bomb.tar.gz") < (1U << 20U));
        StringSink sink(1024);
        const auto start = std::chrono::steady_clock::now();
        const auto found = tgz::extract_by_basename(dir / "bomb.tar.gz",
                                                    {{"plugin.wasm", &sink}},
                                                    tgz::TarLimits{1024, 1U << 20U, 100},
                                                    "layer");
        const auto took = std::chrono::steady_clock::now() - start;
        REQUIRE_FALSE(found);
        CHECK(found.error().code == ErrorCode::too_large);
        CHECK(found.error().message == "layer: the archive expands to more than 1048576 bytes "
                                       "(entry filler declares 268435456)");
        CHECK(took < std::chrono::milliseconds(500));
    }
    SUBCASE("the total counts every entry read so far")
    {
        std::vector<HandEntry> entries;
        for (int i = 0; i < 8; ++i) {
            entries.push_back({"part" + std::to_string(i), AE_IFREG, "", 200U << 10U});
        }
        entries.push_back({"plugin.wasm", AE_IFREG, k_module});
        write_hand_archive(dir / "parts.tar.gz", entries);
        StringSink sink(1024);
        const auto found = tgz::extract_by_basename(dir / "parts.tar.gz",
                                                    {{"plugin.wasm", &sink}},
                                                    tgz::TarLimits{1024, 1U << 20U, 100},
                                                    "layer");
        REQUIRE_FALSE(found);
        CHECK(found.error().message.find("entry part5 declares 204800") != std::string::npos);
    }
    SUBCASE("too many entries")
    {
        std::vector<HandEntry> entries(20, HandEntry{"empty", AE_IFREG});
        entries.push_back({"plugin.wasm", AE_IFREG, k_module});
        write_hand_archive(dir / "many.tar.gz", entries);
        StringSink sink(1024);
        const auto found = tgz::extract_by_basename(dir / "many.tar.gz",
                                                    {{"plugin.wasm", &sink}},
                                                    tgz::TarLimits{1024, 1U << 20U, 10},
                                                    "layer");
        REQUIRE_FALSE(found);
        CHECK(found.error().message == "layer: the archive holds more than 10 entries");
    }
    SUBCASE("within the bounds")
    {
        write_hand_archive(
            dir / "ok.tar.gz",
            {{"filler", AE_IFREG, "", 100U << 10U}, {"plugin.wasm", AE_IFREG, k_module}});
        StringSink sink(1024);
        CHECK(tgz::extract_by_basename(dir / "ok.tar.gz",
                                       {{"plugin.wasm", &sink}},
                                       tgz::TarLimits{1024, 1U << 20U, 10},
                                       "layer"));
        CHECK(sink.str() == k_module);
    }
}

TEST_CASE("archive::write_tar writes a plain tar with its directories first")
{
    const fs::path dir = coras_test::temp_dir("tar_plain");
    coras_test::write_file(dir / "layout", R"({"imageLayoutVersion":"1.0.0"})");
    coras_test::write_file(dir / "blob", "blob bytes");
    StringSink out(1 << 20);
    REQUIRE(
        tgz::write_tar({{"oci-layout", dir / "layout"}, {"blobs/sha256/ab", dir / "blob"}}, out));
    coras_test::write_file(dir / "out.tar", out.str());
    // The regular files, in order (extract_each skips directories).
    std::vector<std::string> names;
    tgz::EntryChooser choose = [&](std::string_view name) -> oras::Result<tgz::EntryTarget> {
        names.emplace_back(name);
        return tgz::EntryTarget{};
    };
    REQUIRE(tgz::extract_each(dir / "out.tar", choose, limits(1024), "plain tar"));
    CHECK(names == std::vector<std::string>{"oci-layout", "blobs/sha256/ab"});
    REQUIRE(
        std::system(("tar -tf " + (dir / "out.tar").string() + " > " + (dir / "list.txt").string())
                        .c_str()) == 0);
    CHECK(coras_test::read_file(dir / "list.txt") ==
          "oci-layout\nblobs/\nblobs/sha256/\nblobs/sha256/ab\n");

    SUBCASE("a sha512 blob's name, too long for USTAR, is written whole")
    {
        const std::string name = "blobs/sha512/" + std::string(128, 'e');
        StringSink long_out(1 << 20);
        REQUIRE(tgz::write_tar({{"oci-layout", dir / "layout"}, {name, dir / "blob"}}, long_out));
        coras_test::write_file(dir / "long.tar", long_out.str());
        REQUIRE(std::system(
                    ("tar -tf " + (dir / "long.tar").string() + " > " + (dir / "long.txt").string())
                        .c_str()) == 0);
        CHECK(coras_test::read_file(dir / "long.txt") ==
              "oci-layout\nblobs/\nblobs/sha512/\n" + name + "\n");
    }

    SUBCASE("a failing sink fails the write with its error")
    {
        class Refusing final : public oras::ByteSink
        {
          public:
            oras::Result<void> write(std::string_view) override
            {
                return oras::fail(oras::ErrorCode::io, "disk full");
            }
        };
        Refusing refusing;
        const auto written = tgz::write_tar({{"oci-layout", dir / "layout"}}, refusing);
        REQUIRE_FALSE(written);
        CHECK(written.error().message.find("disk full") != std::string::npos);
    }
}
