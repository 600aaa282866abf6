#include "ops/artifact_plan.hpp"

#include "graph_test_support.hpp"

#include <doctest/doctest.h>

using coras_test::CountingTarget;

namespace {

const std::string k_module("\0asm\x01\0\0\0", 8);

oras::Platform platform(const std::string& os, const std::string& architecture)
{
    oras::Platform p;
    p.os = os;
    p.architecture = architecture;
    return p;
}

} // namespace

TEST_CASE("ops::plan_artifact")
{
    auto store = oras::make_memory_store();
    CountingTarget counting(*store);
    oras::ops::ManifestGraph graph(counting);

    SUBCASE("a solo artifact is a Wasm module artifact")
    {
        const auto manifest = coras_test::solo_manifest(*store, k_module);
        const auto image = coras_test::store_image(*store, manifest, "v1");
        const auto plan = oras::ops::plan_artifact(graph, "v1");
        REQUIRE(plan);
        REQUIRE(plan->wasm);
        CHECK(plan->root->descriptor().digest == image.digest);
        CHECK(plan->wasm->image == plan->root);
        CHECK(plan->wasm->match.layout == oras::wasm::Layout::solo);
        CHECK(plan->wasm->match.module.digest == manifest.layers[1].digest);
        REQUIRE(plan->wasm->match.runtime_config);
        CHECK(plan->wasm->match.runtime_config->digest == manifest.config.digest);
        CHECK(plan->wasm->match.warnings.empty());
        CHECK(counting.fetches(manifest.layers[1].digest) == 0); // planning reads no blob
    }

    SUBCASE("an index: the linux/amd64 entry is taken, the other is never fetched")
    {
        const auto arm =
            coras_test::store_image(*store,
                                    coras_test::solo_manifest(*store, k_module + "arm"),
                                    {},
                                    platform("linux", "arm64"));
        const auto amd =
            coras_test::store_image(*store,
                                    coras_test::solo_manifest(*store, k_module + "amd"),
                                    {},
                                    platform("linux", "amd64"));
        coras_test::store_index(*store, {arm, amd}, "v1");
        const auto plan = oras::ops::plan_artifact(graph, "v1");
        REQUIRE(plan);
        REQUIRE(plan->wasm);
        CHECK(plan->wasm->image->descriptor().digest == amd.digest);
        CHECK(plan->wasm->match.warnings.empty());
        CHECK(counting.fetches(amd.digest) == 1);
        CHECK(counting.fetches(arm.digest) == 0);
    }

    SUBCASE("an index without linux/amd64: its only entry, with a warning first")
    {
        const auto only = coras_test::store_image(
            *store, coras_test::solo_manifest(*store, k_module), {}, platform("linux", "arm64"));
        coras_test::store_index(*store, {only}, "v1");
        const auto plan = oras::ops::plan_artifact(graph, "v1");
        REQUIRE(plan);
        REQUIRE(plan->wasm);
        REQUIRE_FALSE(plan->wasm->match.warnings.empty());
        CHECK(plan->wasm->match.warnings.front().find("using its only manifest") !=
              std::string::npos);
    }

    SUBCASE("a module artifact with another layer is pulled as files")
    {
        auto manifest = coras_test::solo_manifest(*store, k_module);
        manifest.layers.push_back(coras_test::store_blob(*store, "notes", "notes.txt"));
        coras_test::store_image(*store, manifest, "v1");
        const auto plan = oras::ops::plan_artifact(graph, "v1");
        REQUIRE(plan);
        CHECK_FALSE(plan->wasm);
        const auto layers = oras::ops::artifact_layers(graph, *plan);
        REQUIRE(layers);
        // The titled config first, then the three layers.
        REQUIRE(layers->size() == 4);
        CHECK((*layers)[0].digest == manifest.config.digest);
        CHECK((*layers)[3].title() == "notes.txt");
    }

    SUBCASE("an index of plain images: the layers of every entry, each manifest fetched once")
    {
        oras::Manifest first;
        first.media_type = std::string(oras::media_type::oci_manifest);
        first.config = oras::empty_descriptor();
        oras::MemorySource empty(oras::empty_json);
        REQUIRE(store->push(oras::empty_descriptor(), empty));
        first.layers = {coras_test::store_blob(*store, "a", "a.txt")};
        oras::Manifest second = first;
        second.layers = {coras_test::store_blob(*store, "b", "b.txt")};
        const auto one = coras_test::store_image(*store, first, {}, platform("linux", "amd64"));
        const auto two = coras_test::store_image(*store, second, {}, platform("linux", "arm64"));
        coras_test::store_index(*store, {one, two}, "v1");
        const auto plan = oras::ops::plan_artifact(graph, "v1");
        REQUIRE(plan);
        CHECK_FALSE(plan->wasm);
        const auto layers = oras::ops::artifact_layers(graph, *plan);
        REQUIRE(layers);
        REQUIRE(layers->size() == 2);
        CHECK((*layers)[0].title() == "a.txt");
        CHECK((*layers)[1].title() == "b.txt");
        CHECK(counting.fetches(one.digest) == 1); // read for the Wasm check, then reused
        CHECK(counting.fetches(two.digest) == 1);
    }

    SUBCASE("a CNCF config with two layers is refused")
    {
        oras::Manifest manifest;
        manifest.media_type = std::string(oras::media_type::oci_manifest);
        manifest.config =
            coras_test::store_blob(*store, "{}", "", oras::media_type::wasm_cncf_config);
        manifest.layers = {
            coras_test::store_blob(*store, k_module, "", oras::media_type::wasm_cncf_layer),
            coras_test::store_blob(*store, "x", "", oras::media_type::wasm_cncf_layer)};
        coras_test::store_image(*store, manifest, "v1");
        const auto plan = oras::ops::plan_artifact(graph, "v1");
        REQUIRE_FALSE(plan);
        CHECK(plan.error().code == oras::ErrorCode::invalid_format);
    }

    SUBCASE("an unknown tag")
    {
        const auto plan = oras::ops::plan_artifact(graph, "nope");
        REQUIRE_FALSE(plan);
        CHECK(plan.error().code == oras::ErrorCode::not_found);
    }
}
