#include "wasm/artifact_files.hpp"

#include "archive/tar_gzip.hpp"
#include "content/hashing_sink.hpp"
#include "oras/media_types.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

#include <utility>
#include <vector>

namespace {

oras::Descriptor titled(const std::string& data,
                        const std::string& title,
                        std::string_view media_type = "application/wasm")
{
    auto desc = oras::descriptor_of(media_type, data);
    if (!title.empty()) {
        desc.annotations[std::string(oras::annotation::title)] = title;
    }
    return desc;
}

} // namespace

TEST_CASE("wasm::module_file_name")
{
    oras::wasm::LayoutMatch match;
    match.layout = oras::wasm::Layout::solo;
    // Not a structured binding: clang 14 cannot capture one in CAPTURE's lambda.
    for (const auto& row :
         std::vector<std::pair<std::string, std::string>>{{"filter.wasm", "filter.wasm"},
                                                          {"a/b/filter.wasm", "filter.wasm"},
                                                          {"", "module.wasm"},
                                                          {"..", "module.wasm"},
                                                          {"dir/", "module.wasm"},
                                                          {"runtime-config.json", "module.wasm"}}) {
        const std::string& title = row.first;
        const std::string& expected = row.second;
        CAPTURE(title);
        match.module = titled("m", title);
        CHECK(oras::wasm::module_file_name(match) == expected);
    }
    match.layout = oras::wasm::Layout::compat_docker;
    CHECK(oras::wasm::module_file_name(match) == "plugin.wasm");
}

TEST_CASE("wasm::MagicCheckingSink")
{
    oras::StringSink inner(1024);
    oras::wasm::MagicCheckingSink sink(inner, "layer X");

    SUBCASE("passes a module on, split at any byte")
    {
        REQUIRE(sink.write(std::string_view("\0a", 2)));
        REQUIRE(sink.write("sm\x01"));
        CHECK(sink.finish());
        CHECK(inner.take() == std::string("\0asm\x01", 5));
    }

    SUBCASE("fails at the first byte that is not the magic")
    {
        const auto written = sink.write("\x7f"
                                        "ELF");
        REQUIRE_FALSE(written);
        CHECK(written.error().code == oras::ErrorCode::invalid_format);
        CHECK(written.error().message ==
              "layer X is not a WebAssembly module (it does not start with \\0asm)");
        CHECK(inner.take().empty());
    }

    SUBCASE("fails on fewer than four bytes")
    {
        REQUIRE(sink.write(std::string_view("\0a", 2)));
        CHECK_FALSE(sink.finish());
    }
}

TEST_CASE("wasm::match_module_artifact")
{
    oras::Manifest manifest;
    manifest.config = oras::empty_descriptor();
    auto module = titled("\0asm", "filter.wasm");
    module.media_type = std::string(oras::media_type::wasm_solo_layer);

    SUBCASE("the module alone")
    {
        manifest.layers = {module};
        const auto match =
            oras::wasm::match_module_artifact(manifest, oras::media_type::oci_manifest);
        REQUIRE(match);
        REQUIRE(*match);
        CHECK((*match)->layout == oras::wasm::Layout::solo_1layer);
    }

    SUBCASE("with another layer: not pulled as a module")
    {
        manifest.layers = {module, titled("notes", "notes.txt", "text/plain")};
        const auto match =
            oras::wasm::match_module_artifact(manifest, oras::media_type::oci_manifest);
        REQUIRE(match);
        CHECK_FALSE(*match);
    }

    SUBCASE("no Wasm at all")
    {
        manifest.layers = {titled("notes", "notes.txt", "text/plain")};
        const auto match =
            oras::wasm::match_module_artifact(manifest, oras::media_type::oci_manifest);
        REQUIRE(match);
        CHECK_FALSE(*match);
    }
}

TEST_CASE("wasm::extract_compat_layer and its limits")
{
    const auto dir = coras_test::temp_dir("compat_layer");
    const std::string module("\0asm\1\0\0\0", 8);
    coras_test::write_file(dir / "module.wasm", module);
    coras_test::write_file(dir / "config.json", R"({"type":"envoy_proxy"})");
    REQUIRE(oras::archive::write_tar_gzip(
        {{"plugin.wasm", dir / "module.wasm"}, {"runtime-config.json", dir / "config.json"}},
        dir / "layer.tar.gz"));
    const auto layer = oras::descriptor_of(oras::media_type::oci_layer_tar_gzip,
                                           coras_test::read_file(dir / "layer.tar.gz"));

    SUBCASE("with Istio's limit: module and runtime config")
    {
        oras::StringSink got_module(1024);
        oras::StringSink got_config(1024);
        const auto found =
            oras::wasm::extract_compat_layer(dir / "layer.tar.gz", layer, got_module, got_config);
        REQUIRE(found);
        CHECK(*found == oras::wasm::RuntimeConfig::present);
        CHECK(got_module.str() == module);
    }
    SUBCASE("a module over the limit given")
    {
        oras::StringSink got_module(1024);
        oras::DiscardSink got_config;
        const auto found = oras::wasm::extract_compat_layer(
            dir / "layer.tar.gz", layer, {got_module, got_config, 7});
        REQUIRE_FALSE(found);
        CHECK(found.error().code == oras::ErrorCode::too_large);
    }
    SUBCASE("a layer too large to hold a module within the limit is refused unread")
    {
        oras::Descriptor big = layer;
        big.size = 2 * oras::wasm::k_istio_max_module_bytes + 1;
        const auto refused =
            oras::wasm::check_compat_layer_size(big, oras::wasm::k_istio_max_module_bytes);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == oras::ErrorCode::too_large);
        CHECK(refused.error().message.find("a compat layer over 536870912 bytes") !=
              std::string::npos);
        big.size = 2 * oras::wasm::k_istio_max_module_bytes;
        CHECK(oras::wasm::check_compat_layer_size(big, oras::wasm::k_istio_max_module_bytes));
    }
}
