#include "ops/pack.hpp"
#include "oras/manifest.hpp"
#include "oras/media_types.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

namespace {

// Runs the test body inside `dir` so that relative paths are what a user types.
struct WorkingDirectory
{
    explicit WorkingDirectory(const std::filesystem::path& dir)
        : m_previous(std::filesystem::current_path())
    {
        std::filesystem::current_path(dir);
    }
    ~WorkingDirectory() { std::filesystem::current_path(m_previous); }
    std::filesystem::path m_previous;
};

oras::Manifest unpack(const oras::ops::PackedManifest& packed)
{
    auto manifest = oras::parse_manifest(packed.bytes);
    REQUIRE(manifest);
    return *manifest;
}

} // namespace

TEST_CASE("oras::ops::pack")
{
    const auto dir = coras_test::temp_dir("pack");
    WorkingDirectory cwd(dir);
    coras_test::write_file("runtime-config.json", R"({"type":"envoy_proxy"})");
    coras_test::write_file("example-filter.wasm", std::string("\0asm\1\0\0\0", 8));
    std::filesystem::create_directories("sub");
    coras_test::write_file("sub/b.txt", "bee");

    oras::ops::PushOptions options;
    options.source_date_epoch = 0;

    SUBCASE("the ASM guide's push: v1.0 packing, typed config, one titled layer")
    {
        options.config = oras::ops::FileSpec{"runtime-config.json",
                                             std::string(oras::media_type::wasm_solo_config)};
        options.files = {{"example-filter.wasm", std::string(oras::media_type::wasm_solo_layer)}};
        const auto packed = oras::ops::pack(options);
        REQUIRE(packed);
        const auto manifest = unpack(*packed);
        CHECK(manifest.media_type == oras::media_type::oci_manifest);
        CHECK(manifest.artifact_type.empty());
        CHECK(manifest.config.media_type == oras::media_type::wasm_solo_config);
        CHECK(manifest.config.digest == oras::sha256_of(R"({"type":"envoy_proxy"})"));
        CHECK(manifest.config.annotations.empty());
        REQUIRE(manifest.layers.size() == 1);
        CHECK(manifest.layers[0].media_type == oras::media_type::wasm_solo_layer);
        CHECK(manifest.layers[0].size == 8);
        CHECK(manifest.layers[0].title() == "example-filter.wasm");
        CHECK(manifest.annotations.at("org.opencontainers.image.created") ==
              "1970-01-01T00:00:00Z");
        CHECK(packed->desc.digest == oras::sha256_of(packed->bytes));
        CHECK(packed->desc.size == packed->bytes.size());
        REQUIRE(packed->blobs.size() == 2);
        CHECK(packed->blobs[1].path == "example-filter.wasm");
    }
    SUBCASE("no config: empty config and the default artifact type; default layer type")
    {
        options.files = {{"sub/b.txt", ""}};
        const auto packed = oras::ops::pack(options);
        REQUIRE(packed);
        const auto manifest = unpack(*packed);
        CHECK(manifest.artifact_type == oras::media_type::unknown_artifact);
        CHECK(manifest.config.media_type == oras::media_type::oci_empty);
        CHECK(manifest.config.digest.str() ==
              "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
        REQUIRE(manifest.layers.size() == 1);
        CHECK(manifest.layers[0].media_type == oras::media_type::oci_layer_tar);
        CHECK(manifest.layers[0].title() == "sub/b.txt");
    }
    SUBCASE("no files with v1.1: the layers are [empty]")
    {
        options.artifact_type = "application/vnd.example+type";
        const auto packed = oras::ops::pack(options);
        REQUIRE(packed);
        const auto manifest = unpack(*packed);
        CHECK(manifest.artifact_type == "application/vnd.example+type");
        REQUIRE(manifest.layers.size() == 1);
        CHECK(manifest.layers[0].media_type == oras::media_type::oci_empty);
    }
    SUBCASE("same inputs and SOURCE_DATE_EPOCH give the same bytes")
    {
        options.files = {{"example-filter.wasm", ""}, {"sub/b.txt", ""}};
        const auto first = oras::ops::pack(options);
        const auto second = oras::ops::pack(options);
        REQUIRE(first);
        REQUIRE(second);
        CHECK(first->bytes == second->bytes);
        options.source_date_epoch = 1;
        const auto third = oras::ops::pack(options);
        REQUIRE(third);
        CHECK(third->bytes != first->bytes);
    }
    SUBCASE("annotations from -a and a user-set created time win")
    {
        options.annotations = {{"org.opencontainers.image.created", "2024-01-01T00:00:00Z"},
                               {"team", "mesh"}};
        const auto packed = oras::ops::pack(options);
        REQUIRE(packed);
        const auto manifest = unpack(*packed);
        CHECK(manifest.annotations.at("org.opencontainers.image.created") ==
              "2024-01-01T00:00:00Z");
        CHECK(manifest.annotations.at("team") == "mesh");
        CHECK(packed->desc.annotations.at("team") == "mesh");
    }
    SUBCASE("annotation file: $manifest, $config and per-file keys")
    {
        coras_test::write_file("annotations.json",
                               R"({"$manifest":{"m":"1"},"$config":{"c":"2"},)"
                               R"("example-filter.wasm":{"f":"3"}})");
        options.annotation_file = "annotations.json";
        options.config = oras::ops::FileSpec{"runtime-config.json", ""};
        options.files = {{"example-filter.wasm", ""}};
        const auto packed = oras::ops::pack(options);
        REQUIRE(packed);
        const auto manifest = unpack(*packed);
        CHECK(manifest.annotations.at("m") == "1");
        CHECK(manifest.config.annotations.at("c") == "2");
        CHECK(manifest.config.media_type == oras::media_type::unknown_config);
        CHECK(manifest.layers[0].annotations.at("f") == "3");
        CHECK(manifest.layers[0].title() == "example-filter.wasm");
    }
    SUBCASE("annotation file naming a file that is not pushed")
    {
        coras_test::write_file("annotations.json", R"({"nope.txt":{"f":"3"}})");
        options.annotation_file = "annotations.json";
        options.files = {{"example-filter.wasm", ""}};
        const auto packed = oras::ops::pack(options);
        REQUIRE_FALSE(packed);
        CHECK(packed.error().message.find("nope.txt") != std::string::npos);
    }
    SUBCASE("annotation file with a non-string value")
    {
        coras_test::write_file("annotations.json", R"({"$manifest":{"n":1}})");
        options.annotation_file = "annotations.json";
        const auto packed = oras::ops::pack(options);
        REQUIRE_FALSE(packed);
        CHECK(packed.error().code == oras::ErrorCode::invalid_format);
    }
    SUBCASE("refused inputs")
    {
        options.files = {{"missing.wasm", ""}};
        auto packed = oras::ops::pack(options);
        REQUIRE_FALSE(packed);
        CHECK(packed.error().code == oras::ErrorCode::not_found);
        CHECK(packed.error().message.find("missing.wasm") != std::string::npos);

        options.files = {{dir / "example-filter.wasm", ""}};
        packed = oras::ops::pack(options);
        REQUIRE_FALSE(packed);
        CHECK(packed.error().code == oras::ErrorCode::invalid_argument);
        options.path_validation = oras::ops::PathValidation::disabled;
        CHECK(oras::ops::pack(options));

        options.files = {{"sub", ""}};
        packed = oras::ops::pack(options);
        REQUIRE_FALSE(packed);
        CHECK(packed.error().code == oras::ErrorCode::unsupported);

        options.files = {{"sub/b.txt", ""}, {"sub/../sub/b.txt", ""}};
        packed = oras::ops::pack(options);
        REQUIRE_FALSE(packed);
        CHECK(packed.error().message.find("twice") != std::string::npos);

        options.files = {};
        options.artifact_type = "not-a-type";
        CHECK_FALSE(oras::ops::pack(options));
    }
}
