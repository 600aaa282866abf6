#include "ops/destinations.hpp"

#include "test_util.hpp"

#include "oras/media_types.hpp"

#include <doctest/doctest.h>

namespace fs = std::filesystem;

namespace {

oras::Descriptor titled(const std::string& data, const std::string& title)
{
    auto desc = oras::descriptor_of("text/plain", data);
    if (!title.empty()) {
        desc.annotations[std::string(oras::annotation::title)] = title;
    }
    return desc;
}

} // namespace

TEST_CASE("ops::plan_layer_files")
{
    const auto dir = coras_test::temp_dir("destinations");
    oras::ops::PullOptions options;
    options.output_dir = dir / "out";
    const fs::path out = fs::absolute(options.output_dir).lexically_normal();

    SUBCASE("titled layers go under the output directory; untitled ones are skipped")
    {
        const auto plan = oras::ops::plan_layer_files(
            {titled("a", "a.txt"), titled("b", "sub/b.txt"), titled("c", "")}, options);
        REQUIRE(plan);
        REQUIRE(plan->files.size() == 2);
        CHECK(plan->files[0].destination == out / "a.txt");
        CHECK(plan->files[1].destination == out / "sub/b.txt");
        REQUIRE(plan->skipped.size() == 1);
        CHECK(plan->skipped[0].digest == titled("c", "").digest);
    }

    SUBCASE("the empty config is not reported as skipped")
    {
        const auto plan = oras::ops::plan_layer_files({oras::empty_descriptor()}, options);
        REQUIRE(plan);
        CHECK(plan->skipped.empty());
    }

    SUBCASE("a title escaping the directory is refused unless allowed")
    {
        for (const std::string title : {"../x", "/etc/x", "a/../../x"}) {
            CAPTURE(title);
            const auto plan = oras::ops::plan_layer_files({titled("x", title)}, options);
            REQUIRE_FALSE(plan);
            CHECK(plan.error().code == oras::ErrorCode::invalid_format);
            CHECK(plan.error().hint.find("--allow-path-traversal") != std::string::npos);
        }
        options.path_traversal = oras::ops::PathTraversal::allowed;
        const auto plan = oras::ops::plan_layer_files({titled("x", "../x")}, options);
        REQUIRE(plan);
        CHECK(plan->files[0].destination == dir / "x");
    }

    SUBCASE("a symlink in the output directory does not lead outside")
    {
        fs::create_directories(out);
        fs::create_symlink(dir, out / "link");
        const auto plan = oras::ops::plan_layer_files({titled("x", "link/x")}, options);
        REQUIRE_FALSE(plan);
        CHECK(plan.error().code == oras::ErrorCode::invalid_format);
    }

    SUBCASE("one title for two blobs is refused; the same blob twice is written once")
    {
        const auto twice =
            oras::ops::plan_layer_files({titled("a", "a.txt"), titled("b", "a.txt")}, options);
        REQUIRE_FALSE(twice);
        CHECK(twice.error().message == "layer title \"a.txt\" appears twice in the manifest");
        const auto same =
            oras::ops::plan_layer_files({titled("a", "a.txt"), titled("a", "a.txt")}, options);
        REQUIRE(same);
        CHECK(same->files.size() == 1);
    }

    SUBCASE("with Overwrite::no an existing file is refused before anything is written")
    {
        fs::create_directories(out);
        coras_test::write_file(out / "a.txt", "old");
        options.overwrite = oras::Overwrite::no;
        const auto plan = oras::ops::plan_layer_files({titled("a", "a.txt")}, options);
        REQUIRE_FALSE(plan);
        CHECK(plan.error().code == oras::ErrorCode::already_exists);
        CHECK(plan.error().message == "file " + (out / "a.txt").string() + " already exists");
        CHECK(plan.error().hint == "drop -k/--keep-old-files to overwrite it");
        options.overwrite = oras::Overwrite::yes;
        CHECK(oras::ops::plan_layer_files({titled("a", "a.txt")}, options));
    }
}

TEST_CASE("ops::plan_wasm_files")
{
    const auto dir = coras_test::temp_dir("wasm-destinations");
    oras::ops::PullOptions options;
    options.output_dir = dir;
    oras::ops::WasmArtifact artifact;
    artifact.match.layout = oras::wasm::Layout::solo;
    artifact.match.module = titled("m", "build/filter.wasm");
    artifact.match.runtime_config = titled("{}", "runtime-config.json");

    SUBCASE("the module under its title's file name, the runtime config beside it")
    {
        const auto to = oras::ops::plan_wasm_files(artifact, options);
        REQUIRE(to);
        CHECK(to->module == dir / "filter.wasm");
        CHECK(to->runtime_config == dir / "runtime-config.json");
    }

    SUBCASE("-o FILE.wasm names the module")
    {
        options.output_dir = dir / "x" / "mine.wasm";
        const auto to = oras::ops::plan_wasm_files(artifact, options);
        REQUIRE(to);
        CHECK(to->module == dir / "x" / "mine.wasm");
        CHECK(to->runtime_config == dir / "x" / "runtime-config.json");
    }

    SUBCASE("compat: plugin.wasm")
    {
        artifact.match.layout = oras::wasm::Layout::compat;
        artifact.match.runtime_config.reset();
        const auto to = oras::ops::plan_wasm_files(artifact, options);
        REQUIRE(to);
        CHECK(to->module == dir / "plugin.wasm");
    }

    SUBCASE("with Overwrite::no an existing runtime config is refused")
    {
        coras_test::write_file(dir / "runtime-config.json", "{}");
        options.overwrite = oras::Overwrite::no;
        const auto to = oras::ops::plan_wasm_files(artifact, options);
        REQUIRE_FALSE(to);
        CHECK(to.error().code == oras::ErrorCode::already_exists);
        CHECK(to.error().message ==
              "file " + (dir / "runtime-config.json").string() + " already exists");
        // An artifact without a runtime config does not care.
        artifact.match.runtime_config.reset();
        CHECK(oras::ops::plan_wasm_files(artifact, options));
    }
}
