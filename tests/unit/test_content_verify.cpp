#include "content/verifying_sink.hpp"

#include "oras/content.hpp"
#include "oras/media_types.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

constexpr const char* k_sha256_abc =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

oras::Descriptor abc_descriptor()
{
    oras::Descriptor desc;
    desc.media_type = "application/octet-stream";
    desc.digest = oras::Digest::sha256_from_hex(k_sha256_abc);
    desc.size = 3;
    return desc;
}

// Serves fixed bytes for any descriptor, one byte per write, counting calls.
class FakeFetcher final : public oras::Fetcher
{
  public:
    explicit FakeFetcher(std::string content) : m_content(std::move(content)) {}
    oras::Result<void> fetch(const oras::Descriptor&, oras::ByteSink& sink) override
    {
        ++calls;
        for (const char c : m_content) {
            ORAS_TRY(sink.write(std::string_view(&c, 1)));
        }
        return {};
    }
    int calls = 0;

  private:
    std::string m_content;
};

} // namespace

TEST_CASE("oras::VerifyingSink")
{
    oras::StringSink inner(1024);

    SUBCASE("matching content")
    {
        auto sink = oras::VerifyingSink::create(inner, abc_descriptor());
        REQUIRE(sink);
        REQUIRE(sink->write("ab"));
        REQUIRE(sink->write("c"));
        CHECK(sink->bytes_written() == 3);
        REQUIRE(sink->finish());
        CHECK(inner.str() == "abc");
    }
    SUBCASE("over-size fails at once and does not pass the excess on")
    {
        auto sink = oras::VerifyingSink::create(inner, abc_descriptor());
        REQUIRE(sink);
        REQUIRE(sink->write("ab"));
        auto result = sink->write("cd");
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::size_mismatch);
        CHECK(result.error().message.find(std::string("sha256:") + k_sha256_abc) !=
              std::string::npos);
        CHECK(inner.str() == "ab");
    }
    SUBCASE("short content")
    {
        auto sink = oras::VerifyingSink::create(inner, abc_descriptor());
        REQUIRE(sink);
        REQUIRE(sink->write("ab"));
        auto result = sink->finish();
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::size_mismatch);
        CHECK(result.error().message.find("expected 3 bytes, got 2") != std::string::npos);
    }
    SUBCASE("wrong digest")
    {
        auto sink = oras::VerifyingSink::create(inner, abc_descriptor());
        REQUIRE(sink);
        REQUIRE(sink->write("abd"));
        auto result = sink->finish();
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::digest_mismatch);
        CHECK(result.error().message == std::string("blob sha256:") + k_sha256_abc +
                                            ": digest mismatch: got " +
                                            oras::sha256_of("abd").str());
    }
    SUBCASE("manifests are named as such")
    {
        auto desc = abc_descriptor();
        desc.media_type = std::string(oras::media_type::oci_manifest);
        auto sink = oras::VerifyingSink::create(inner, desc);
        REQUIRE(sink);
        REQUIRE(sink->write("xyz"));
        auto result = sink->finish();
        REQUIRE_FALSE(result);
        CHECK(result.error().message.rfind("manifest sha256:", 0) == 0);
    }
    SUBCASE("empty content")
    {
        auto sink = oras::VerifyingSink::create(inner, oras::descriptor_of("x/y", ""));
        REQUIRE(sink);
        CHECK(sink->finish());
    }
    SUBCASE("sha512 cannot be verified")
    {
        auto desc = abc_descriptor();
        desc.digest = *oras::Digest::parse("sha512:" + std::string(128, 'a'));
        auto sink = oras::VerifyingSink::create(inner, desc);
        REQUIRE_FALSE(sink);
        CHECK(sink.error().code == oras::ErrorCode::unsupported);
    }
    SUBCASE("no digest")
    {
        auto desc = abc_descriptor();
        desc.digest = oras::Digest();
        auto sink = oras::VerifyingSink::create(inner, desc);
        REQUIRE_FALSE(sink);
        CHECK(sink.error().code == oras::ErrorCode::invalid_argument);
    }
}

TEST_CASE("oras::fetch_verified")
{
    oras::StringSink out(1024);

    SUBCASE("good content")
    {
        FakeFetcher fetcher("abc");
        REQUIRE(oras::fetch_verified(fetcher, abc_descriptor(), out));
        CHECK(out.str() == "abc");
    }
    SUBCASE("too much content stops the fetch")
    {
        FakeFetcher fetcher("abcdef");
        auto result = oras::fetch_verified(fetcher, abc_descriptor(), out);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::size_mismatch);
        CHECK(out.str() == "abc");
    }
    SUBCASE("tampered content")
    {
        FakeFetcher fetcher("abd");
        auto result = oras::fetch_verified(fetcher, abc_descriptor(), out);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::digest_mismatch);
    }
}

TEST_CASE("oras::fetch_bytes")
{
    SUBCASE("returns verified bytes")
    {
        FakeFetcher fetcher("abc");
        auto bytes = oras::fetch_bytes(fetcher, abc_descriptor());
        REQUIRE(bytes);
        CHECK(*bytes == "abc");
    }
    SUBCASE("refuses a descriptor over the limit without fetching")
    {
        FakeFetcher fetcher("abc");
        auto bytes = oras::fetch_bytes(fetcher, abc_descriptor(), 2);
        REQUIRE_FALSE(bytes);
        CHECK(bytes.error().code == oras::ErrorCode::too_large);
        CHECK(fetcher.calls == 0);
    }
    SUBCASE("wrong digest")
    {
        FakeFetcher fetcher("xyz");
        auto bytes = oras::fetch_bytes(fetcher, abc_descriptor());
        REQUIRE_FALSE(bytes);
        CHECK(bytes.error().code == oras::ErrorCode::digest_mismatch);
    }
}
