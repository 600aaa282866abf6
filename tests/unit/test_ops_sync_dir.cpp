#include "ops/sync_dir.hpp"

#include "test_util.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace {

const std::string k_old = std::string(64, 'a') + ".wasm";
const std::string k_new = std::string(64, 'b') + ".wasm";

} // namespace

TEST_CASE("ops::SyncDir")
{
    const auto root = coras_test::temp_dir("sync_dir");
    const auto path = root / "filters";
    auto dir = oras::ops::SyncDir::open(path);
    REQUIRE(dir);
    REQUIRE(fs::is_directory(path));

    SUBCASE("links are made, left alone when right, and replaced")
    {
        coras_test::write_file(path / k_old, std::string("\0asm", 4));
        CHECK(dir->has_module(k_old));
        CHECK_FALSE(dir->has_module(k_new));
        REQUIRE(*dir->link("a.wasm", k_old) == oras::ops::LinkChange::replaced);
        CHECK(fs::read_symlink(path / "a.wasm") == k_old);
        REQUIRE(*dir->link("a.wasm", k_old) == oras::ops::LinkChange::unchanged);
        REQUIRE(*dir->link("a.wasm", k_new) == oras::ops::LinkChange::replaced);
        CHECK(fs::read_symlink(path / "a.wasm") == k_new);
        CHECK_FALSE(fs::exists(fs::symlink_status(path / "a.wasm.tmp")));
    }

    SUBCASE("a file that is not a link is never replaced")
    {
        coras_test::write_file(path / "mine.wasm", "user data");
        const auto linked = dir->link("mine.wasm", k_old);
        REQUIRE_FALSE(linked);
        CHECK(linked.error().code == oras::ErrorCode::already_exists);
        CHECK(fs::is_regular_file(fs::symlink_status(path / "mine.wasm")));
    }

    SUBCASE("prune removes only unlisted links sync made and modules no link needs")
    {
        coras_test::write_file(path / k_old, "old");
        coras_test::write_file(path / k_new, "new");
        coras_test::write_file(path / "unrelated.wasm", "keep me");
        coras_test::write_file(path / "notes.txt", "keep me");
        fs::create_symlink("unrelated.wasm", path / "user-link.wasm");
        fs::create_symlink("/etc/passwd", path / "outside.wasm");
        REQUIRE(dir->link("kept.wasm", k_new));
        REQUIRE(dir->link("gone.wasm", k_old));
        const auto removed = dir->prune({"kept.wasm"});
        REQUIRE(removed);
        CHECK(*removed == std::vector<fs::path>{path / k_old, path / "gone.wasm"});
        CHECK(fs::exists(path / k_new));
        CHECK(fs::exists(path / "kept.wasm"));
        CHECK(fs::exists(path / "unrelated.wasm"));
        CHECK(fs::exists(path / "notes.txt"));
        CHECK(fs::is_symlink(path / "user-link.wasm"));
        CHECK(fs::is_symlink(path / "outside.wasm"));
    }

    SUBCASE("a module this round resolved to is kept without a link")
    {
        coras_test::write_file(path / k_old, "old");
        coras_test::write_file(path / k_new, "new");
        const auto removed = dir->prune({}, {k_new});
        REQUIRE(removed);
        CHECK(*removed == std::vector<fs::path>{path / k_old});
        CHECK(fs::exists(path / k_new));
    }

    SUBCASE("a killed download's temporary file goes once it is stale, nothing else")
    {
        const auto an_hour_ago = fs::file_time_type::clock::now() - std::chrono::hours(1);
        const std::string stale = "." + k_old + ".coras-Ab12Cd";
        const std::string fresh = "." + k_new + ".coras-Ef34Gh";
        const std::string other = ".notes.txt.coras-Ij56Kl";
        for (const auto& name : {stale, fresh, other}) {
            coras_test::write_file(path / name, "partial");
        }
        fs::last_write_time(path / stale, an_hour_ago);
        fs::last_write_time(path / other, an_hour_ago);
        const std::string linked = "." + k_new + ".coras-Mn78Op";
        fs::create_symlink("/etc/passwd", path / linked);
        const auto removed = dir->prune({});
        REQUIRE(removed);
        CHECK(*removed == std::vector<fs::path>{path / stale});
        CHECK(fs::exists(path / fresh));
        CHECK(fs::exists(path / other));
        CHECK(fs::is_symlink(path / linked));
    }

    SUBCASE("a module a listed link still points at is kept")
    {
        coras_test::write_file(path / k_old, "old");
        REQUIRE(dir->link("listed.wasm", k_old));
        const auto removed = dir->prune({"listed.wasm"});
        REQUIRE(removed);
        CHECK(removed->empty());
        CHECK(fs::exists(path / k_old));
    }
}
