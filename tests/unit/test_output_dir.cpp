#include "output_dir.hpp"

#include "test_util.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <string>

namespace fs = std::filesystem;
using oras::CreateMissing;
using oras::OutputDir;

TEST_CASE("oras::OutputDir::open")
{
    const auto dir = coras_test::temp_dir("output_dir_open");

    SUBCASE("missing directories are created, and removed again unless kept")
    {
        {
            auto out = OutputDir::open(dir / "a/b/c/", CreateMissing::yes);
            REQUIRE(out);
            CHECK(fs::is_directory(dir / "a/b/c"));
            CHECK((*out)->path() == dir / "a/b/c/");
        }
        CHECK_FALSE(fs::exists(dir / "a"));
        {
            auto out = OutputDir::open(dir / "a/b", CreateMissing::yes);
            REQUIRE(out);
            (*out)->keep();
        }
        CHECK(fs::is_directory(dir / "a/b"));
    }
    SUBCASE("a directory that holds something is never removed")
    {
        {
            auto out = OutputDir::open(dir / "x", CreateMissing::yes);
            REQUIRE(out);
            coras_test::write_file(dir / "x/keep.txt", "k");
        }
        CHECK(fs::exists(dir / "x/keep.txt"));
    }
    SUBCASE("absent and not created: not_found")
    {
        auto out = OutputDir::open(dir / "nope", CreateMissing::no);
        REQUIRE_FALSE(out);
        CHECK(out.error().code == oras::ErrorCode::not_found);
        CHECK_FALSE(fs::exists(dir / "nope"));
    }
    SUBCASE("a symbolic link the caller names is followed")
    {
        fs::create_directories(dir / "real");
        fs::create_directory_symlink(dir / "real", dir / "named");
        auto out = OutputDir::open(dir / "named", CreateMissing::yes);
        REQUIRE(out);
        REQUIRE((*out)->subdirectory("sub", CreateMissing::yes));
        CHECK(fs::is_directory(dir / "real/sub"));
    }
    SUBCASE("a file where a directory should be")
    {
        coras_test::write_file(dir / "file", "x");
        auto out = OutputDir::open(dir / "file/sub", CreateMissing::yes);
        REQUIRE_FALSE(out);
        CHECK(out.error().code == oras::ErrorCode::io);
    }
}

TEST_CASE("oras::OutputDir::subdirectory")
{
    const auto dir = coras_test::temp_dir("output_dir_sub");
    fs::create_directories(dir / "outside");
    auto opened = OutputDir::open(dir / "out", CreateMissing::yes);
    REQUIRE(opened);
    const auto out = *opened;

    SUBCASE("created one component at a time, removed with the directory unless kept")
    {
        auto sub = out->subdirectory("a/./b", CreateMissing::yes);
        REQUIRE(sub);
        CHECK(sub->valid());
        CHECK(fs::is_directory(dir / "out/a/b"));
        CHECK(out->subdirectory("a/b", CreateMissing::no));
        CHECK(out->subdirectory("", CreateMissing::no));
    }
    SUBCASE("a symbolic link on the way is refused, and nothing is created through it")
    {
        fs::create_directory_symlink(dir / "outside", dir / "out/link");
        auto sub = out->subdirectory("link/deeper", CreateMissing::yes);
        REQUIRE_FALSE(sub);
        CHECK(sub.error().code == oras::ErrorCode::io);
        CHECK(sub.error().message == "open directory " + (dir / "out/link").string() +
                                         ": is a symbolic link, which is not followed");
        CHECK(fs::is_empty(dir / "outside"));
    }
    SUBCASE("a symbolic link to a directory inside is refused too")
    {
        fs::create_directories(dir / "out/real");
        fs::create_directory_symlink("real", dir / "out/alias");
        CHECK_FALSE(out->subdirectory("alias", CreateMissing::no));
    }
    SUBCASE("a file on the way")
    {
        coras_test::write_file(dir / "out/f", "x");
        auto sub = out->subdirectory("f/g", CreateMissing::yes);
        REQUIRE_FALSE(sub);
        CHECK(sub.error().message ==
              "open directory " + (dir / "out/f").string() + ": is not a directory");
    }
    SUBCASE("paths that are not plain")
    {
        for (const char* relative : {"..", "a/../..", "/etc", "a/.."}) {
            CAPTURE(relative);
            auto sub = out->subdirectory(relative, CreateMissing::yes);
            REQUIRE_FALSE(sub);
            CHECK(sub.error().code == oras::ErrorCode::invalid_argument);
        }
    }
    SUBCASE("the directory itself swapped for a link after it was opened: writes stay put")
    {
        fs::rename(dir / "out", dir / "moved");
        fs::create_directory_symlink(dir / "outside", dir / "out");
        REQUIRE(out->subdirectory("new", CreateMissing::yes));
        CHECK(fs::is_directory(dir / "moved/new"));
        CHECK(fs::is_empty(dir / "outside"));
    }
}
