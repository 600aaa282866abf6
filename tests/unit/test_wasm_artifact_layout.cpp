// Layout recognition (wasm-formats.md §10.1) and Istio's loading rules (§4.3).
#include "oras/media_types.hpp"
#include "oras/wasm_artifact.hpp"

#include <doctest/doctest.h>

using namespace oras;
using wasm::Layout;

namespace {

Descriptor blob(std::string_view type, std::string_view content, std::string title = "")
{
    Descriptor desc = descriptor_of(type, content);
    if (!title.empty()) {
        desc.annotations[std::string(annotation::title)] = title;
    }
    return desc;
}

const Descriptor k_module = blob(media_type::wasm_solo_layer, "\0asm-module", "filter.wasm");
const Descriptor k_runtime = blob(media_type::wasm_solo_config, R"({"type":"envoy_proxy"})");

Manifest manifest_of(Descriptor config, std::vector<Descriptor> layers)
{
    Manifest manifest;
    manifest.media_type = std::string(media_type::oci_manifest);
    manifest.config = std::move(config);
    manifest.layers = std::move(layers);
    return manifest;
}

wasm::LayoutMatch detect(const Manifest& manifest, std::string_view type = media_type::oci_manifest)
{
    auto match = wasm::detect_layout(manifest, type);
    REQUIRE(match);
    return *match;
}

} // namespace

TEST_CASE("wasm::detect_layout")
{
    SUBCASE("solo, two layers: the module and the runtime config")
    {
        const auto match = detect(manifest_of(k_runtime, {k_runtime, k_module}));
        CHECK(match.layout == Layout::solo);
        CHECK(match.module == k_module);
        CHECK(match.runtime_config == k_runtime);
        CHECK(match.warnings.empty());
    }
    SUBCASE("the ASM guide's one layer: solo-1layer with Istio's complaint")
    {
        const auto match = detect(manifest_of(k_runtime, {k_module}));
        CHECK(match.layout == Layout::solo_1layer);
        CHECK(match.runtime_config == k_runtime);
        REQUIRE(match.warnings.size() == 1);
        CHECK(match.warnings[0].find("number of layers must be 2 but got 1") != std::string::npos);
    }
    SUBCASE("legacy vnd.io.solo names")
    {
        const auto old_layer =
            blob("application/vnd.io.solo.wasm.content.layer.v1+wasm", "\0asm-old", "f.wasm");
        const auto old_config = blob("application/vnd.io.solo.wasm.config.v1+json", "{}");
        const auto match = detect(manifest_of(old_config, {old_config, old_layer}));
        CHECK(match.layout == Layout::solo);
        CHECK(match.runtime_config == old_config);
    }
    SUBCASE("cncf: exactly one application/wasm layer")
    {
        const auto config = blob(media_type::wasm_cncf_config, "{}");
        const auto layer = blob(media_type::wasm_cncf_layer, "\0asm-cncf");
        CHECK(detect(manifest_of(config, {layer})).layout == Layout::cncf);
        const auto broken =
            wasm::detect_layout(manifest_of(config, {layer, layer}), media_type::oci_manifest);
        REQUIRE_FALSE(broken);
        CHECK(broken.error().code == ErrorCode::invalid_format);
    }
    SUBCASE("wasm-to-oci and a generic application/wasm layer")
    {
        const auto w2o = blob(media_type::wasm_to_oci_layer, "\0asm-w2o");
        CHECK(detect(manifest_of(blob(media_type::wasm_to_oci_config, "{}"), {w2o})).layout ==
              Layout::wasm_to_oci);
        const auto generic = blob(media_type::wasm_cncf_layer, "\0asm-generic", "m.wasm");
        CHECK(detect(manifest_of(empty_descriptor(), {generic})).layout == Layout::generic);
    }
    SUBCASE("compat: an untitled tar+gzip last layer; Docker and OCI pairings")
    {
        const auto config = blob(media_type::oci_config, "{}");
        const auto oci_layer = blob(media_type::oci_layer_tar_gzip, "gz");
        CHECK(detect(manifest_of(config, {oci_layer})).layout == Layout::compat);
        const auto docker_layer = blob(media_type::docker_layer_tar_gzip, "gz");
        const auto docker =
            detect(manifest_of(config, {docker_layer}), media_type::docker_manifest);
        CHECK(docker.layout == Layout::compat_docker);
        CHECK(docker.warnings.empty());
        const auto mixed = detect(manifest_of(config, {docker_layer}));
        CHECK(mixed.warnings.size() == 1);
        const auto two =
            detect(manifest_of(config, {blob(media_type::oci_layer_tar_gzip, "a"), oci_layer}));
        CHECK(two.module == oci_layer);
        CHECK(two.warnings.size() == 1);
    }
    SUBCASE("not Wasm: plain files, and a titled tarball oras pushed")
    {
        const auto text = blob("text/plain", "hello", "a.txt");
        CHECK(detect(manifest_of(empty_descriptor(), {text})).layout == Layout::none);
        const auto tarball = blob(media_type::oci_layer_tar_gzip, "gz", "dir.tar.gz");
        CHECK(detect(manifest_of(empty_descriptor(), {tarball})).layout == Layout::none);
    }
}

