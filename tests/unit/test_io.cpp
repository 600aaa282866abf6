#include "oras/io.hpp"

#include "test_util.hpp"

#include <doctest/doctest.h>

#include <array>
#include <string>
#include <sys/stat.h>

namespace {

namespace fs = std::filesystem;

std::string read_all(oras::ByteSource& source, std::size_t block)
{
    std::string out;
    std::string buffer(block, '\0');
    for (;;) {
        auto count = source.read(buffer);
        REQUIRE(count);
        if (*count == 0) {
            return out;
        }
        out.append(buffer.data(), *count);
    }
}

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

} // namespace

TEST_CASE("oras::MemorySource")
{
    const std::string data = "hello world";
    oras::MemorySource source(data);
    CHECK(read_all(source, 4) == data);
    std::array<char, 4> buffer{};
    CHECK(*source.read(buffer) == 0);
    REQUIRE(source.rewind());
    CHECK(read_all(source, 100) == data);
}

TEST_CASE("oras::StringSink")
{
    SUBCASE("within the limit")
    {
        oras::StringSink sink(5);
        REQUIRE(sink.write("ab"));
        REQUIRE(sink.write("cde"));
        CHECK(sink.str() == "abcde");
        CHECK(sink.take() == "abcde");
    }
    SUBCASE("over the limit")
    {
        oras::StringSink sink(5);
        REQUIRE(sink.write("abcd"));
        auto result = sink.write("ef");
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::too_large);
        CHECK(sink.str() == "abcd");
    }
}

TEST_CASE("oras::open_file_source")
{
    const auto dir = coras_test::temp_dir("open_file_source");

    SUBCASE("reads and rewinds")
    {
        const std::string data(100000, 'x');
        coras_test::write_file(dir / "f", data);
        auto source = oras::open_file_source(dir / "f");
        REQUIRE(source);
        CHECK(read_all(**source, 4096) == data);
        REQUIRE((*source)->rewind());
        CHECK(read_all(**source, 4093) == data);
    }
    SUBCASE("missing file")
    {
        auto source = oras::open_file_source(dir / "nope");
        REQUIRE_FALSE(source);
        CHECK(source.error().code == oras::ErrorCode::not_found);
        CHECK(source.error().message ==
              "open " + (dir / "nope").string() + ": No such file or directory");
    }
}

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
