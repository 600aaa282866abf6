#include "archive/tar_gzip.hpp"

#include "content/layout_archive.hpp"
#include "ops_test_support.hpp"
#include "oras/oci_layout.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

namespace fs = std::filesystem;
namespace tar = oras::archive;

namespace {

// A layout at `dir` holding one manifest tagged v1 with one layer; returns the manifest.
oras::Descriptor make_layout(const fs::path& dir)
{
    auto layout = oras::open_oci_layout(dir, oras::LayoutMode::create);
    REQUIRE(layout);
    const auto layer = coras_test::store_blob(**layout, "layer bytes", "layer.txt");
    return coras_test::store_manifest(**layout, {layer}, "v1");
}

// The layout's files as tar entries named `prefix` + their path in the layout.
std::vector<tar::TarEntry> entries_of(const fs::path& dir, const std::string& prefix)
{
    std::vector<tar::TarEntry> entries;
    for (const auto& file : fs::recursive_directory_iterator(dir)) {
        if (file.is_regular_file()) {
            entries.push_back({prefix + fs::relative(file.path(), dir).string(), file.path()});
        }
    }
    return entries;
}

} // namespace

TEST_CASE("oras::open_layout_archive")
{
    const auto dir = coras_test::temp_dir("layout-archive");
    const auto manifest = make_layout(dir / "layout");
    const auto tar = dir / "layout.tar.gz";

    SUBCASE("reads what the layout holds, read-only")
    {
        REQUIRE(tar::write_tar_gzip(entries_of(dir / "layout", "./"), tar));
        auto opened = oras::open_oci_layout(tar, oras::LayoutMode::read_only);
        REQUIRE(opened);
        const auto fetched = (*opened)->fetch_reference("v1", 1 << 20);
        REQUIRE(fetched);
        CHECK(fetched->descriptor.digest == manifest.digest);
        oras::MemorySource nothing("");
        CHECK((*opened)->push(manifest, nothing).error().code == oras::ErrorCode::unsupported);
        CHECK((*opened)->describe() == "OCI layout archive " + tar.string());
        CHECK(oras::open_oci_layout(tar, oras::LayoutMode::create).error().code ==
              oras::ErrorCode::unsupported);
    }

    SUBCASE("names outside the layout are never written")
    {
        auto entries = entries_of(dir / "layout", "");
        coras_test::write_file(dir / "evil", "evil");
        entries.push_back({"blobs/sha256/../../../evil-out", dir / "evil"});
        entries.push_back({"../evil-out", dir / "evil"});
        REQUIRE(tar::write_tar_gzip(entries, tar));
        REQUIRE(oras::open_oci_layout(tar, oras::LayoutMode::read_only));
        CHECK_FALSE(fs::exists(dir / "evil-out"));
    }

    SUBCASE("a name twice, or no layout, is refused")
    {
        auto entries = entries_of(dir / "layout", "");
        entries.push_back({"index.json", dir / "layout" / "index.json"});
        REQUIRE(tar::write_tar_gzip(entries, tar));
        const auto twice = oras::open_oci_layout(tar, oras::LayoutMode::read_only);
        REQUIRE_FALSE(twice);
        CHECK(twice.error().message.find("twice") != std::string::npos);

        coras_test::write_file(dir / "other", "x");
        REQUIRE(tar::write_tar_gzip({{"other", dir / "other"}}, tar));
        const auto none = oras::open_oci_layout(tar, oras::LayoutMode::read_only);
        REQUIRE_FALSE(none);
        CHECK(none.error().code == oras::ErrorCode::invalid_format);
    }
}
