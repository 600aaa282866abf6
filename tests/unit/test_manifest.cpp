#include "oras/manifest.hpp"

#include "json_descriptor.hpp"
#include "oras/media_types.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

const std::string k_abc = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const std::string k_empty_json_digest =
    "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

std::string layer_json(const std::string& digest, const std::string& size)
{
    return R"({"mediaType":"application/wasm","digest":")" + digest + R"(","size":)" + size + "}";
}

std::string manifest_with_layers(const std::string& layers)
{
    return R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
           R"("config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":")" +
           k_empty_json_digest + R"(","size":2},"layers":[)" + layers + "]}";
}

std::string parse_manifest_error(const std::string& bytes)
{
    auto manifest = oras::parse_manifest(bytes);
    INFO(bytes);
    REQUIRE_FALSE(manifest);
    CHECK(manifest.error().code == oras::ErrorCode::invalid_format);
    return manifest.error().message;
}

oras::Manifest sample_manifest()
{
    oras::Manifest manifest;
    manifest.media_type = std::string(oras::media_type::oci_manifest);
    manifest.artifact_type = "application/vnd.example+type";
    manifest.config = oras::empty_descriptor();
    oras::Descriptor layer = oras::descriptor_of(oras::media_type::wasm_cncf_layer, "abc");
    layer.annotations[std::string(oras::annotation::title)] = "filter.wasm";
    layer.annotations["a.b"] = "z";
    manifest.layers.push_back(layer);
    manifest.subject = oras::descriptor_of(oras::media_type::oci_manifest, "{}");
    manifest.annotations["org.opencontainers.image.created"] = "2024-01-01T00:00:00Z";
    return manifest;
}

} // namespace

TEST_CASE("oras::Descriptor")
{
    SUBCASE("descriptor_of")
    {
        const auto desc = oras::descriptor_of("text/plain", "abc");
        CHECK(desc.media_type == "text/plain");
        CHECK(desc.digest.str() == k_abc);
        CHECK(desc.size == 3);
        CHECK_FALSE(desc.data);
    }
    SUBCASE("title")
    {
        auto desc = oras::descriptor_of("text/plain", "abc");
        CHECK(desc.title().empty());
        desc.annotations["org.opencontainers.image.title"] = "a.txt";
        CHECK(desc.title() == "a.txt");
    }
    SUBCASE("empty descriptor")
    {
        const auto& desc = oras::empty_descriptor();
        CHECK(desc.media_type == "application/vnd.oci.empty.v1+json");
        CHECK(desc.digest.str() == k_empty_json_digest);
        CHECK(desc.size == 2);
        REQUIRE(desc.data);
        CHECK(*desc.data == "{}");
        CHECK(oras::dump_compact(oras::descriptor_to_json(desc)) ==
              R"({"mediaType":"application/vnd.oci.empty.v1+json","digest":")" +
                  k_empty_json_digest + R"(","size":2,"data":"e30="})");
    }
}

TEST_CASE("oras::descriptor_to_json")
{
    oras::Descriptor desc = oras::descriptor_of("application/wasm", "abc");
    desc.artifact_type = "at";
    desc.urls = {"https://example.com/a"};
    desc.annotations = {{"z", "1"}, {"a", "2"}};
    desc.data = "abc";
    desc.platform = oras::Platform{"amd64", "linux", "10", {"sse4"}, "v2"};
    CHECK(oras::dump_compact(oras::descriptor_to_json(desc)) ==
          R"({"mediaType":"application/wasm","digest":")" + k_abc +
              R"(","size":3,"urls":["https://example.com/a"],"annotations":{"a":"2","z":"1"},)"
              R"("data":"YWJj","platform":{"architecture":"amd64","os":"linux",)"
              R"("os.version":"10","os.features":["sse4"],"variant":"v2"},"artifactType":"at"})");

    auto back = oras::descriptor_from_json(nlohmann::json(oras::descriptor_to_json(desc)), "x");
    REQUIRE(back);
    CHECK(*back == desc);
}

