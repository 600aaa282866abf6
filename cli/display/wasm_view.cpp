#include "display/wasm_view.hpp"

#include "display/printable.hpp"

#include <fmt/format.h>

namespace coras {

namespace {

using oras::ops::WasmArtifactReport;
using oras::ops::WasmModuleReport;
namespace wasm = oras::wasm;

std::string_view kind_name(wasm::ModuleKind kind)
{
    return kind == wasm::ModuleKind::core ? "core" : "component";
}

std::string abi_text(const wasm::ProxyWasmReport& proxy)
{
    return proxy.abi_version.empty() ? std::string("none") : "proxy-wasm " + proxy.abi_version;
}

} // namespace

OrderedJson wasm_module_to_json(const WasmModuleReport& module)
{
    const auto& info = module.info;
    const auto& proxy = module.proxy;
    OrderedJson out;
    out["file"] = module.file;
    out["kind"] = kind_name(info.kind);
    out["version"] = info.version;
    out["size"] = module.size;
    out["digest"] = module.digest.str();
    out["abiVersion"] = proxy.abi_version;
    out["proxyWasm"] = proxy.ok();
    out["filterType"] = std::string(wasm::to_string(proxy.filter_type));
    out["pluginType"] = proxy.suggested_plugin_type;
    out["startup"] = std::string(wasm::to_string(proxy.startup));
    out["problems"] = proxy.problems;
    out["warnings"] = proxy.warnings;
    OrderedJson imports = OrderedJson::array();
    for (const auto& import : info.imports) {
        imports.push_back({{"module", import.module},
                           {"name", import.name},
                           {"kind", std::string(wasm::to_string(import.kind))},
                           {"signature", info.signature(import)}});
    }
    out["imports"] = imports;
    OrderedJson exports = OrderedJson::array();
    for (const auto& exported : info.exports) {
        exports.push_back({{"name", exported.name},
                           {"kind", std::string(wasm::to_string(exported.kind))},
                           {"signature", info.signature(exported)}});
    }
    out["exports"] = exports;
    OrderedJson custom = OrderedJson::array();
    for (const auto& section : info.custom_sections) {
        custom.push_back(section.name);
    }
    out["customSections"] = custom;
    OrderedJson producers = OrderedJson::object();
    for (const auto& field : info.producers) {
        OrderedJson values = OrderedJson::array();
        for (const auto& value : field.values) {
            values.push_back({{"name", value.name}, {"version", value.version}});
        }
        producers[field.name] = values;
    }
    out["producers"] = producers;
    if (info.component) {
        out["componentImports"] = info.component->imports;
        out["componentExports"] = info.component->exports;
    }
    return out;
}

OrderedJson wasm_artifact_to_json(const WasmArtifactReport& report)
{
    OrderedJson out;
    out["layout"] = std::string(wasm::to_string(report.layout));
    OrderedJson istio = {{"loads", report.istio.loads}};
    if (report.istio.loads) {
        istio["versions"] = report.istio.versions;
    } else {
        istio["reason"] = report.istio.reason;
    }
    out["istio"] = istio;
    out["wasmPluginSha256"] = report.wasm_plugin_sha256;
    out["warnings"] = report.warnings;
    out["module"] = report.module ? wasm_module_to_json(*report.module) : OrderedJson(nullptr);
    return out;
}

void append_wasm_module_text(std::string& out,
                             const WasmModuleReport& module,
                             std::string_view indent)
{
    const auto& info = module.info;
    const auto& proxy = module.proxy;
    out += fmt::format("{}Module:     {}, {} module, {} B, {}\n",
                       indent,
                       printable(module.file),
                       kind_name(info.kind),
                       module.size,
                       module.digest.str());
    out += fmt::format("{}ABI:        {}\n", indent, abi_text(proxy));
    if (proxy.ok()) {
        std::string facts(wasm::to_string(proxy.filter_type));
        if (proxy.startup != wasm::Startup::none) {
            facts += std::string(", starts as ") + std::string(wasm::to_string(proxy.startup));
        }
        if (!proxy.suggested_plugin_type.empty()) {
            facts += ", WasmPlugin type " + proxy.suggested_plugin_type;
        }
        out += fmt::format("{}Envoy:      loads it: {}\n", indent, facts);
    } else {
        out += fmt::format("{}Envoy:      would refuse it:\n", indent);
        for (const auto& problem : proxy.problems) {
            out += fmt::format("{}  - {}\n", indent, printable(problem));
        }
    }
    for (const auto& warning : proxy.warnings) {
        out += fmt::format("{}Warning:    {}\n", indent, printable(warning));
    }
    out += fmt::format("{}Imports:    {}\n", indent, info.imports.size());
    for (const auto& import : info.imports) {
        out += fmt::format("{}  {}.{} {} {}\n",
                           indent,
                           printable(import.module),
                           printable(import.name),
                           wasm::to_string(import.kind),
                           info.signature(import));
    }
    out += fmt::format("{}Exports:    {}\n", indent, info.exports.size());
    for (const auto& exported : info.exports) {
        out += fmt::format("{}  {} {} {}\n",
                           indent,
                           printable(exported.name),
                           wasm::to_string(exported.kind),
                           info.signature(exported));
    }
    if (!info.custom_sections.empty()) {
        std::string names;
        for (const auto& section : info.custom_sections) {
            names += (names.empty() ? "" : ", ") + printable(section.name);
        }
        out += fmt::format("{}Custom sections: {}\n", indent, names);
    }
    for (const auto& field : info.producers) {
        std::string values;
        for (const auto& value : field.values) {
            values += (values.empty() ? "" : ", ") + printable(value.name) +
                      (value.version.empty() ? "" : " " + printable(value.version));
        }
        out += fmt::format("{}Producers ({}): {}\n", indent, printable(field.name), values);
    }
}

void append_wasm_artifact_text(std::string& out, const WasmArtifactReport& report)
{
    out += "Wasm:\n";
    out += fmt::format("  Layout:     {}\n", wasm::to_string(report.layout));
    if (report.istio.loads) {
        out += fmt::format("  Istio:      loads it ({})\n", report.istio.versions);
    } else {
        out += fmt::format("  Istio:      does not load it: {}\n", report.istio.reason);
    }
    out += fmt::format("  WasmPlugin sha256: {}\n", report.wasm_plugin_sha256);
    for (const auto& warning : report.warnings) {
        out += fmt::format("  Warning:    {}\n", warning);
    }
    if (report.module) {
        append_wasm_module_text(out, *report.module, "  ");
    }
}

std::string wasm_module_json(const WasmModuleReport& module)
{
    OrderedJson out;
    out["wasm"] = {{"module", wasm_module_to_json(module)}};
    return out.dump(2);
}

std::string wasm_module_text(const WasmModuleReport& module)
{
    std::string out;
    append_wasm_module_text(out, module, "");
    return out;
}

} // namespace coras
