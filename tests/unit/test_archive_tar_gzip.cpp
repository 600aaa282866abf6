// The compat layer's tar+gzip: reproducible bytes, and reading that never trusts entry names.
#include "archive/tar_gzip.hpp"

#include "test_util.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

using namespace oras;
namespace fs = std::filesystem;

TEST_CASE("archive::write_tar_gzip is reproducible and readable")
{
    const fs::path dir = coras_test::temp_dir("tar_gzip");
    coras_test::write_file(dir / "module.wasm", std::string("\0asm\1\0\0\0", 8));
    coras_test::write_file(dir / "config.json", R"({"type":"envoy_proxy"})");
    const std::vector<archive::TarEntry> entries{{"plugin.wasm", dir / "module.wasm"},
                                                 {"runtime-config.json", dir / "config.json"}};
    const auto first = archive::write_tar_gzip(entries, dir / "a.tar.gz");
    REQUIRE(first);
    fs::last_write_time(dir / "module.wasm",
                        fs::file_time_type::clock::now() - std::chrono::hours(5));
    const auto second = archive::write_tar_gzip(entries, dir / "b.tar.gz");
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
        archive::extract_by_basename(dir / "a.tar.gz",
                                     {{"plugin.wasm", &module}, {"runtime-config.json", &config}},
                                     1024,
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
        REQUIRE(
            archive::write_tar_gzip({{"../../plugin.wasm", dir / "payload"}}, dir / "h.tar.gz"));
        StringSink sink(1024);
        const auto found =
            archive::extract_by_basename(dir / "h.tar.gz", {{"plugin.wasm", &sink}}, 1024, "layer");
        REQUIRE(found);
        CHECK(found->at("plugin.wasm").name == "../../plugin.wasm");
        CHECK(sink.str() == payload);
        CHECK_FALSE(fs::exists(dir.parent_path().parent_path() / "plugin.wasm"));
    }
    SUBCASE("an entry over the limit is too_large")
    {
        REQUIRE(archive::write_tar_gzip({{"plugin.wasm", dir / "payload"}}, dir / "big.tar.gz"));
        StringSink sink(1024);
        const auto found =
            archive::extract_by_basename(dir / "big.tar.gz", {{"plugin.wasm", &sink}}, 4, "layer");
        REQUIRE_FALSE(found);
        CHECK(found.error().code == ErrorCode::too_large);
    }
    SUBCASE("not an archive, or cut short: invalid_format")
    {
        coras_test::write_file(dir / "junk.tar.gz",
                               std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03garbage", 18));
        StringSink sink(1024);
        CHECK(archive::extract_by_basename(
                  dir / "junk.tar.gz", {{"plugin.wasm", &sink}}, 1024, "layer")
                  .error()
                  .code == ErrorCode::invalid_format);
        REQUIRE(archive::write_tar_gzip({{"plugin.wasm", dir / "payload"}}, dir / "ok.tar.gz"));
        const std::string whole = coras_test::read_file(dir / "ok.tar.gz");
        coras_test::write_file(dir / "cut.tar.gz", whole.substr(0, whole.size() / 2));
        CHECK_FALSE(archive::extract_by_basename(
            dir / "cut.tar.gz", {{"plugin.wasm", &sink}}, 1024, "layer"));
    }
    SUBCASE("a missing entry is simply not found")
    {
        REQUIRE(archive::write_tar_gzip({{"README.md", dir / "payload"}}, dir / "none.tar.gz"));
        StringSink sink(1024);
        const auto found = archive::extract_by_basename(
            dir / "none.tar.gz", {{"plugin.wasm", &sink}}, 1024, "layer");
        REQUIRE(found);
        CHECK(found->empty());
    }
}