TEST_CASE("oras::descriptor_from_json")
{
    using nlohmann::json;
    auto parse = [](const std::string& text) {
        return oras::descriptor_from_json(json::parse(text), "config");
    };

    SUBCASE("minimal")
    {
        auto desc = parse(R"({"mediaType":"a/b","digest":")" + k_abc + R"(","size":3,"x":1})");
        REQUIRE(desc);
        CHECK(desc->media_type == "a/b");
        CHECK(desc->size == 3);
        CHECK(desc->annotations.empty());
        CHECK_FALSE(desc->platform);
    }
    SUBCASE("missing or mistyped members are named")
    {
        CHECK(parse(R"({"digest":")" + k_abc + R"(","size":3})").error().message ==
              "config.mediaType: missing");
        CHECK(parse(R"({"mediaType":1,"digest":")" + k_abc + R"(","size":3})").error().message ==
              "config.mediaType: must be a string, got 1");
        CHECK(parse(R"({"mediaType":"a/b","size":3})").error().message == "config.digest: missing");
        CHECK(parse(R"({"mediaType":"a/b","digest":")" + k_abc + R"("})").error().message ==
              "config.size: missing");
        CHECK(parse(R"({"mediaType":"a/b","digest":")" + k_abc + R"(","size":"3"})")
                  .error()
                  .message.rfind("config.size: must be a non-negative integer", 0) == 0);
        CHECK(parse("[1]").error().message.rfind("config: must be an object", 0) == 0);
    }
    SUBCASE("sizes that cannot be real are refused")
    {
        const auto with_size = [&](const std::string& size) {
            return parse(R"({"mediaType":"a/b","digest":")" + k_abc + R"(","size":)" + size + "}");
        };
        CHECK(with_size("9007199254740992")->size == oras::k_max_descriptor_size);
        const auto refused = [&](const std::string& size) {
            auto desc = with_size(size);
            INFO(size);
            REQUIRE_FALSE(desc);
            CHECK(desc.error().code == oras::ErrorCode::invalid_format);
            CHECK(desc.error().message.rfind("config.size: ", 0) == 0);
            return desc.error().message;
        };
        CHECK(refused("9007199254740993") ==
              "config.size: is 9007199254740993, over 2^53: no real content is this large");
        CHECK(refused("18446744073709551615").find("over 2^53") != std::string::npos);
        CHECK(refused("-9223372036854775808") ==
              "config.size: must not be negative, got -9223372036854775808");
        CHECK(refused("18446744073709551616").find("must be a non-negative integer") !=
              std::string::npos);
        CHECK(refused("3.0").find("must be a non-negative integer") != std::string::npos);
        CHECK(refused("1e3").find("must be a non-negative integer") != std::string::npos);
        CHECK(refused("null").find("must be a non-negative integer") != std::string::npos);
    }
    SUBCASE("annotations must map strings to strings")
    {
        auto desc = parse(R"({"mediaType":"a/b","digest":")" + k_abc +
                          R"(","size":3,"annotations":{"k":1}})");
        REQUIRE_FALSE(desc);
        CHECK(desc.error().message.rfind("config.annotations[\"k\"]: must be a string", 0) == 0);
        CHECK_FALSE(
            parse(R"({"mediaType":"a/b","digest":")" + k_abc + R"(","size":3,"annotations":[]})"));
    }
    SUBCASE("urls must be strings")
    {
        auto desc =
            parse(R"({"mediaType":"a/b","digest":")" + k_abc + R"(","size":3,"urls":["u",2]})");
        REQUIRE_FALSE(desc);
        CHECK(desc.error().message.rfind("config.urls[1]: must be a string", 0) == 0);
    }
    SUBCASE("platform needs architecture and os")
    {
        auto desc = parse(R"({"mediaType":"a/b","digest":")" + k_abc +
                          R"(","size":3,"platform":{"os":"linux"}})");
        REQUIRE_FALSE(desc);
        CHECK(desc.error().message == "config.platform.architecture: missing");
    }
    SUBCASE("data")
    {
        auto desc =
            parse(R"({"mediaType":"a/b","digest":")" + k_abc + R"(","size":3,"data":"YWJj"})");
        REQUIRE(desc);
        CHECK(desc->data == std::optional<std::string>("abc"));

        CHECK(parse(R"({"mediaType":"a/b","digest":")" + k_abc + R"(","size":3,"data":"YWJ"})")
                  .error()
                  .message == "config.data: invalid base64");
        CHECK(parse(R"({"mediaType":"a/b","digest":")" + k_abc + R"(","size":3,"data":"YW*j"})")
                  .error()
                  .message == "config.data: invalid base64");
        CHECK(parse(R"({"mediaType":"a/b","digest":")" + k_abc + R"(","size":3,"data":"YWJk"})")
                  .error()
                  .message.find("does not match digest") != std::string::npos);
        CHECK(parse(R"({"mediaType":"a/b","digest":")" + k_abc + R"(","size":2,"data":"YWJj"})")
                  .error()
                  .message.find("size is 2") != std::string::npos);
    }
    SUBCASE("base64 padding")
    {
        const auto one = oras::descriptor_of("a/b", "a");
        auto desc = parse(R"({"mediaType":"a/b","digest":")" + one.digest.str() +
                          R"(","size":1,"data":"YQ=="})");
        REQUIRE(desc);
        CHECK(*desc->data == "a");
        const auto binary = oras::descriptor_of("a/b", std::string("\x00\xff\xfe", 3));
        desc = parse(R"({"mediaType":"a/b","digest":")" + binary.digest.str() +
                     R"(","size":3,"data":"AP/+"})");
        REQUIRE(desc);
        CHECK(*desc->data == std::string("\x00\xff\xfe", 3));
        CHECK_FALSE(parse(R"({"mediaType":"a/b","digest":")" + one.digest.str() +
                          R"(","size":1,"data":"Y==="})"));
        CHECK_FALSE(parse(R"({"mediaType":"a/b","digest":")" + one.digest.str() +
                          R"(","size":1,"data":"=YQ="})"));
    }
}

