#include "display/wasm_view.hpp"

#include "test_util.hpp"
#include "test_wasm_modules.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace {

oras::ops::WasmModuleReport example_report()
{
    const auto path = coras_test::temp_dir("wasm_view") / "filter.wasm";
    coras_test::write_file(path, coras_test::bytes_of(coras_test::k_example_filter));
    auto report = oras::ops::inspect_wasm_file(path);
    REQUIRE(report);
    report->file = "filter.wasm";
    return *report;
}

} // namespace

TEST_CASE("coras::wasm_module_text")
{
    const auto report = example_report();
    const auto text = coras::wasm_module_text(report);
    CHECK(text.find("Module:     filter.wasm, core module, 1003 B, " + report.digest.str() +
                    "\n") == 0);
    CHECK(text.find("\nABI:        proxy-wasm 0.2.1\n") != std::string::npos);
    CHECK(text.find("\nEnvoy:      loads it: ") != std::string::npos);
    CHECK(text.find("\nImports:    2\n  env.proxy_log function (i32, i32, i32) -> i32\n") !=
          std::string::npos);
    CHECK(text.find("\nExports:    7\n  proxy_abi_version_0_2_1 function () -> ()\n") !=
          std::string::npos);
}

TEST_CASE("coras::wasm_module_json")
{
    const auto report = example_report();
    const auto json = nlohmann::json::parse(coras::wasm_module_json(report));
    const auto& module = json["wasm"]["module"];
    CHECK(module["file"] == "filter.wasm");
    CHECK(module["kind"] == "core");
    CHECK(module["size"] == 1003);
    CHECK(module["digest"] == report.digest.str());
    CHECK(module["proxyWasm"] == true);
    CHECK(module["imports"].size() == 2);
    CHECK(module["imports"][0]["module"] == "env");
    CHECK(module["imports"][0]["name"] == "proxy_log");
    CHECK_FALSE(module.contains("componentImports"));
}

TEST_CASE("coras::append_wasm_artifact_text")
{
    oras::ops::WasmArtifactReport report;
    report.layout = oras::wasm::Layout::cncf;
    report.wasm_plugin_sha256 = "ab12";
    report.istio.reason = "no layer Istio can use";
    report.warnings = {"a warning"};
    std::string text;
    coras::append_wasm_artifact_text(text, report);
    CHECK(text == "Wasm:\n  Layout:     " + std::string(oras::wasm::to_string(report.layout)) +
                      "\n  Istio:      does not load it: no layer Istio can use\n"
                      "  WasmPlugin sha256: ab12\n  Warning:    a warning\n");

    report.istio = {true, "1.12 and later", ""};
    const auto json = coras::wasm_artifact_to_json(report);
    CHECK(json["istio"]["loads"] == true);
    CHECK(json["istio"]["versions"] == "1.12 and later");
    CHECK_FALSE(json["istio"].contains("reason"));
    CHECK(json["module"].is_null());
}
