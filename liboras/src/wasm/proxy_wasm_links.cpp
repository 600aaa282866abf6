#include "wasm/proxy_wasm_links.hpp"

#include <string>

namespace oras::wasm {

namespace {

constexpr std::string_view k_callback_prefix = "proxy_on_";
constexpr std::string_view k_marker_prefix = "proxy_abi_version_";

// What a table says about one name and signature.
struct Lookup
{
    bool known = false;        // some entry has the name
    bool in_abi = false;       // some entry with the name is for an ABI in `abis`
    bool matches = false;      // one of those has the signature
    std::string_view expected; // the signature of the first of those
    AbiSet abis_with_name = 0; // every ABI that has the name
};

Lookup lookup(std::span<const AbiFunction> table,
              std::string_view name,
              std::string_view signature,
              AbiSet abis)
{
    Lookup result;
    for (const AbiFunction& function : table) {
        if (function.name != name) {
            continue;
        }
        result.known = true;
        result.abis_with_name |= function.abis;
        if ((function.abis & abis) == 0) {
            continue;
        }
        if (!result.in_abi) {
            result.expected = function.signature;
        }
        result.in_abi = true;
        result.matches = result.matches || function.signature == signature;
    }
    return result;
}

// "for ABI 0.2.1", or nothing when the ABI is unknown.
std::string for_abi(AbiSet abis)
{
    return abis == k_abi_all ? std::string() : " for ABI " + std::string(describe_abis(abis));
}

bool starts_with(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

void check_function_import(const Import& import, AbiSet abis, ProxyWasmReport& report)
{
    const std::string full = import.module + "." + import.name;
    const std::string missing = "Failed to load Wasm module due to a missing import: " + full;
    if (!is_host_module(import.module)) {
        report.problems.push_back(missing + ": the host registers functions only in env, "
                                            "wasi_snapshot_preview1 and wasi_unstable.");
        return;
    }
    const Lookup found = lookup(host_functions(import.module), import.name, import.signature, abis);
    if (!found.known) {
        report.problems.push_back(missing + ": Envoy's proxy-wasm host does not provide it.");
    } else if (!found.in_abi) {
        report.problems.push_back(missing + ": the host provides it only for ABI " +
                                  std::string(describe_abis(found.abis_with_name)) + ", not " +
                                  std::string(describe_abis(abis)) + ".");
    } else if (!found.matches) {
        report.problems.push_back(
            "Failed to load Wasm module due to an import type mismatch: " + full +
            " is imported as " + import.signature + " but the host provides " +
            std::string(found.expected) + for_abi(abis) + ".");
    }
}

void check_callback(const Export& entry, AbiSet abis, ProxyWasmReport& report)
{
    const Lookup found = lookup(module_callbacks(), entry.name, entry.signature, abis);
    if (!found.known) {
        if (starts_with(entry.name, k_callback_prefix)) {
            report.warnings.push_back(entry.name + " is not a callback Envoy's proxy-wasm host "
                                                   "knows; it is never called.");
        }
    } else if (!found.in_abi) {
        report.warnings.push_back(entry.name + " is a callback of ABI " +
                                  std::string(describe_abis(found.abis_with_name)) +
                                  " only; with ABI " + std::string(describe_abis(abis)) +
                                  " the host never calls it.");
    } else if (!found.matches) {
        report.problems.push_back("Bad function signature for: " + entry.name + ": exported as " +
                                  entry.signature + ", the host expects " +
                                  std::string(found.expected) + for_abi(abis) + ".");
    }
}

} // namespace

void check_imports(const ModuleInfo& module, AbiSet abis, ProxyWasmReport& report)
{
    for (const Import& import : module.imports) {
        const std::string full = import.module + "." + import.name;
        switch (import.kind) {
        case ExternalKind::function:
            check_function_import(import, abis, report);
            break;
        case ExternalKind::global:
            report.problems.push_back("imports global " + full + " (" + import.signature +
                                      "); Envoy's proxy-wasm host rejects global imports.");
            break;
        case ExternalKind::tag:
            report.problems.push_back("Failed to load Wasm module due to a missing import: " +
                                      full + ": the host provides no tags.");
            break;
        case ExternalKind::memory:
        case ExternalKind::table:
            break; // created by the host
        }
    }
}

void check_callbacks(const ModuleInfo& module, AbiSet abis, ProxyWasmReport& report)
{
    const Export* initialize = module.find_export("_initialize");
    const bool reactor = initialize != nullptr && initialize->kind == ExternalKind::function;
    for (const Export& entry : module.exports) {
        if (entry.kind != ExternalKind::function) {
            if (starts_with(entry.name, k_callback_prefix)) {
                report.warnings.push_back(entry.name + " is exported as a " +
                                          std::string(to_string(entry.kind)) +
                                          "; the host only calls functions.");
            }
            continue;
        }
        // The allocator is check_proxy_wasm()'s; the marker is never called; main is looked
        // up only next to _initialize.
        const bool skipped = entry.name == "malloc" || entry.name == "proxy_on_memory_allocate" ||
                             starts_with(entry.name, k_marker_prefix) ||
                             (entry.name == "main" && !reactor);
        if (!skipped) {
            check_callback(entry, abis, report);
        }
    }
}

} // namespace oras::wasm
