// check_proxy_wasm(): what Envoy's proxy-wasm host (proxy-wasm-cpp-host src/wasm.cc load(),
// initialize(), getFunctions(), bytecode_util.cc getAbiVersion()) checks when it loads a module.
#include "oras/wasm.hpp"

#include "wasm/byte_reader.hpp"
#include "wasm/proxy_wasm_abi.hpp"
#include "wasm/proxy_wasm_links.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <optional>
#include <string>

namespace oras::wasm {

namespace {

constexpr std::string_view k_marker_prefix = "proxy_abi_version_";
constexpr std::string_view k_callback_prefix = "proxy_on_";

constexpr std::array<std::string_view, 8> k_http_callbacks = {
    "proxy_on_request_headers",
    "proxy_on_request_body",
    "proxy_on_request_trailers",
    "proxy_on_request_metadata",
    "proxy_on_response_headers",
    "proxy_on_response_body",
    "proxy_on_response_trailers",
    "proxy_on_response_metadata",
};
constexpr std::array<std::string_view, 5> k_network_callbacks = {
    "proxy_on_new_connection",
    "proxy_on_downstream_data",
    "proxy_on_upstream_data",
    "proxy_on_downstream_connection_close",
    "proxy_on_upstream_connection_close",
};
constexpr std::array<std::string_view, 11> k_root_callbacks = {
    "proxy_validate_configuration",
    "proxy_on_vm_start",
    "proxy_on_configure",
    "proxy_on_tick",
    "proxy_on_queue_ready",
    "proxy_on_http_call_response",
    "proxy_on_grpc_receive_initial_metadata",
    "proxy_on_grpc_receive",
    "proxy_on_grpc_receive_trailing_metadata",
    "proxy_on_grpc_close",
    "proxy_on_foreign_function",
};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool starts_with(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

// True when the function `entry` has type `params` -> `results`.
bool has_type(const ModuleInfo& module,
              const Export& entry,
              std::initializer_list<ValueType> params,
              std::initializer_list<ValueType> results)
{
    const FunctionType* type = module.function_type(entry);
    return type != nullptr &&
           std::equal(type->params.begin(), type->params.end(), params.begin(), params.end()) &&
           std::equal(type->results.begin(), type->results.end(), results.begin(), results.end());
}

const Export* find_function_export(const ModuleInfo& module, std::string_view name)
{
    const Export* entry = module.find_export(name);
    return entry != nullptr && entry->kind == ExternalKind::function ? entry : nullptr;
}

// bytecode_util.cc getAbiVersion(): the first function export naming a known version wins.
std::optional<AbiVersion> check_abi_marker(const ModuleInfo& module, ProxyWasmReport& report)
{
    std::optional<AbiVersion> abi;
    std::vector<std::string> markers;
    for (const Export& entry : module.exports) {
        if (!starts_with(entry.name, k_marker_prefix)) {
            continue;
        }
        const auto version = abi_from_marker(entry.name);
        if (entry.kind != ExternalKind::function) {
            report.warnings.push_back(entry.name + " is exported as a " +
                                      std::string(to_string(entry.kind)) +
                                      "; the host only looks at function exports.");
        } else if (!version) {
            report.warnings.push_back(entry.name + " names an ABI version Envoy's proxy-wasm host "
                                                   "does not know (0.1.0, 0.2.0, 0.2.1).");
        } else {
            markers.push_back(entry.name);
            abi = abi.value_or(*version);
            if (!has_type(module, entry, {}, {})) {
                report.warnings.push_back(entry.name + " has signature " + module.signature(entry) +
                                          "; the host never calls it, but SDKs declare it "
                                          "() -> ().");
            }
        }
    }
    if (markers.empty()) {
        report.problems.emplace_back(
            "missing proxy_abi_version_* export: Envoy fails with \"Missing or unknown "
            "Proxy-Wasm ABI version\"; export a function named proxy_abi_version_0_2_1 (or "
            "proxy_abi_version_0_2_0, proxy_abi_version_0_1_0).");
    } else if (markers.size() > 1) {
        std::string list;
        for (const auto& marker : markers) {
            list += (list.empty() ? "" : ", ") + marker;
        }
        report.problems.push_back("several ABI version markers are exported (" + list +
                                  "); export exactly one (the host would use the first, " +
                                  markers.front() + ").");
    }
    if (abi) {
        report.abi_version = std::string(to_string(*abi));
    }
    return abi;
}

// getFunctions(): `malloc` first, then `proxy_on_memory_allocate`, each (i32) -> i32.
void check_allocator(const ModuleInfo& module, ProxyWasmReport& report)
{
    for (const std::string_view name : {"malloc", "proxy_on_memory_allocate"}) {
        if (const Export* entry = find_function_export(module, name)) {
            if (!has_type(module, *entry, {ValueType::i32}, {ValueType::i32})) {
                report.problems.push_back("Bad function signature for: " + entry->name +
                                          ": exported as " + module.signature(*entry) +
                                          ", the host expects (i32) -> i32.");
            }
            return;
        }
    }
    report.problems.emplace_back(
        "missing allocator export: export proxy_on_memory_allocate (i32) -> i32 (or the "
        "deprecated malloc); Envoy fails with \"Wasm module is missing malloc function\".");
}

// The host reads and writes the module's linear memory: any exported memory, or one it creates
// for a memory import.
void check_memory(const ModuleInfo& module, ProxyWasmReport& report)
{
    const bool reachable =
        std::any_of(module.memories.begin(), module.memories.end(), [](const Memory& memory) {
            return memory.origin == Origin::imported || !memory.export_names.empty();
        });
    if (reachable) {
        return;
    }
    report.problems.push_back(
        module.memories.empty()
            ? std::string("the module has no memory; export one (any name) so that the host can "
                          "pass data to the filter.")
            : std::string("the module's memory is not exported; export it (any name) so that the "
                          "host can pass data to the filter."));
}

void classify(const ModuleInfo& module, ProxyWasmReport& report)
{
    bool http = false;
    bool network = false;
    for (const Export& entry : module.exports) {
        if (entry.kind != ExternalKind::function) {
            continue;
        }
        if (starts_with(entry.name, k_callback_prefix) &&
            entry.name != "proxy_on_memory_allocate") {
            report.callbacks.push_back(entry.name);
        }
        http = http || contains(k_http_callbacks, entry.name);
        network = network || contains(k_network_callbacks, entry.name);
        if (contains(k_root_callbacks, entry.name)) {
            report.root_context_callbacks.push_back(entry.name);
        }
    }
    if (http && network) {
        report.filter_type = FilterType::http_and_network;
        report.suggested_plugin_type = "HTTP";
        report.warnings.emplace_back("the module exports both HTTP and network callbacks; a "
                                     "WasmPlugin runs it as one type only (HTTP suggested).");
    } else if (http || network) {
        report.filter_type = http ? FilterType::http : FilterType::network;
        report.suggested_plugin_type = http ? "HTTP" : "NETWORK";
    } else {
        report.warnings.emplace_back("the module exports no HTTP or network callbacks "
                                     "(proxy_on_request_headers, proxy_on_new_connection, ...); "
                                     "it loads but filters nothing.");
    }
    if ((http || network) && find_function_export(module, "proxy_on_context_create") == nullptr) {
        report.warnings.emplace_back("the module exports stream callbacks but no "
                                     "proxy_on_context_create, which SDKs use to create contexts.");
    }
    if (module.names && module.names->module_name) {
        report.root_id_hint = *module.names->module_name;
    }
}

// startVm(): `_initialize` (reactor) wins over `_start` (command).
void check_startup(const ModuleInfo& module, ProxyWasmReport& report)
{
    const bool reactor = find_function_export(module, "_initialize") != nullptr;
    const bool command = find_function_export(module, "_start") != nullptr;
    report.startup = reactor ? Startup::reactor : (command ? Startup::command : Startup::none);
    if (reactor && command) {
        report.warnings.emplace_back("the module exports both _initialize and _start; the host "
                                     "calls only _initialize.");
    }
}

} // namespace

ProxyWasmReport check_proxy_wasm(const ModuleInfo& module)
{
    ProxyWasmReport report;
    if (module.kind == ModuleKind::component) {
        report.problems.push_back("the module is a WebAssembly component (version " +
                                  hex_offset(module.version) +
                                  "); Envoy's proxy-wasm host loads only core modules.");
        return report;
    }
    const std::optional<AbiVersion> abi = check_abi_marker(module, report);
    check_allocator(module, report);
    check_memory(module, report);
    check_imports(module, abi_bit(abi), report);
    check_callbacks(module, abi_bit(abi), report);
    check_startup(module, report);
    classify(module, report);
    return report;
}

std::string abi_version_for_runtime_config(const ProxyWasmReport& report)
{
    return report.abi_version.empty() ? std::string() : "v" + report.abi_version;
}

std::string_view to_string(FilterType type)
{
    switch (type) {
    case FilterType::unknown:
        return "unknown";
    case FilterType::http:
        return "HTTP filter";
    case FilterType::network:
        return "network filter";
    case FilterType::http_and_network:
        return "HTTP and network filter";
    }
    return "?";
}

std::string_view to_string(Startup startup)
{
    switch (startup) {
    case Startup::none:
        return "none";
    case Startup::reactor:
        return "reactor (_initialize)";
    case Startup::command:
        return "command (_start)";
    }
    return "?";
}

} // namespace oras::wasm
