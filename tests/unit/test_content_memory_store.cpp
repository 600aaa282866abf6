#include "oras/memory_store.hpp"

#include "oras/media_types.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace oras;

namespace {

const std::string k_manifest_a =
    R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
    R"("config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:)"
    R"(44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]})";
const std::string k_manifest_b = k_manifest_a + " ";
const std::string k_wasm("\0asm\x01\x00\x00\x00", 8);

Result<void> push_bytes(Target& store, const Descriptor& desc, std::string_view bytes)
{
    MemorySource source(bytes);
    return store.push(desc, source);
}

std::string fetch_all(Target& store, const Descriptor& desc)
{
    StringSink sink(1 << 20);
    REQUIRE(fetch_verified(store, desc, sink));
    return sink.take();
}

} // namespace

TEST_CASE("memory_store push, fetch and exists")
{
    auto store = make_memory_store();
    const Descriptor blob = descriptor_of(media_type::wasm_cncf_layer, k_wasm);

    CHECK(store->describe() == "memory store");
    CHECK_FALSE(*store->exists(blob));
    StringSink none(100);
    auto missing = store->fetch(blob, none);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::not_found);

    REQUIRE(push_bytes(*store, blob, k_wasm));
    CHECK(*store->exists(blob));
    CHECK(fetch_all(*store, blob) == k_wasm);

    SUBCASE("pushing again is a no-op")
    {
        CHECK(push_bytes(*store, blob, k_wasm));
        CHECK(fetch_all(*store, blob) == k_wasm);
    }
}

TEST_CASE("memory_store refuses content that does not match its descriptor")
{
    auto store = make_memory_store();
    Descriptor desc = descriptor_of(media_type::wasm_cncf_layer, "good bytes");

    SUBCASE("wrong digest")
    {
        auto pushed = push_bytes(*store, desc, "evil bytes");
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().code == ErrorCode::digest_mismatch);
        CHECK(pushed.error().message.find("memory store") != std::string::npos);
    }
    SUBCASE("more bytes than declared")
    {
        auto pushed = push_bytes(*store, desc, "good bytes and more");
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().code == ErrorCode::size_mismatch);
    }
    SUBCASE("fewer bytes than declared")
    {
        auto pushed = push_bytes(*store, desc, "good");
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().code == ErrorCode::size_mismatch);
    }
    SUBCASE("a digest that cannot be verified")
    {
        desc.digest = *Digest::parse("sha512:" + std::string(128, 'a'));
        auto pushed = push_bytes(*store, desc, "good bytes");
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().code == ErrorCode::unsupported);
    }
    CHECK_FALSE(*store->exists(desc));
    CHECK_FALSE(store->resolve(desc.digest.str()));
}

TEST_CASE("memory_store resolve and tag")
{
    auto store = make_memory_store();
    const Descriptor a = descriptor_of(media_type::oci_manifest, k_manifest_a);
    const Descriptor b = descriptor_of(media_type::oci_manifest, k_manifest_b);
    REQUIRE(push_bytes(*store, a, k_manifest_a));
    REQUIRE(push_bytes(*store, b, k_manifest_b));

    SUBCASE("by digest")
    {
        auto resolved = store->resolve(a.digest.str());
        REQUIRE(resolved);
        CHECK(*resolved == a);
    }
    SUBCASE("unknown tag")
    {
        auto resolved = store->resolve("v1");
        REQUIRE_FALSE(resolved);
        CHECK(resolved.error().code == ErrorCode::not_found);
        CHECK(resolved.error().message.find("v1") != std::string::npos);
    }
    SUBCASE("unknown digest")
    {
        auto resolved = store->resolve(sha256_of("nothing").str());
        REQUIRE_FALSE(resolved);
        CHECK(resolved.error().code == ErrorCode::not_found);
    }
    SUBCASE("invalid digest")
    {
        auto resolved = store->resolve("sha256:xyz");
        REQUIRE_FALSE(resolved);
        CHECK(resolved.error().code == ErrorCode::invalid_argument);
    }
    SUBCASE("tag, then re-tag moves the tag")
    {
        REQUIRE(store->tag(a, "v1"));
        CHECK(store->resolve("v1")->digest == a.digest);
        REQUIRE(store->tag(b, "v1"));
        CHECK(store->resolve("v1")->digest == b.digest);
        CHECK(store->resolve(a.digest.str())->digest == a.digest);
    }
    SUBCASE("push_tagged")
    {
        const std::string third = k_manifest_a + "\n";
        const Descriptor c = descriptor_of(media_type::oci_manifest, third);
        MemorySource source(third);
        REQUIRE(store->push_tagged(c, source, "latest"));
        CHECK(*store->resolve("latest") == c);
    }
    SUBCASE("tagging by its own digest is accepted, by another is not")
    {
        CHECK(store->tag(a, a.digest.str()));
        auto other = store->tag(a, b.digest.str());
        REQUIRE_FALSE(other);
        CHECK(other.error().code == ErrorCode::invalid_argument);
    }
}

TEST_CASE("memory_store tag refuses a missing manifest and an invalid tag")
{
    auto store = make_memory_store();
    const Descriptor a = descriptor_of(media_type::oci_manifest, k_manifest_a);

    auto missing = store->tag(a, "v1");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::not_found);
    CHECK_FALSE(store->resolve("v1"));

    REQUIRE(push_bytes(*store, a, k_manifest_a));
    auto invalid = store->tag(a, "-bad");
    REQUIRE_FALSE(invalid);
    CHECK(invalid.error().code == ErrorCode::invalid_argument);
}