TEST_CASE("oras::parse_manifest")
{
    SUBCASE("a valid OCI manifest")
    {
        auto manifest = oras::parse_manifest(manifest_with_layers(layer_json(k_abc, "3")));
        REQUIRE(manifest);
        CHECK(manifest->schema_version == 2);
        CHECK(manifest->media_type == oras::media_type::oci_manifest);
        CHECK(manifest->config.digest.str() == k_empty_json_digest);
        REQUIRE(manifest->layers.size() == 1);
        CHECK(manifest->layers[0].media_type == "application/wasm");
        CHECK(manifest->layers[0].size == 3);
        CHECK_FALSE(manifest->subject);
    }
    SUBCASE("a Docker schema 2 manifest")
    {
        const std::string bytes =
            R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",)"
            R"("config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":3,)"
            R"("digest":")" +
            k_abc +
            R"("},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip",)"
            R"("size":3,"digest":")" +
            k_abc + R"(","urls":["https://x/y"]}]})";
        auto manifest = oras::parse_manifest(bytes, oras::media_type::docker_manifest);
        REQUIRE(manifest);
        CHECK(manifest->media_type == oras::media_type::docker_manifest);
        CHECK(manifest->config.media_type == oras::media_type::docker_config);
        REQUIRE(manifest->layers.size() == 1);
        CHECK(manifest->layers[0].urls == std::vector<std::string>{"https://x/y"});
    }
    SUBCASE("member errors name the member")
    {
        CHECK(parse_manifest_error(
                  manifest_with_layers(layer_json(k_abc, "3") + "," + layer_json("sha256:zz", "3")))
                  .rfind("manifest: layers[1].digest: invalid digest \"sha256:zz\"", 0) == 0);
        CHECK(parse_manifest_error(manifest_with_layers(layer_json(k_abc, "-1"))) ==
              "manifest: layers[0].size: must not be negative, got -1");
        CHECK(parse_manifest_error(manifest_with_layers(layer_json(k_abc, "1.5"))) ==
              "manifest: layers[0].size: must be a non-negative integer, got 1.5");
        CHECK(
            parse_manifest_error(manifest_with_layers(layer_json(k_abc, "4611686018427387904"))) ==
            "manifest: layers[0].size: is 4611686018427387904, over 2^53: no real content is "
            "this large");
        CHECK(parse_manifest_error(R"({"schemaVersion":2,"layers":[]})") ==
              "manifest: config: missing");
        CHECK(parse_manifest_error(R"({"schemaVersion":2,"config":{"mediaType":"a/b","digest":")" +
                                   k_abc + R"(","size":3},"layers":{}})")
                  .rfind("manifest: layers: must be an array", 0) == 0);
        CHECK(parse_manifest_error(R"({"schemaVersion":2,"config":{"mediaType":"a/b","digest":")" +
                                   k_abc + R"(","size":3},"layers":[],"annotations":{"a":null}})")
                  .rfind("manifest: annotations[\"a\"]: must be a string", 0) == 0);
    }
    SUBCASE("schemaVersion")
    {
        CHECK(parse_manifest_error(R"({"schemaVersion":1,"name":"x"})")
                  .rfind("manifest: schemaVersion: must be 2, got 1", 0) == 0);
        CHECK(parse_manifest_error(R"({"schemaVersion":"2"})") ==
              "manifest: schemaVersion: must be 2, got \"2\"");
        CHECK(parse_manifest_error(R"({"layers":[]})") == "manifest: schemaVersion: missing");
    }
    SUBCASE("not JSON or not an object")
    {
        CHECK(parse_manifest_error("{").rfind("manifest: ", 0) == 0);
        CHECK(parse_manifest_error("[]") == "manifest: not a JSON object");
        CHECK(parse_manifest_error("").rfind("manifest: ", 0) == 0);
    }
    SUBCASE("media types must agree")
    {
        const std::string bytes = manifest_with_layers("");
        CHECK(oras::parse_manifest(bytes, "application/vnd.oci.image.manifest.v1+json"));
        CHECK(oras::parse_manifest(bytes, "application/json"));
        auto mismatch = oras::parse_manifest(bytes, oras::media_type::docker_manifest);
        REQUIRE_FALSE(mismatch);
        CHECK(mismatch.error().message.find("does not match") != std::string::npos);
        auto index = oras::parse_manifest(R"({"schemaVersion":2,"manifests":[]})",
                                          oras::media_type::oci_index);
        REQUIRE_FALSE(index);
        CHECK(index.error().message.find("an index") != std::string::npos);
    }
    SUBCASE("deep nesting neither crashes nor passes")
    {
        const std::size_t depth = 1000000;
        const std::string bytes = R"({"schemaVersion":2,"config":)" + std::string(depth, '[') +
                                  std::string(depth, ']') + "}";
        CHECK(parse_manifest_error(bytes) == "manifest: nested deeper than 64 levels");
        const std::string deep =
            R"({"schemaVersion":2,"config":)" + std::string(64, '[') + std::string(64, ']') + "}";
        CHECK(parse_manifest_error(deep) == "manifest: nested deeper than 64 levels");
        const std::string shallow = R"({"schemaVersion":2,"config":)" + std::string(63, '[') +
                                    std::string(63, ']') + R"(,"s":"[[[[\"[[[[[[[["})";
        CHECK(parse_manifest_error(shallow).rfind("manifest: config: must be an object", 0) == 0);
    }
    SUBCASE("too large")
    {
        const std::string bytes(oras::k_max_manifest_bytes + 1, ' ');
        auto manifest = oras::parse_manifest(bytes);
        REQUIRE_FALSE(manifest);
        CHECK(manifest.error().code == oras::ErrorCode::too_large);
    }
}

TEST_CASE("oras::serialize_manifest")
{
    SUBCASE("member order and compactness")
    {
        const std::string bytes = oras::serialize_manifest(sample_manifest());
        const std::string expected =
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
            R"("artifactType":"application/vnd.example+type",)"
            R"("config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":")" +
            k_empty_json_digest +
            R"(","size":2,"data":"e30="},)"
            R"("layers":[{"mediaType":"application/wasm","digest":")" +
            k_abc +
            R"(","size":3,"annotations":{"a.b":"z","org.opencontainers.image.title":"filter.wasm"}}],)"
            R"("subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
            k_empty_json_digest +
            R"(","size":2},"annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"}})";
        CHECK(bytes == expected);
    }
    SUBCASE("empty members are omitted but layers is always present")
    {
        oras::Manifest manifest;
        manifest.config = oras::descriptor_of("a/b", "abc");
        CHECK(oras::serialize_manifest(manifest) ==
              R"({"schemaVersion":2,"config":{"mediaType":"a/b","digest":")" + k_abc +
                  R"(","size":3},"layers":[]})");
    }
    SUBCASE("round trip")
    {
        const oras::Manifest original = sample_manifest();
        const std::string bytes = oras::serialize_manifest(original);
        auto parsed = oras::parse_manifest(bytes);
        REQUIRE(parsed);
        CHECK(parsed->media_type == original.media_type);
        CHECK(parsed->artifact_type == original.artifact_type);
        CHECK(parsed->config == original.config);
        CHECK(parsed->layers == original.layers);
        CHECK(parsed->subject == original.subject);
        CHECK(parsed->annotations == original.annotations);
        CHECK(oras::serialize_manifest(*parsed) == bytes);
    }
}

