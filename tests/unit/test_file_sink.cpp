#include "oras/io.hpp"

#include "output_dir.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

#include <string>
#include <sys/stat.h>

namespace {

namespace fs = std::filesystem;

// Files in `dir` whose name contains ".coras-" (temporaries left behind).
int temp_files_in(const fs::path& dir)
{
    int count = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().filename().string().find(".coras-") != std::string::npos) {
            ++count;
        }
    }
    return count;
}

std::shared_ptr<oras::OutputDir> open_dir(const fs::path& path)
{
    auto dir = oras::OutputDir::open(path, oras::CreateMissing::yes);
    REQUIRE(dir);
    return *dir;
}

} // namespace

TEST_CASE("oras::FileSink")
{
    const auto dir = coras_test::temp_dir("file_sink");
    const fs::path target = dir / "out.bin";

    SUBCASE("commit writes the file and removes the temporary")
    {
        auto sink = oras::FileSink::create(target);
        REQUIRE(sink);
        CHECK(temp_files_in(dir) == 1);
        CHECK_FALSE(fs::exists(target));
        REQUIRE((*sink)->write("hello "));
        REQUIRE((*sink)->write("world"));
        REQUIRE((*sink)->commit(oras::Overwrite::no));
        CHECK(coras_test::read_file(target) == "hello world");
        CHECK(temp_files_in(dir) == 0);
        CHECK((*sink)->path() == target);
        sink->reset();
        CHECK(coras_test::read_file(target) == "hello world");
    }
    SUBCASE("the committed file follows the umask, not mkstemp's 0600")
    {
        auto sink = oras::FileSink::create(target);
        REQUIRE(sink);
        REQUIRE((*sink)->commit(oras::Overwrite::no));
        struct stat info
        {
        };
        REQUIRE(::stat(target.c_str(), &info) == 0);
        const mode_t mask = ::umask(022);
        ::umask(mask);
        CHECK((info.st_mode & 0777) == (0666 & ~mask));
    }
    SUBCASE("abandoning leaves nothing behind")
    {
        {
            auto sink = oras::FileSink::create(target);
            REQUIRE(sink);
            REQUIRE((*sink)->write("partial"));
        }
        CHECK_FALSE(fs::exists(target));
        CHECK(temp_files_in(dir) == 0);
    }
    SUBCASE("Overwrite::no keeps an existing file")
    {
        coras_test::write_file(target, "old");
        auto sink = oras::FileSink::create(target);
        REQUIRE(sink);
        REQUIRE((*sink)->write("new"));
        auto result = (*sink)->commit(oras::Overwrite::no);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::already_exists);
        CHECK(result.error().message.find(target.string()) != std::string::npos);
        sink->reset();
        CHECK(coras_test::read_file(target) == "old");
        CHECK(temp_files_in(dir) == 0);
    }
    SUBCASE("Overwrite::yes replaces an existing file")
    {
        coras_test::write_file(target, "old");
        auto sink = oras::FileSink::create(target);
        REQUIRE(sink);
        REQUIRE((*sink)->write("new"));
        REQUIRE((*sink)->commit(oras::Overwrite::yes));
        CHECK(coras_test::read_file(target) == "new");
        CHECK(temp_files_in(dir) == 0);
    }
    SUBCASE("write after commit fails")
    {
        auto sink = oras::FileSink::create(target);
        REQUIRE(sink);
        REQUIRE((*sink)->commit(oras::Overwrite::yes));
        CHECK_FALSE((*sink)->write("late"));
        CHECK_FALSE((*sink)->commit(oras::Overwrite::yes));
    }
    SUBCASE("missing parent directory")
    {
        auto sink = oras::FileSink::create(dir / "no" / "such" / "file");
        REQUIRE_FALSE(sink);
        CHECK(sink.error().code == oras::ErrorCode::io);
        CHECK(sink.error().message.find((dir / "no" / "such" / "file").string()) !=
              std::string::npos);
    }
}

