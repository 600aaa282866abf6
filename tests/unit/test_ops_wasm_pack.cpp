// Wasm packing (push) and Wasm pulls, round-tripped through the in-memory store.
#include "ops/pack.hpp"
#include "oras/manifest.hpp"
#include "oras/media_types.hpp"
#include "oras/memory_store.hpp"
#include "oras/ops/pull.hpp"
#include "oras/ops/push.hpp"

#include "ops_test_support.hpp"
#include "test_util.hpp"
#include "test_wasm_modules.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using namespace oras;
namespace fs = std::filesystem;

namespace {

const std::string k_module(reinterpret_cast<const char*>(coras_test::k_example_filter),
                           coras_test::k_example_filter_name_section);

struct Workspace
{
    fs::path dir = coras_test::temp_dir("wasm_pack");
    fs::path module = dir / "filter.wasm";
    Workspace() { coras_test::write_file(module, k_module); }

    ops::PushOptions options(wasm::PushFormat format) const
    {
        ops::PushOptions options;
        options.files = {ops::FileSpec{module, ""}};
        options.wasm.format = format;
        options.source_date_epoch = 1700000000;
        options.path_validation = ops::PathValidation::disabled;
        return options;
    }
};

Manifest parsed(const ops::PackedManifest& packed)
{
    auto manifest = parse_manifest(packed.bytes, media_type::oci_manifest);
    REQUIRE(manifest);
    return *manifest;
}

} // namespace

TEST_CASE("ops::is_wasm_push")
{
    Workspace ws;
    auto options = ws.options(wasm::PushFormat::solo);
    CHECK(*ops::is_wasm_push(options));
    options.files[0].media_type = std::string(media_type::wasm_solo_layer);
    CHECK_FALSE(*ops::is_wasm_push(options)); // explicit media types keep oras's meaning
    coras_test::write_file(ws.dir / "notes.txt", "hello");
    options = ws.options(wasm::PushFormat::solo);
    options.files = {ops::FileSpec{ws.dir / "notes.txt", ""}};
    CHECK_FALSE(*ops::is_wasm_push(options));
    options.wasm.packing = ops::WasmPacking::required;
    CHECK(*ops::is_wasm_push(options)); // then pack_wasm refuses it as not Wasm
    CHECK(ops::pack_wasm(options).error().code == ErrorCode::invalid_format);
}

TEST_CASE("ops::pack_wasm formats")
{
    Workspace ws;
    SUBCASE("solo: runtime config as config and first layer, module second")
    {
        auto options = ws.options(wasm::PushFormat::solo);
        options.wasm.root_ids = {"my_root"};
        const auto packed = ops::pack_wasm(options);
        REQUIRE(packed);
        const Manifest m = parsed(*packed);
        CHECK(m.config.media_type == media_type::wasm_solo_config);
        REQUIRE(m.layers.size() == 2);
        CHECK(m.layers[0] == m.config);
        CHECK(m.layers[1].media_type == media_type::wasm_solo_layer);
        CHECK(m.layers[1].title() == "filter.wasm");
        CHECK(m.annotations.at("module.wasm.runtime/abi_version") == "v0.2.1");
        CHECK(m.annotations.at("module.wasm.runtime/type") == "envoy_proxy");
        CHECK(
            packed->blobs[0].bytes ==
            R"({"type":"envoy_proxy","abiVersions":["v0.2.1"],"config":{"rootIds":["my_root"]}})");
        CHECK(packed->warnings.empty());
    }
    SUBCASE("compat: one tar+gzip layer and an image config whose diff_id fits")
    {
        const auto packed = ops::pack_wasm(ws.options(wasm::PushFormat::compat));
        REQUIRE(packed);
        const Manifest m = parsed(*packed);
        CHECK(m.config.media_type == media_type::oci_config);
        REQUIRE(m.layers.size() == 1);
        CHECK(m.layers[0].media_type == media_type::oci_layer_tar_gzip);
        CHECK(m.annotations.at("module.wasm.image/variant") == "compat");
        const auto config = nlohmann::json::parse(packed->blobs[0].bytes);
        CHECK(config["os"] == "linux");
        CHECK(config["rootfs"]["diff_ids"].size() == 1);
        CHECK(sha256_of_file(packed->blobs[1].path)->digest == m.layers[0].digest);
    }
    SUBCASE("cncf and wasm-to-oci: Istio will not load them, and --config does not apply")
    {
        for (const auto format : {wasm::PushFormat::cncf, wasm::PushFormat::wasm_to_oci}) {
            auto options = ws.options(format);
            const auto packed = ops::pack_wasm(options);
            REQUIRE(packed);
            CHECK(parsed(*packed).layers.size() == 1);
            CHECK(packed->warnings.size() == 1);
            options.config = ops::FileSpec{ws.module, ""};
            CHECK(ops::pack_wasm(options).error().code == ErrorCode::invalid_argument);
        }
        const auto cncf = ops::pack_wasm(ws.options(wasm::PushFormat::cncf));
        const auto config = nlohmann::json::parse(cncf->blobs[0].bytes);
        CHECK(config["os"] == "wasip1");
        CHECK(config["architecture"] == "wasm");
        CHECK(config["layerDigests"][0] == parsed(*cncf).layers[0].digest.str());
        CHECK(config["created"] == "2023-11-14T22:13:20Z");
    }
    SUBCASE("the same module and flags give the same digest")
    {
        for (const auto format : {wasm::PushFormat::solo,
                                  wasm::PushFormat::compat,
                                  wasm::PushFormat::cncf,
                                  wasm::PushFormat::wasm_to_oci}) {
            CHECK(ops::pack_wasm(ws.options(format))->desc.digest ==
                  ops::pack_wasm(ws.options(format))->desc.digest);
        }
    }
    SUBCASE("a module Envoy would refuse is not packed unless told")
    {
        coras_test::write_file(ws.module, std::string("\0asm\1\0\0\0", 8));
        auto options = ws.options(wasm::PushFormat::solo);
        const auto refused = ops::pack_wasm(options);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().message.find("not a proxy-wasm filter") != std::string::npos);
        options.wasm.check = ops::ModuleCheck::none;
        CHECK(ops::pack_wasm(options));
        coras_test::write_file(ws.module, std::string("\0asm\1\0\0\0\1\5", 10));
        const auto corrupt = ops::pack_wasm(options);
        REQUIRE_FALSE(corrupt);
        CHECK(corrupt.error().message.find("offset 0x8") != std::string::npos);
    }
}

