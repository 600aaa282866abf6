#include "content/oci_layout_index.hpp"

#include "oras/media_types.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace oras;
using namespace oras::oci_layout;
using coras_test::read_file;
using coras_test::temp_dir;
using coras_test::write_file;

namespace {

Descriptor manifest_desc(std::string_view content)
{
    return descriptor_of(media_type::oci_manifest, content);
}

Descriptor tagged(Descriptor desc, const std::string& tag)
{
    desc.annotations[std::string(annotation::ref_name)] = tag;
    return desc;
}

} // namespace

TEST_CASE("oci_layout_index find_tag and find_digest")
{
    const Descriptor a = manifest_desc("a");
    const Descriptor b = manifest_desc("b");
    Index index = empty_index();
    index.manifests = {tagged(a, "v1"), tagged(b, "v1"), tagged(a, "other")};

    CHECK(find_tag(index, "v1") == b);
    CHECK(find_tag(index, "other") == a);
    CHECK_FALSE(find_tag(index, "v2"));
    CHECK(find_digest(index, a.digest) == a);
    CHECK_FALSE(find_digest(index, manifest_desc("c").digest));

    Descriptor annotated = a;
    annotated.annotations["note"] = "pushed";
    index.manifests.push_back(annotated);
    CHECK(find_digest(index, a.digest) == annotated);
}

TEST_CASE("oci_layout_index add_untagged")
{
    const Descriptor a = manifest_desc("a");
    Index index = empty_index();
    CHECK(add_untagged(index, tagged(a, "ignored")));
    REQUIRE(index.manifests.size() == 1);
    CHECK(index.manifests[0] == a);
    CHECK_FALSE(add_untagged(index, a));
    CHECK(index.manifests.size() == 1);
}

TEST_CASE("oci_layout_index set_tag")
{
    const Descriptor a = manifest_desc("a");
    const Descriptor b = manifest_desc("b");
    Index index = empty_index();
    add_untagged(index, a);
    add_untagged(index, b);

    SUBCASE("the untagged entry gives way to the tagged one")
    {
        set_tag(index, a, "v1");
        REQUIRE(index.manifests.size() == 2);
        CHECK(index.manifests[0] == b);
        CHECK(index.manifests[1] == tagged(a, "v1"));
    }
    SUBCASE("moving a tag leaves the old manifest untagged")
    {
        set_tag(index, a, "v1");
        set_tag(index, b, "v1");
        REQUIRE(index.manifests.size() == 2);
        CHECK(index.manifests[0] == a);
        CHECK(index.manifests[1] == tagged(b, "v1"));
    }
    SUBCASE("a manifest keeps every tag it has")
    {
        set_tag(index, a, "v1");
        set_tag(index, a, "latest");
        REQUIRE(index.manifests.size() == 3);
        CHECK(index.manifests[0] == b);
        CHECK(index.manifests[1] == tagged(a, "v1"));
        CHECK(index.manifests[2] == tagged(a, "latest"));
    }
    SUBCASE("re-tagging keeps the order of the other entries")
    {
        const Descriptor c = manifest_desc("c");
        index.manifests = {tagged(a, "v1"), tagged(b, "latest"), tagged(a, "other")};
        set_tag(index, a, "v1");
        CHECK(index.manifests ==
              std::vector<Descriptor>{tagged(a, "v1"), tagged(b, "latest"), tagged(a, "other")});
        set_tag(index, c, "v1");
        CHECK(index.manifests ==
              std::vector<Descriptor>{tagged(c, "v1"), tagged(b, "latest"), tagged(a, "other")});
        set_tag(index, b, "other");
        CHECK(index.manifests ==
              std::vector<Descriptor>{tagged(c, "v1"), tagged(b, "latest"), a, tagged(b, "other")});
    }
    SUBCASE("duplicate tags written by another tool are all removed")
    {
        index.manifests = {tagged(a, "v1"), tagged(b, "v1")};
        set_tag(index, a, "v1");
        REQUIRE(index.manifests.size() == 2);
        CHECK(index.manifests[0] == b);
        CHECK(index.manifests[1] == tagged(a, "v1"));
    }
}