TEST_CASE("oras::parse_index")
{
    const std::string bytes =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json",)"
        R"("manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
        k_abc +
        R"(","size":3,"platform":{"architecture":"wasm","os":"wasip1","features":["x"]}}],)"
        R"("annotations":{"k":"v"}})";

    SUBCASE("valid index with platform")
    {
        auto index = oras::parse_index(bytes);
        REQUIRE(index);
        CHECK(index->media_type == oras::media_type::oci_index);
        REQUIRE(index->manifests.size() == 1);
        REQUIRE(index->manifests[0].platform);
        CHECK(index->manifests[0].platform->architecture == "wasm");
        CHECK(index->manifests[0].platform->os == "wasip1");
        CHECK(index->annotations.at("k") == "v");
    }
    SUBCASE("serialize and round trip")
    {
        auto index = oras::parse_index(bytes);
        REQUIRE(index);
        const std::string out = oras::serialize_index(*index);
        CHECK(
            out ==
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json",)"
            R"("manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
                k_abc +
                R"(","size":3,"platform":{"architecture":"wasm","os":"wasip1"}}],)"
                R"("annotations":{"k":"v"}})");
        auto again = oras::parse_index(out);
        REQUIRE(again);
        CHECK(again->manifests == index->manifests);
    }
    SUBCASE("errors name the member")
    {
        auto index = oras::parse_index(
            R"({"schemaVersion":2,"manifests":[{"mediaType":"a","digest":"sha256:zz","size":1}]})");
        REQUIRE_FALSE(index);
        CHECK(index.error().message.rfind("index: manifests[0].digest: invalid digest", 0) == 0);
        auto manifest = oras::parse_index(manifest_with_layers(""));
        REQUIRE_FALSE(manifest);
        CHECK(manifest.error().message.find("not an index") != std::string::npos);
    }
    SUBCASE("Docker manifest list")
    {
        const std::string list =
            R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json",)"
            R"("manifests":[{"mediaType":"application/vnd.docker.distribution.manifest.v2+json",)"
            R"("size":3,"digest":")" +
            k_abc + R"(","platform":{"architecture":"arm","os":"linux","variant":"v7"}}]})";
        auto index = oras::parse_index(list, oras::media_type::docker_manifest_list);
        REQUIRE(index);
        REQUIRE(index->manifests.size() == 1);
        CHECK(index->manifests[0].platform->variant == "v7");
    }
}

TEST_CASE("oras::detect_manifest_media_type")
{
    CHECK(*oras::detect_manifest_media_type(R"({"mediaType":"x/y"})") == "x/y");
    CHECK(*oras::detect_manifest_media_type(R"({"manifests":[]})") == oras::media_type::oci_index);
    CHECK(*oras::detect_manifest_media_type(R"({"layers":[]})") == oras::media_type::oci_manifest);
    CHECK_FALSE(oras::detect_manifest_media_type("[]"));
    CHECK_FALSE(oras::detect_manifest_media_type(R"({"mediaType":1})"));
}
