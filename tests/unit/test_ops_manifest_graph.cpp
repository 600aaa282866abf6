#include "ops/manifest_graph.hpp"

#include "graph_test_support.hpp"

#include <doctest/doctest.h>

using coras_test::CountingTarget;

namespace {

oras::Descriptor
text_image(oras::Target& store, const std::string& text, const std::string& tag = {})
{
    oras::Manifest manifest;
    manifest.media_type = std::string(oras::media_type::oci_manifest);
    manifest.config = oras::empty_descriptor();
    oras::MemorySource empty(oras::empty_json);
    REQUIRE(store.push(oras::empty_descriptor(), empty));
    manifest.layers = {coras_test::store_blob(store, text, text + ".txt")};
    return coras_test::store_image(store, manifest, tag);
}

} // namespace

TEST_CASE("ops::ManifestGraph")
{
    auto store = oras::make_memory_store();
    CountingTarget counting(*store);

    SUBCASE("the root is read once and parsed")
    {
        const auto image = text_image(*store, "a", "v1");
        oras::ops::ManifestGraph graph(counting);
        const auto root = graph.root("v1");
        REQUIRE(root);
        CHECK((*root)->descriptor().digest == image.digest);
        REQUIRE((*root)->manifest);
        CHECK_FALSE((*root)->index);
        CHECK((*root)->manifest->layers.size() == 1);
        CHECK(counting.fetches(image.digest) == 1);
        CHECK(graph.fetched_count() == 1);
    }

    SUBCASE("an empty reference is refused")
    {
        oras::ops::ManifestGraph graph(counting);
        const auto root = graph.root("");
        REQUIRE_FALSE(root);
        CHECK(root.error().code == oras::ErrorCode::invalid_argument);
    }

    SUBCASE("every child of an index once, in order, though listed twice")
    {
        const auto a = text_image(*store, "a");
        const auto b = text_image(*store, "b");
        const auto inner = coras_test::store_index(*store, {b, a});
        coras_test::store_index(*store, {a, b, a, inner}, "v1");
        oras::ops::ManifestGraph graph(counting);
        const auto root = graph.root("v1");
        REQUIRE(root);
        const auto images = graph.image_manifests(**root);
        REQUIRE(images);
        REQUIRE(images->size() == 2);
        CHECK((*images)[0]->descriptor().digest == a.digest);
        CHECK((*images)[1]->descriptor().digest == b.digest);
        CHECK(counting.fetches(a.digest) == 1);
        CHECK(counting.fetches(b.digest) == 1);
        CHECK(counting.fetches(inner.digest) == 1);
    }

    SUBCASE("child() fetches on first use only")
    {
        const auto a = text_image(*store, "a");
        const auto b = text_image(*store, "b");
        coras_test::store_index(*store, {a, b}, "v1");
        oras::ops::ManifestGraph graph(counting);
        REQUIRE(graph.root("v1"));
        REQUIRE(graph.child(b));
        REQUIRE(graph.child(b));
        CHECK(counting.fetches(b.digest) == 1);
        CHECK(counting.fetches(a.digest) == 0);
    }

    SUBCASE("indexes nested deeper than the limit")
    {
        auto desc = text_image(*store, "leaf");
        for (int level = 0; level < 3; ++level) {
            desc = coras_test::store_index(*store, {desc});
        }
        REQUIRE(store->tag(desc, "deep"));
        SUBCASE("fail")
        {
            oras::ops::ManifestGraph graph(counting, oras::ops::GraphLimits{2, 100});
            const auto root = graph.root("deep");
            REQUIRE(root);
            const auto images = graph.image_manifests(**root);
            REQUIRE_FALSE(images);
            CHECK(images.error().code == oras::ErrorCode::invalid_format);
            CHECK(images.error().message.find("nested more than 2 deep") != std::string::npos);
        }
        SUBCASE("pass at the limit")
        {
            oras::ops::ManifestGraph graph(counting, oras::ops::GraphLimits{3, 100});
            const auto root = graph.root("deep");
            REQUIRE(root);
            const auto images = graph.image_manifests(**root);
            REQUIRE(images);
            CHECK(images->size() == 1);
        }
    }

    SUBCASE("more manifests than the limit")
    {
        const auto a = text_image(*store, "a");
        const auto b = text_image(*store, "b");
        const auto c = text_image(*store, "c");
        coras_test::store_index(*store, {a, b, c}, "v1");
        oras::ops::ManifestGraph graph(counting, oras::ops::GraphLimits{8, 3});
        const auto root = graph.root("v1");
        REQUIRE(root);
        const auto images = graph.image_manifests(**root);
        REQUIRE_FALSE(images);
        CHECK(images.error().message.find("more than 3 manifests") != std::string::npos);
        CHECK(counting.fetches(c.digest) == 0);
    }

    SUBCASE("an index that reaches itself fails instead of looping")
    {
        // Verified digests make a real cycle impossible; a reader that does not verify (a
        // broken store) serves the root's bytes for its child index, which then lists itself.
        const auto inner = coras_test::store_index(*store, {text_image(*store, "a")});
        const auto root_desc = coras_test::store_index(*store, {inner}, "v1");
        oras::StringSink bytes(1 << 20);
        REQUIRE(store->fetch(root_desc, bytes));
        const std::string root_bytes = bytes.take();
        oras::ops::ManifestGraph graph(counting, {}, [&](const oras::Descriptor& desc) {
            REQUIRE(desc.digest == inner.digest);
            return oras::Result<std::string>(root_bytes);
        });
        const auto root = graph.root("v1");
        REQUIRE(root);
        const auto images = graph.image_manifests(**root);
        REQUIRE_FALSE(images);
        CHECK(images.error().code == oras::ErrorCode::invalid_format);
        CHECK(images.error().message ==
              "index " + inner.digest.str() + " reaches itself: the index graph has a cycle");
    }

    SUBCASE("an index entry that is not a manifest type is refused")
    {
        auto blob = coras_test::store_blob(*store, "x", "x.txt");
        coras_test::store_index(*store, {blob}, "v1");
        oras::ops::ManifestGraph graph(counting);
        const auto root = graph.root("v1");
        REQUIRE(root);
        const auto images = graph.image_manifests(**root);
        REQUIRE_FALSE(images);
        CHECK(images.error().message.find("not a manifest type") != std::string::npos);
    }
}