TEST_CASE("oci_layout_index files")
{
    const auto dir = temp_dir("layout_index_files");

    SUBCASE("an absent index.json reads as empty")
    {
        auto index = read_index_file(dir);
        REQUIRE(index);
        CHECK(index->manifests.empty());
        CHECK(index->media_type == media_type::oci_index);
    }
    SUBCASE("round trip, deterministic")
    {
        Index index = empty_index();
        set_tag(index, manifest_desc("a"), "v1");
        REQUIRE(write_index_file(dir, index));
        const std::string first = read_file(dir / "index.json");
        auto read = read_index_file(dir);
        REQUIRE(read);
        REQUIRE(read->manifests.size() == 1);
        CHECK(read->manifests[0] == tagged(manifest_desc("a"), "v1"));
        REQUIRE(write_index_file(dir, *read));
        CHECK(read_file(dir / "index.json") == first);
        CHECK(first.find(R"("org.opencontainers.image.ref.name":"v1")") != std::string::npos);
    }
    SUBCASE("oci-layout")
    {
        auto missing = check_layout_file(dir);
        REQUIRE_FALSE(missing);
        CHECK(missing.error().code == ErrorCode::not_found);
        REQUIRE(write_layout_file(dir));
        CHECK(check_layout_file(dir));
        write_file(dir / "oci-layout", R"({"imageLayoutVersion":1})");
        auto wrong_type = check_layout_file(dir);
        REQUIRE_FALSE(wrong_type);
        CHECK(wrong_type.error().code == ErrorCode::invalid_format);
    }
    SUBCASE("index.json and oci-layout nested past the JSON limit are refused")
    {
        const auto nested = [](std::string_view head, std::size_t depth) {
            return std::string(head) + R"(,"x":)" + std::string(depth, '[') +
                   std::string(depth, ']') + "}";
        };
        const std::string index_head = R"({"schemaVersion":2,"manifests":[])";
        write_file(dir / "index.json", nested(index_head, 63));
        CHECK(read_index_file(dir));
        write_file(dir / "index.json", nested(index_head, 64));
        auto index = read_index_file(dir);
        REQUIRE_FALSE(index);
        CHECK(index.error().code == ErrorCode::invalid_format);
        CHECK(index.error().message ==
              "parse " + (dir / "index.json").string() + ": index: nested deeper than 64 levels");

        const std::string layout_head = R"({"imageLayoutVersion":"1.0.0")";
        write_file(dir / "oci-layout", nested(layout_head, 63));
        CHECK(check_layout_file(dir));
        write_file(dir / "oci-layout", nested(layout_head, 64));
        auto layout = check_layout_file(dir);
        REQUIRE_FALSE(layout);
        CHECK(layout.error().message ==
              (dir / "oci-layout").string() + ": nested deeper than 64 levels");
    }
    SUBCASE("an entry whose size cannot be real is refused")
    {
        const std::string digest = manifest_desc("a").digest.str();
        write_file(dir / "index.json",
                   R"({"schemaVersion":2,"manifests":[{"mediaType":")" +
                       std::string(media_type::oci_manifest) + R"(","digest":")" + digest +
                       R"(","size":4611686018427387904}]})");
        auto index = read_index_file(dir);
        REQUIRE_FALSE(index);
        CHECK(index.error().code == ErrorCode::invalid_format);
        CHECK(index.error().message == "parse " + (dir / "index.json").string() +
                                           ": index: manifests[0].size: is 4611686018427387904, "
                                           "over 2^53: no real content is this large");
    }
    SUBCASE("read_small_file limit")
    {
        write_file(dir / "big", std::string(100, 'x'));
        CHECK(*read_small_file(dir / "big", 100) == std::string(100, 'x'));
        auto too_big = read_small_file(dir / "big", 99);
        REQUIRE_FALSE(too_big);
        CHECK(too_big.error().code == ErrorCode::too_large);
    }
}
