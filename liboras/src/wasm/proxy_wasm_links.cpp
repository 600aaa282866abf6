#include "wasm/proxy_wasm_links.hpp"

#include <string>
#include <vector>

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

// Keeps the first k_max_listed findings of one check and counts the rest, so that a module
// declaring thousands of bad imports or exports gets a report of bounded size.
class Findings
{
  public:
    static constexpr std::size_t k_max_listed = 32;

    explicit Findings(std::vector<std::string>& out) : out_(out) {}

    void add(std::string text)
    {
        if (listed_ < k_max_listed) {
            out_.push_back(std::move(text));
            ++listed_;
        } else {
            ++omitted_;
        }
    }

    // Adds "... and N more `what` (not listed)." when findings were left out.
    void finish(std::string_view what)
    {
        if (omitted_ > 0) {
            out_.push_back("... and " + std::to_string(omitted_) + " more " + std::string(what) +
                           " (not listed).");
        }
    }

  private:
    std::vector<std::string>& out_;
    std::size_t listed_ = 0;
    std::size_t omitted_ = 0;
};

void check_function_import(const ModuleInfo& module,
                           const Import& import,
                           AbiSet abis,
                           Findings& problems)
{
    const std::string full = import.module + "." + import.name;
    const std::string missing = "Failed to load Wasm module due to a missing import: " + full;
    if (!is_host_module(import.module)) {
        problems.add(missing + ": the host registers functions only in env, "
                               "wasi_snapshot_preview1 and wasi_unstable.");
        return;
    }
    const std::string signature = module.signature(import);
    const Lookup found = lookup(host_functions(import.module), import.name, signature, abis);
    if (!found.known) {
        problems.add(missing + ": Envoy's proxy-wasm host does not provide it.");
    } else if (!found.in_abi) {
        problems.add(missing + ": the host provides it only for ABI " +
                     std::string(describe_abis(found.abis_with_name)) + ", not " +
                     std::string(describe_abis(abis)) + ".");
    } else if (!found.matches) {
        problems.add("Failed to load Wasm module due to an import type mismatch: " + full +
                     " is imported as " + signature + " but the host provides " +
                     std::string(found.expected) + for_abi(abis) + ".");
    }
}

void check_callback(const ModuleInfo& module,
                    const Export& entry,
                    AbiSet abis,
                    Findings& problems,
                    Findings& warnings)
{
    const std::string signature = module.signature(entry);
    const Lookup found = lookup(module_callbacks(), entry.name, signature, abis);
    if (!found.known) {
        if (starts_with(entry.name, k_callback_prefix)) {
            warnings.add(entry.name + " is not a callback Envoy's proxy-wasm host "
                                      "knows; it is never called.");
        }
    } else if (!found.in_abi) {
        warnings.add(entry.name + " is a callback of ABI " +
                     std::string(describe_abis(found.abis_with_name)) + " only; with ABI " +
                     std::string(describe_abis(abis)) + " the host never calls it.");
    } else if (!found.matches) {
        problems.add("Bad function signature for: " + entry.name + ": exported as " + signature +
                     ", the host expects " + std::string(found.expected) + for_abi(abis) + ".");
    }
}

} // namespace

void check_imports(const ModuleInfo& module, AbiSet abis, ProxyWasmReport& report)
{
    Findings problems(report.problems);
    for (const Import& import : module.imports) {
        const std::string full = import.module + "." + import.name;
        switch (import.kind) {
        case ExternalKind::function:
            check_function_import(module, import, abis, problems);
            break;
        case ExternalKind::global:
            problems.add("imports global " + full + " (" + import.detail +
                         "); Envoy's proxy-wasm host rejects global imports.");
            break;
        case ExternalKind::tag:
            problems.add("Failed to load Wasm module due to a missing import: " + full +
                         ": the host provides no tags.");
            break;
        case ExternalKind::memory:
        case ExternalKind::table:
            break; // created by the host
        }
    }
    problems.finish("imports Envoy would refuse");
}

void check_callbacks(const ModuleInfo& module, AbiSet abis, ProxyWasmReport& report)
{
    const Export* initialize = module.find_export("_initialize");
    const bool reactor = initialize != nullptr && initialize->kind == ExternalKind::function;
    Findings problems(report.problems);
    Findings warnings(report.warnings);
    for (const Export& entry : module.exports) {
        if (entry.kind != ExternalKind::function) {
            if (starts_with(entry.name, k_callback_prefix)) {
                warnings.add(entry.name + " is exported as a " +
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
            check_callback(module, entry, abis, problems, warnings);
        }
    }
    problems.finish("exports with a signature Envoy would refuse");
    warnings.finish("warnings about exports");
}

} // namespace oras::wasm