TEST_CASE("ops::push then ops::pull of each Wasm format")
{
    Workspace ws;
    for (const auto format : {wasm::PushFormat::solo,
                              wasm::PushFormat::compat,
                              wasm::PushFormat::cncf,
                              wasm::PushFormat::wasm_to_oci}) {
        CAPTURE(wasm::to_string(format));
        auto opened = coras_test::memory_target({"v1"});
        auto& store = opened.target;
        const auto pushed = ops::push(opened, ws.options(format));
        REQUIRE(pushed);
        ops::PullOptions pull_options;
        pull_options.output_dir = ws.dir / ("out-" + std::string(wasm::to_string(format)));
        const auto pulled = ops::pull(*store, "v1", pull_options);
        REQUIRE_MESSAGE(pulled, (pulled ? "" : pulled.error().message));
        CHECK(pulled->layout == pushed->layout);
        const bool compat = format == wasm::PushFormat::compat;
        const fs::path module = pull_options.output_dir / (compat ? "plugin.wasm" : "filter.wasm");
        CHECK(coras_test::read_file(module) == k_module);
        CHECK(fs::exists(pull_options.output_dir / "runtime-config.json") ==
              (format == wasm::PushFormat::solo));
    }
    SUBCASE("-o FILE.wasm names the module's file")
    {
        auto opened = coras_test::memory_target({"v1"});
        auto& store = opened.target;
        REQUIRE(ops::push(opened, ws.options(wasm::PushFormat::compat)));
        ops::PullOptions pull_options;
        pull_options.output_dir = ws.dir / "single" / "mine.wasm";
        REQUIRE(ops::pull(*store, "v1", pull_options));
        CHECK(coras_test::read_file(pull_options.output_dir) == k_module);
    }
    SUBCASE("-k refuses before anything is written: no module without its config")
    {
        auto opened = coras_test::memory_target({"v1"});
        auto& store = opened.target;
        REQUIRE(ops::push(opened, ws.options(wasm::PushFormat::solo)));
        const fs::path out = ws.dir / "keep";
        fs::create_directories(out);
        coras_test::write_file(out / "runtime-config.json", "another filter's config");
        ops::PullOptions pull_options;
        pull_options.output_dir = out;
        pull_options.overwrite = Overwrite::no;
        const auto pulled = ops::pull(*store, "v1", pull_options);
        REQUIRE_FALSE(pulled);
        CHECK(pulled.error().code == ErrorCode::already_exists);
        CHECK_FALSE(fs::exists(out / "filter.wasm"));
        CHECK(coras_test::read_file(out / "runtime-config.json") == "another filter's config");
    }
}

TEST_CASE("ops::pack_wasm refuses a runtime config whose type is not a string")
{
    Workspace ws;
    coras_test::write_file(ws.dir / "rc.json", R"({"type":5})");
    auto options = ws.options(wasm::PushFormat::solo);
    options.config = ops::FileSpec{ws.dir / "rc.json", ""};
    const auto packed = ops::pack_wasm(options);
    REQUIRE_FALSE(packed);
    CHECK(packed.error().code == ErrorCode::invalid_format);
}

TEST_CASE("ops::pack_wasm refuses a runtime config that is not JSON or nested too deeply")
{
    Workspace ws;
    const fs::path path = ws.dir / "rc.json";
    auto options = ws.options(wasm::PushFormat::solo);
    options.config = ops::FileSpec{path, ""};
    const auto nested = [](std::size_t depth) {
        return R"({"type":"envoy_proxy","config":)" + std::string(depth, '[') +
               std::string(depth, ']') + "}";
    };
    coras_test::write_file(path, nested(63));
    CHECK(ops::pack_wasm(options));
    coras_test::write_file(path, nested(64));
    const auto deep = ops::pack_wasm(options);
    REQUIRE_FALSE(deep);
    CHECK(deep.error().code == ErrorCode::invalid_format);
    CHECK(deep.error().message ==
          "config file " + path.string() + ": nested deeper than 64 levels");
    coras_test::write_file(path, R"({"type":)");
    const auto truncated = ops::pack_wasm(options);
    REQUIRE_FALSE(truncated);
    CHECK(truncated.error().message.rfind(
              "config file " + path.string() + ": not valid JSON at byte 9: ", 0) == 0);
    coras_test::write_file(path, "[]");
    const auto array = ops::pack_wasm(options);
    REQUIRE_FALSE(array);
    CHECK(array.error().message == "config file " + path.string() + " is not a JSON object");
}
