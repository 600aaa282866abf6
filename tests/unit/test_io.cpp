#include "oras/io.hpp"

#include "test_util.hpp"

#include <doctest/doctest.h>

#include <array>
#include <string>

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
