#include "wasm/mapped_file.hpp"

#include "test_util.hpp"

#include <doctest/doctest.h>

#include <utility>

using oras::wasm::MappedFile;

TEST_CASE("wasm::MappedFile")
{
    const auto dir = coras_test::temp_dir("wasm_mapped_file");
    SUBCASE("maps a file's bytes")
    {
        coras_test::write_file(dir / "a.bin", std::string("\0asm\x01\0\0\0", 8));
        auto file = MappedFile::open(dir / "a.bin");
        REQUIRE(file);
        CHECK(file->bytes() == std::string("\0asm\x01\0\0\0", 8));
        MappedFile moved = std::move(file).value();
        CHECK(moved.bytes().size() == 8);
        MappedFile other = std::move(MappedFile::open(dir / "a.bin")).value();
        other = std::move(moved);
        CHECK(other.bytes().size() == 8);
    }
    SUBCASE("an empty file maps to no bytes")
    {
        coras_test::write_file(dir / "empty", "");
        auto file = MappedFile::open(dir / "empty");
        REQUIRE(file);
        CHECK(file->bytes().empty());
    }
    SUBCASE("a missing file is not_found, naming the path")
    {
        auto file = MappedFile::open(dir / "missing.wasm");
        REQUIRE_FALSE(file);
        CHECK(file.error().code == oras::ErrorCode::not_found);
        CHECK(file.error().message.find((dir / "missing.wasm").string()) != std::string::npos);
        CHECK(MappedFile::open(dir / "missing" / "x.wasm").error().code ==
              oras::ErrorCode::not_found);
    }
    SUBCASE("a directory is an io error")
    {
        auto file = MappedFile::open(dir);
        REQUIRE_FALSE(file);
        CHECK(file.error().code == oras::ErrorCode::io);
        CHECK(file.error().message == "read " + dir.string() + ": not a regular file");
    }
}