TEST_CASE("oras::FileSink::create_in never writes through a symbolic link")
{
    const auto dir = coras_test::temp_dir("file_sink_links");
    const fs::path out = dir / "out";
    const fs::path outside = dir / "outside";
    fs::create_directories(out / "sub");
    fs::create_directories(outside);
    const auto root = open_dir(out);

    SUBCASE("a symbolic link where a parent directory would be")
    {
        fs::create_directory_symlink(outside, out / "linked");
        auto sink = oras::FileSink::create_in(root, "linked/f.txt", oras::Durability::unsynced);
        REQUIRE_FALSE(sink);
        CHECK(sink.error().code == oras::ErrorCode::io);
        CHECK(sink.error().message == "open directory " + (out / "linked").string() +
                                          ": is a symbolic link, which is not followed");
        CHECK(fs::is_empty(outside));
    }
    SUBCASE("a directory swapped for a symbolic link while the file is written")
    {
        auto sink = oras::FileSink::create_in(root, "sub/f.txt", oras::Durability::unsynced);
        REQUIRE(sink);
        REQUIRE((*sink)->write("payload"));
        fs::rename(out / "sub", dir / "moved");
        fs::create_directory_symlink(outside, out / "sub");
        auto committed = (*sink)->commit(oras::Overwrite::yes);
        REQUIRE_FALSE(committed);
        CHECK(committed.error().message.find('\n') == std::string::npos);
        CHECK(committed.error().message.find("is a symbolic link") != std::string::npos);
        CHECK(fs::is_empty(outside));
        CHECK_FALSE(fs::exists(dir / "moved" / "f.txt"));
    }
    SUBCASE("a symbolic link at the file's name is replaced, never written through")
    {
        coras_test::write_file(outside / "target", "theirs");
        fs::create_symlink(outside / "target", out / "f.txt");
        auto sink = oras::FileSink::create_in(root, "f.txt", oras::Durability::unsynced);
        REQUIRE(sink);
        REQUIRE((*sink)->write("ours"));
        REQUIRE((*sink)->commit(oras::Overwrite::yes));
        CHECK_FALSE(fs::is_symlink(out / "f.txt"));
        CHECK(coras_test::read_file(out / "f.txt") == "ours");
        CHECK(coras_test::read_file(outside / "target") == "theirs");
    }
    SUBCASE("with Overwrite::no a symbolic link at the file's name is refused")
    {
        fs::create_symlink(outside / "absent", out / "f.txt");
        auto sink = oras::FileSink::create_in(root, "f.txt", oras::Durability::unsynced);
        REQUIRE(sink);
        REQUIRE((*sink)->write("ours"));
        auto committed = (*sink)->commit(oras::Overwrite::no);
        REQUIRE_FALSE(committed);
        CHECK(committed.error().code == oras::ErrorCode::already_exists);
        CHECK_FALSE(fs::exists(outside / "absent"));
    }
    SUBCASE("a temporary file replaced by a link while it is written is not published")
    {
        auto sink = oras::FileSink::create_in(root, "f.txt", oras::Durability::unsynced);
        REQUIRE(sink);
        std::string temp;
        for (const auto& entry : fs::directory_iterator(out)) {
            if (entry.path().filename().string().find(".coras-") != std::string::npos) {
                temp = entry.path().filename().string();
            }
        }
        REQUIRE_FALSE(temp.empty());
        fs::remove(out / temp);
        fs::create_symlink(outside / "target", out / temp);
        auto committed = (*sink)->commit(oras::Overwrite::yes);
        REQUIRE_FALSE(committed);
        CHECK(committed.error().message ==
              "write " + (out / "f.txt").string() +
                  ": its temporary file was replaced while it was written");
        CHECK_FALSE(fs::exists(out / "f.txt"));
        sink->reset();
        CHECK(fs::is_symlink(out / temp)); // not ours: left alone
    }
    SUBCASE("paths that are not plain are refused")
    {
        for (const char* relative : {"../f.txt", "/tmp/f.txt", "sub/../../f.txt", "sub/", ""}) {
            CAPTURE(relative);
            auto sink = oras::FileSink::create_in(root, relative, oras::Durability::unsynced);
            REQUIRE_FALSE(sink);
            CHECK(sink.error().code == oras::ErrorCode::invalid_argument);
        }
        CHECK(fs::is_empty(outside));
    }
}
