#include "wasm/artifact_files.hpp"

#include "oras/media_types.hpp"

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
