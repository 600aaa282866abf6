#include "oras/digest.hpp"

#include "test_util.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

// Independently computed with `printf ... | sha256sum`.
constexpr const char* k_sha256_empty =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr const char* k_sha256_abc =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr const char* k_sha256_3mb_zeros =
    "35bce4eae54ec8e6cc2868baa8d157914d6ae2858811b4cc0c078c94460fa26f";

} // namespace

TEST_CASE("oras::Digest::parse")
{
    using oras::Digest;
    using oras::ErrorCode;

    SUBCASE("valid sha256")
    {
        auto digest = Digest::parse(std::string("sha256:") + k_sha256_abc);
        REQUIRE(digest);
        CHECK(digest->algorithm() == "sha256");
        CHECK(digest->hex() == k_sha256_abc);
        CHECK(digest->str() == std::string("sha256:") + k_sha256_abc);
        CHECK(digest->short_hex() == "ba7816bf8f01");
        CHECK_FALSE(digest->empty());
    }
    SUBCASE("valid sha512")
    {
        auto digest = Digest::parse("sha512:" + std::string(128, 'a'));
        REQUIRE(digest);
        CHECK(digest->algorithm() == "sha512");
        CHECK(digest->hex().size() == 128);
    }
    SUBCASE("wrong length")
    {
        auto short_digest = Digest::parse("sha256:" + std::string(63, 'a'));
        REQUIRE_FALSE(short_digest);
        CHECK(short_digest.error().code == ErrorCode::invalid_argument);
        CHECK(short_digest.error().message.find("64") != std::string::npos);
        CHECK_FALSE(Digest::parse("sha256:" + std::string(65, 'a')));
        CHECK_FALSE(Digest::parse("sha512:" + std::string(64, 'a')));
        CHECK_FALSE(Digest::parse("sha256:"));
    }
    SUBCASE("upper-case hex")
    {
        auto digest = Digest::parse("sha256:" + std::string(64, 'A'));
        REQUIRE_FALSE(digest);
        CHECK(digest.error().code == ErrorCode::invalid_argument);
        CHECK(digest.error().message.find("lower-case") != std::string::npos);
    }
    SUBCASE("non-hex character")
    {
        CHECK_FALSE(Digest::parse("sha256:" + std::string(63, 'a') + "g"));
        auto zz = Digest::parse("sha256:zz");
        REQUIRE_FALSE(zz);
        CHECK(zz.error().message.rfind("invalid digest \"sha256:zz\"", 0) == 0);
    }
    SUBCASE("unknown algorithm is unsupported")
    {
        auto digest = Digest::parse("md5:" + std::string(32, 'a'));
        REQUIRE_FALSE(digest);
        CHECK(digest.error().code == ErrorCode::unsupported);
        CHECK(digest.error().message.find("md5") != std::string::npos);
    }
    SUBCASE("malformed")
    {
        CHECK_FALSE(Digest::parse(""));
        CHECK_FALSE(Digest::parse(k_sha256_abc));
        CHECK_FALSE(Digest::parse(std::string(":") + k_sha256_abc));
        CHECK_FALSE(Digest::parse(std::string("SHA256:") + k_sha256_abc));
        CHECK(Digest::parse(std::string("SHA256:") + k_sha256_abc).error().code ==
              ErrorCode::invalid_argument);
        CHECK_FALSE(Digest::parse(std::string("sha256::") + k_sha256_abc));
    }
    SUBCASE("ordering and equality")
    {
        const Digest a = Digest::sha256_from_hex(k_sha256_abc);
        const Digest b = Digest::sha256_from_hex(k_sha256_empty);
        CHECK(a == *Digest::parse(std::string("sha256:") + k_sha256_abc));
        CHECK(a != b);
        CHECK(a < b);
        CHECK(Digest().empty());
    }
}

TEST_CASE("oras::sha256_of")
{
    CHECK(oras::sha256_of("").str() == std::string("sha256:") + k_sha256_empty);
    CHECK(oras::sha256_of("abc").hex() == k_sha256_abc);
    CHECK(oras::sha256_of("{}").hex() ==
          "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
}

TEST_CASE("oras::Sha256")
{
    SUBCASE("incremental equals one shot")
    {
        oras::Sha256 hasher;
        hasher.update("a");
        hasher.update("");
        hasher.update("bc");
        CHECK(hasher.finish().hex() == k_sha256_abc);
    }
    SUBCASE("moved hasher keeps its state")
    {
        oras::Sha256 first;
        first.update("ab");
        oras::Sha256 second(std::move(first));
        second.update("c");
        CHECK(second.finish().hex() == k_sha256_abc);
    }
}

TEST_CASE("oras::sha256_of_file")
{
    const auto dir = coras_test::temp_dir("sha256_of_file");

    SUBCASE("empty file")
    {
        coras_test::write_file(dir / "empty", "");
        auto result = oras::sha256_of_file(dir / "empty");
        REQUIRE(result);
        CHECK(result->digest.hex() == k_sha256_empty);
        CHECK(result->size == 0);
    }
    SUBCASE("file larger than one block")
    {
        coras_test::write_file(dir / "zeros", std::string(3000000, '\0'));
        auto result = oras::sha256_of_file(dir / "zeros");
        REQUIRE(result);
        CHECK(result->digest.hex() == k_sha256_3mb_zeros);
        CHECK(result->size == 3000000);
    }
    SUBCASE("missing file")
    {
        auto result = oras::sha256_of_file(dir / "absent");
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::not_found);
        CHECK(result.error().message.find((dir / "absent").string()) != std::string::npos);
    }
    SUBCASE("directory")
    {
        auto result = oras::sha256_of_file(dir);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::io);
    }
}