TEST_CASE("wasm::istio_verdict")
{
    const auto oci = media_type::oci_manifest;
    CHECK(wasm::istio_verdict(manifest_of(k_runtime, {k_runtime, k_module}), oci).loads);
    const auto one = wasm::istio_verdict(manifest_of(k_runtime, {k_module}), oci);
    CHECK_FALSE(one.loads);
    CHECK(one.reason == "number of layers must be 2 but got 1");
    const auto text = blob("text/plain", "x");
    CHECK(wasm::istio_verdict(manifest_of(k_runtime, {k_runtime, text}), oci).reason ==
          "no layer of type application/vnd.module.wasm.content.layer.v1+wasm");
    const auto gz = blob(media_type::oci_layer_tar_gzip, "gz");
    const auto compat = wasm::istio_verdict(manifest_of(k_runtime, {gz}), oci);
    CHECK(compat.loads);
    CHECK(compat.versions == "1.12 and later");
    CHECK(wasm::istio_verdict(manifest_of(k_runtime, {text, gz}), oci).versions.find("1.16") !=
          std::string::npos);
    // Docker manifests only take the Docker layer type.
    CHECK_FALSE(
        wasm::istio_verdict(manifest_of(k_runtime, {gz}), media_type::docker_manifest).loads);
    const auto cncf = blob(media_type::wasm_cncf_layer, "m");
    CHECK(wasm::istio_verdict(manifest_of(blob(media_type::wasm_cncf_config, "{}"), {cncf}), oci)
              .reason == "number of layers must be 2 but got 1");
    const auto big = wasm::istio_verdict(
        manifest_of(k_runtime, {k_runtime, k_module}), oci, wasm::k_istio_max_module_bytes + 1);
    CHECK_FALSE(big.loads);
    CHECK(big.reason.find("256 MiB") != std::string::npos);
}

TEST_CASE("wasm::select_manifest and push formats")
{
    const auto entry = [](std::string os, std::string arch) {
        Descriptor desc = descriptor_of(media_type::oci_manifest, os + arch);
        desc.platform = Platform{arch, os, "", {}, ""};
        return desc;
    };
    Index index;
    index.manifests = {entry("linux", "arm64"), entry("linux", "amd64")};
    std::string warning;
    CHECK(wasm::select_manifest(index, warning)->platform->architecture == "amd64");
    CHECK(warning.empty());
    index.manifests = {entry("wasip1", "wasm"), entry("linux", "arm64")};
    CHECK(wasm::select_manifest(index, warning)->platform->architecture == "wasm");
    CHECK_FALSE(warning.empty());
    index.manifests = {entry("linux", "arm64"), entry("linux", "s390x")};
    CHECK(wasm::select_manifest(index, warning).error().code == ErrorCode::not_found);

    CHECK(*wasm::parse_push_format("wasm-to-oci") == wasm::PushFormat::wasm_to_oci);
    CHECK(wasm::to_string(*wasm::parse_push_format("compat")) == "compat");
    CHECK(wasm::parse_push_format("docker").error().code == ErrorCode::invalid_argument);
}
