#include "graph_test_support.hpp"
#include "ops_test_support.hpp"
#include "test_util.hpp"

#include "oras/oci_layout.hpp"
#include "oras/ops/backup.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using coras_test::store_blob;
using coras_test::store_image;
using coras_test::store_index;

// An artifact of one small layer `seed`, tagged `tag`.
oras::Descriptor store_small(oras::Target& store, const std::string& tag, const std::string& seed)
{
    oras::MemorySource empty(oras::empty_json);
    REQUIRE(store.push(oras::empty_descriptor(), empty));
    oras::Manifest manifest;
    manifest.media_type = std::string(oras::media_type::oci_manifest);
    manifest.config = oras::empty_descriptor();
    manifest.layers = {store_blob(store, seed, seed + ".txt")};
    return store_image(store, manifest, tag);
}

// A referrer of `subject`, listed in its referrers index tag.
oras::Descriptor attach_to(oras::Target& store, const oras::Descriptor& subject)
{
    oras::Manifest manifest;
    manifest.media_type = std::string(oras::media_type::oci_manifest);
    manifest.artifact_type = "application/vnd.example.signature";
    manifest.config = oras::empty_descriptor();
    manifest.layers = {store_blob(store, "signed " + subject.digest.str(), "sig.txt")};
    oras::Descriptor bare;
    bare.media_type = subject.media_type;
    bare.digest = subject.digest;
    bare.size = subject.size;
    manifest.subject = bare;
    auto desc = store_image(store, manifest);
    desc.artifact_type = manifest.artifact_type;
    store_index(store, {desc}, oras::ops::referrers_tag(subject.digest));
    return desc;
}

bool has_entries(const fs::path& dir)
{
    return fs::exists(dir) && !fs::is_empty(dir);
}

} // namespace

TEST_CASE("oras::ops::backup and oras::ops::restore")
{
    const fs::path dir = coras_test::temp_dir("ops-backup");
    auto source = oras::make_memory_store();
    const auto v1 = store_small(*source, "v1", "one");
    const auto v2 = store_small(*source, "v2", "two");
    const auto sig = attach_to(*source, v1);
    oras::ops::BackupOptions backup;
    backup.tags = {"v1", "v2"};
    backup.referrers = oras::ops::Referrers::include;

    SUBCASE("to a directory and back, with referrers")
    {
        backup.output = dir / "layout";
        const auto result = oras::ops::backup(*source, backup);
        REQUIRE(result);
        CHECK(result->kind == oras::ops::LayoutOutput::directory);
        REQUIRE(result->tags.size() == 2);
        CHECK(result->tags[0].root.digest == v1.digest);
        REQUIRE(result->referrers.size() == 1);
        CHECK(result->referrers[0].digest == sig.digest);
        auto layout = oras::open_oci_layout(backup.output, oras::LayoutMode::read_only);
        REQUIRE(layout);
        CHECK((*layout)->resolve("v2")->digest == v2.digest);
        CHECK((*layout)->exists(sig).value());
        // Only the layout: no temporary sibling is left.
        CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);

        auto destination = oras::make_memory_store();
        oras::ops::RestoreOptions restore;
        restore.input = backup.output;

        SUBCASE("every tag but sha256-<hex>, with the referrers")
        {
            const auto restored = oras::ops::restore(*destination, restore);
            REQUIRE(restored);
            REQUIRE(restored->tags.size() == 2);
            CHECK(destination->resolve("v1")->digest == v1.digest);
            CHECK(destination->resolve("v2")->digest == v2.digest);
            CHECK(destination->exists(sig).value());
            CHECK(restored->referrers.size() == 1);
        }
        SUBCASE("--exclude-referrers")
        {
            restore.referrers = oras::ops::Referrers::exclude;
            REQUIRE(oras::ops::restore(*destination, restore));
            CHECK(destination->resolve("v1")->digest == v1.digest);
            CHECK_FALSE(destination->exists(sig).value());
        }
        SUBCASE("--dry-run sends nothing")
        {
            restore.dry_run = oras::ops::DryRun::yes;
            const auto restored = oras::ops::restore(*destination, restore);
            REQUIRE(restored);
            CHECK(restored->tags.size() == 2);
            CHECK(restored->referrers.size() == 1);
            CHECK_FALSE(destination->resolve("v1"));
            CHECK_FALSE(destination->exists(v1).value());
        }
        SUBCASE("a corrupt blob fails naming it, and no tag is set")
        {
            // v2's layer: v1 is copied first, but no tag may be set.
            const auto v2_bytes = oras::fetch_bytes(*source, v2);
            REQUIRE(v2_bytes);
            const auto manifest = oras::parse_manifest(*v2_bytes);
            REQUIRE(manifest);
            const auto blob = backup.output / "blobs" / "sha256" / manifest->layers[0].digest.hex();
            auto bytes = coras_test::read_file(blob);
            bytes[0] = static_cast<char>(bytes[0] ^ 1);
            coras_test::write_file(blob, bytes);
            const auto restored = oras::ops::restore(*destination, restore);
            REQUIRE_FALSE(restored);
            CHECK(restored.error().message.find(manifest->layers[0].digest.str()) !=
                  std::string::npos);
            CHECK_FALSE(destination->resolve("v1"));
            CHECK_FALSE(destination->resolve("v2"));
        }
    }

    SUBCASE("to a tar, read back as a layout archive")
    {
        backup.output = dir / "backup.tar";
        const auto result = oras::ops::backup(*source, backup);
        REQUIRE(result);
        CHECK(result->kind == oras::ops::LayoutOutput::tar);
        auto layout = oras::open_oci_layout(backup.output, oras::LayoutMode::read_only);
        REQUIRE(layout);
        CHECK((*layout)->resolve("v1")->digest == v1.digest);
        CHECK((*layout)->exists(sig).value());
        CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);

        auto destination = oras::make_memory_store();
        oras::ops::RestoreOptions restore;
        restore.input = backup.output;
        restore.tags = {"v2"};
        const auto restored = oras::ops::restore(*destination, restore);
        REQUIRE(restored);
        CHECK(destination->resolve("v2")->digest == v2.digest);
        CHECK_FALSE(destination->resolve("v1"));
    }

    SUBCASE("a failed backup leaves nothing behind")
    {
        backup.tags = {"v1", "nope"};
        for (const char* name : {"new-dir", "new.tar"}) {
            CAPTURE(name);
            backup.output = dir / name;
            const auto result = oras::ops::backup(*source, backup);
            REQUIRE_FALSE(result);
            CHECK(result.error().code == oras::ErrorCode::not_found);
            CHECK(result.error().message.find("nope") != std::string::npos);
            CHECK_FALSE(has_entries(dir));
        }
    }

    SUBCASE("without tags a store that cannot list them is refused")
    {
        backup.tags.clear();
        backup.output = dir / "none";
        const auto result = oras::ops::backup(*source, backup);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == oras::ErrorCode::unsupported);
        CHECK_FALSE(has_entries(dir));
    }

    SUBCASE("a missing input fails with not_found")
    {
        auto destination = oras::make_memory_store();
        oras::ops::RestoreOptions restore;
        restore.input = dir / "missing";
        const auto restored = oras::ops::restore(*destination, restore);
        REQUIRE_FALSE(restored);
        CHECK(restored.error().code == oras::ErrorCode::not_found);
    }
}
