#include "ops_test_support.hpp"
#include "oras/ops/pull.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

bool is_empty_or_missing(const fs::path& dir)
{
    return !fs::exists(dir) || fs::is_empty(dir);
}

} // namespace

TEST_CASE("oras::ops::pull")
{
    const auto dir = coras_test::temp_dir("pull");
    auto store = oras::make_memory_store();
    const auto a = coras_test::store_blob(*store, "alpha", "a.txt");
    const auto b = coras_test::store_blob(*store, "bravo", "sub/b.txt");
    const auto untitled = coras_test::store_blob(*store, "charlie", "");
    coras_test::store_manifest(*store, {a, b, untitled}, "v1");

    oras::ops::PullOptions options;
    options.output_dir = dir / "out";

    SUBCASE("writes every titled layer, skips untitled ones")
    {
        std::vector<oras::TransferState> states;
        options.progress = [&](const oras::TransferEvent& event) {
            states.push_back(event.state);
            return oras::Continue::yes;
        };
        const auto result = oras::ops::pull(*store, "v1", options);
        REQUIRE(result);
        CHECK(coras_test::read_file(dir / "out/a.txt") == "alpha");
        CHECK(coras_test::read_file(dir / "out/sub/b.txt") == "bravo");
        REQUIRE(result->files.size() == 2);
        REQUIRE(result->skipped.size() == 1);
        CHECK(result->skipped[0].digest == untitled.digest);
        CHECK(std::count(states.begin(), states.end(), oras::TransferState::done) == 2);
        CHECK(std::count(states.begin(), states.end(), oras::TransferState::skipped) == 1);
        // No temporary files are left beside the results.
        std::size_t entries = 0;
        for (const auto& entry : fs::recursive_directory_iterator(dir / "out")) {
            (void)entry;
            ++entries;
        }
        CHECK(entries == 3); // a.txt, sub, sub/b.txt
    }
    SUBCASE("unknown tag: not_found and nothing written")
    {
        const auto result = oras::ops::pull(*store, "nope", options);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::not_found);
        CHECK(is_empty_or_missing(options.output_dir));
    }
    SUBCASE("no reference")
    {
        const auto result = oras::ops::pull(*store, "", options);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::invalid_argument);
    }
    SUBCASE("a corrupt blob fails the whole pull and leaves nothing")
    {
        coras_test::CorruptingTarget corrupt(*store, b.digest);
        const auto result = oras::ops::pull(corrupt, "v1", options);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::digest_mismatch);
        CHECK(is_empty_or_missing(options.output_dir));
    }
    SUBCASE("cancelled from the progress callback: nothing left")
    {
        options.progress = [](const oras::TransferEvent& event) {
            return event.state == oras::TransferState::started && event.desc.title() == "sub/b.txt"
                       ? oras::Continue::no
                       : oras::Continue::yes;
        };
        const auto result = oras::ops::pull(*store, "v1", options);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::cancelled);
        CHECK(is_empty_or_missing(options.output_dir));
    }
    SUBCASE("a rename that fails late puts back every file as it was")
    {
        // a.txt is placed first (replacing "mine"); sub/b.txt cannot be, a directory holds
        // its name: a.txt must be "mine" again, and nothing else left behind.
        fs::create_directories(options.output_dir / "sub/b.txt/inside");
        coras_test::write_file(options.output_dir / "a.txt", "mine");
        const auto result = oras::ops::pull(*store, "v1", options);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::io);
        CHECK(coras_test::read_file(options.output_dir / "a.txt") == "mine");
        std::vector<std::string> names;
        for (const auto& entry : fs::recursive_directory_iterator(options.output_dir)) {
            names.push_back(fs::relative(entry.path(), options.output_dir).string());
        }
        std::sort(names.begin(), names.end());
        CHECK(names == std::vector<std::string>{"a.txt", "sub", "sub/b.txt", "sub/b.txt/inside"});
    }
    SUBCASE("keep old files: an existing file is never replaced")
    {
        fs::create_directories(options.output_dir);
        coras_test::write_file(options.output_dir / "a.txt", "mine");
        options.overwrite = oras::Overwrite::no;
        const auto result = oras::ops::pull(*store, "v1", options);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::already_exists);
        CHECK(coras_test::read_file(options.output_dir / "a.txt") == "mine");
        CHECK_FALSE(fs::exists(options.output_dir / "sub"));
        options.overwrite = oras::Overwrite::yes;
        REQUIRE(oras::ops::pull(*store, "v1", options));
        CHECK(coras_test::read_file(options.output_dir / "a.txt") == "alpha");
    }
    SUBCASE("titles that escape the output directory are refused")
    {
        for (const std::string title :
             {"../evil.txt", "/tmp/evil.txt", "sub/../../evil.txt", ".."}) {
            CAPTURE(title);
            auto other = oras::make_memory_store();
            const auto evil = coras_test::store_blob(*other, "evil", title);
            coras_test::store_manifest(*other, {evil}, "bad");
            const auto result = oras::ops::pull(*other, "bad", options);
            REQUIRE_FALSE(result);
            CHECK(result.error().code == oras::ErrorCode::invalid_format);
            CHECK_FALSE(fs::exists(dir / "evil.txt"));
            CHECK(is_empty_or_missing(options.output_dir));
        }
    }
    SUBCASE("a symlink inside the output directory cannot lead outside")
    {
        fs::create_directories(options.output_dir);
        fs::create_directories(dir / "elsewhere");
        fs::create_directory_symlink(dir / "elsewhere", options.output_dir / "sub");
        const auto result = oras::ops::pull(*store, "v1", options);
        REQUIRE_FALSE(result);
        CHECK(result.error().message.find("sub/b.txt") != std::string::npos);
        CHECK(fs::is_empty(dir / "elsewhere"));
    }
    SUBCASE("a symlinked directory inside the output directory is refused, not followed")
    {
        fs::create_directories(options.output_dir / "real");
        fs::create_directory_symlink("real", options.output_dir / "sub");
        const auto result = oras::ops::pull(*store, "v1", options);
        REQUIRE_FALSE(result);
        CHECK(result.error().message == "open directory " + (options.output_dir / "sub").string() +
                                            ": is a symbolic link, which is not followed");
        CHECK(fs::is_empty(options.output_dir / "real"));
        CHECK_FALSE(fs::exists(options.output_dir / "a.txt"));
    }
    SUBCASE("a directory swapped for a symbolic link during the download: nothing goes there")
    {
        fs::create_directories(dir / "elsewhere");
        options.progress = [&](const oras::TransferEvent& event) {
            if (event.state == oras::TransferState::done && event.desc.digest == b.digest) {
                fs::rename(options.output_dir / "sub", dir / "moved");
                fs::create_directory_symlink(dir / "elsewhere", options.output_dir / "sub");
            }
            return oras::Continue::yes;
        };
        const auto result = oras::ops::pull(*store, "v1", options);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::io);
        CHECK(result.error().message.find('\n') == std::string::npos);
        CHECK(result.error().message.find("is a symbolic link") != std::string::npos);
        CHECK(fs::is_empty(dir / "elsewhere"));
        CHECK_FALSE(fs::exists(dir / "moved" / "b.txt"));
        // a.txt was placed first and is taken back; no temporary file is left in the output.
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(options.output_dir)) {
            names.push_back(entry.path().filename().string());
        }
        CHECK(names == std::vector<std::string>{"sub"});
    }
    SUBCASE("a layer size that cannot be real is refused before anything is fetched")
    {
        const std::string bytes =
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
            R"("config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":")" +
            oras::empty_descriptor().digest.str() +
            R"(","size":2},"layers":[{"mediaType":"application/octet-stream","digest":")" +
            a.digest.str() +
            R"(","size":4611686018427387904,"annotations":{"org.opencontainers.image.title":)"
            R"("a.txt"}}]})";
        const auto desc = oras::descriptor_of(oras::media_type::oci_manifest, bytes);
        oras::MemorySource source(bytes);
        REQUIRE(store->push_tagged(desc, source, "huge"));
        coras_test::RecordingTarget recording(*store);
        const auto result = oras::ops::pull(recording, "huge", options);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::invalid_format);
        CHECK(result.error().message ==
              "memory store@" + desc.digest.str() +
                  ": manifest: layers[0].size: is 4611686018427387904, over 2^53: no real "
                  "content is this large");
        CHECK(std::count(recording.fetched.begin(), recording.fetched.end(), a.digest) == 0);
        CHECK(is_empty_or_missing(options.output_dir));
    }
    SUBCASE("the same title twice is refused")
    {
        auto other = oras::make_memory_store();
        const auto x = coras_test::store_blob(*other, "x", "same.txt");
        const auto y = coras_test::store_blob(*other, "y", "same.txt");
        coras_test::store_manifest(*other, {x, y}, "dup");
        const auto result = oras::ops::pull(*other, "dup", options);
        REQUIRE_FALSE(result);
        CHECK(is_empty_or_missing(options.output_dir));
    }
}
