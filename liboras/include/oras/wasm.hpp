// The WebAssembly module inspector: decodes a module's structure without trusting it, and checks
// what Envoy's proxy-wasm host checks when it loads a filter.
#pragma once

#include "oras/result.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oras::wasm {

// A core module (what Envoy runs) or a component-model component.
enum class ModuleKind
{
    core,
    component
};

// What an import or export refers to; WebAssembly core spec, "Modules: exports" (kinds 0-4;
// tag is the exception-handling proposal's).
enum class ExternalKind
{
    function,
    table,
    memory,
    global,
    tag
};

// The value types of the core spec plus v128 (SIMD) and the two reference types.
enum class ValueType : std::uint8_t
{
    i32,
    i64,
    f32,
    f64,
    v128,
    funcref,
    externref
};

// A function signature.
struct FunctionType
{
    std::vector<ValueType> params;
    std::vector<ValueType> results;

    bool operator==(const FunctionType&) const = default;
};

// Memory or table limits, in pages or elements.
struct Limits
{
    std::uint64_t min = 0;
    std::optional<std::uint64_t> max;
    bool shared = false;     // threads proposal, memories only
    bool address_64 = false; // memory64 proposal
};

// One entry of the import section. Functions and tags refer to their type by index, so an
// import costs the same whatever its signature; ModuleInfo::signature() renders it.
struct Import
{
    std::string module;
    std::string name;
    ExternalKind kind = ExternalKind::function;
    std::uint32_t type_index = 0; // functions and tags: an index into ModuleInfo::types
    std::string detail;           // tables, memories, globals: "memory 1..16", "global mut i32"
};

// One entry of the export section. For functions `type_index` is resolved through the function
// index space (imported functions first, then defined ones).
struct Export
{
    std::string name;
    ExternalKind kind = ExternalKind::function;
    std::uint32_t index = 0;      // into the index space of `kind`
    std::uint32_t type_index = 0; // functions and tags: an index into ModuleInfo::types
};

// Where a memory comes from.
enum class Origin
{
    imported,
    defined
};

// One linear memory of the memory index space.
struct Memory
{
    Origin origin = Origin::defined;
    Limits limits;
    std::vector<std::string> export_names; // empty when not exported
};

// Any section, in file order; `offset` is that of its id byte, `size` that of its contents.
struct Section
{
    std::uint8_t id = 0;
    std::string name; // "type", "code", ...; a custom section's own name
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
};

// What the `name` custom section says (tool-conventions / core spec appendix "Name section").
struct NameSection
{
    std::optional<std::string> module_name;
    std::size_t function_name_count = 0;
};

// One (name, version) value of a producers field, e.g. ("wabt", "1.0.32").
struct Producer
{
    std::string name;
    std::string version;
};

// One field of the `producers` custom section: "language", "processed-by" or "sdk".
struct ProducerField
{
    std::string name;
    std::vector<Producer> values;
};

// How many top-level sections of one id a component has.
struct ComponentSectionCount
{
    std::uint8_t id = 0;
    std::string name; // "core module", "import", ...
    std::size_t count = 0;
};

// What is decoded of a component: its top-level sections, and the names of its top-level
// imports and exports (component-model Binary.md `importname'` / `exportname'`).
struct ComponentInfo
{
    std::vector<ComponentSectionCount> section_counts;
    std::vector<std::string> imports;
    std::vector<std::string> exports;
    // False when an import or export section used an encoding the decoder does not know; the
    // names decoded before it are kept.
    bool names_complete = true;
};

// Everything the inspector learned about a module.
struct ModuleInfo
{
    ModuleKind kind = ModuleKind::core;
    std::uint32_t version = 0; // core: 1; component: 0x0d (0x0a-0x0c from older toolchains)
    std::uint64_t size = 0;
    std::vector<Section> sections;
    std::vector<FunctionType> types;
    std::vector<Import> imports;
    std::vector<Export> exports;
    std::uint32_t imported_function_count = 0;
    std::uint32_t defined_function_count = 0;
    std::vector<Memory> memories;
    std::optional<std::uint32_t> start_function;
    std::vector<Section> custom_sections;
    std::optional<NameSection> names;
    std::vector<ProducerField> producers;
    std::optional<ComponentInfo> component; // set for components only

    // The export named `name`, or null.
    [[nodiscard]] const Export* find_export(std::string_view name) const;

    // The type of a function or tag import or export; null for other kinds.
    [[nodiscard]] const FunctionType* function_type(const Import& import) const;
    [[nodiscard]] const FunctionType* function_type(const Export& entry) const;

    // "(i32, i32) -> i32" for a function, "tag (i32) -> ()", "memory 1..16", "table 0", ...:
    // rendered on demand, never longer than a few hundred bytes (see to_string(FunctionType)).
    [[nodiscard]] std::string signature(const Import& import) const;
    [[nodiscard]] std::string signature(const Export& entry) const;
};

// "i32", "funcref", ...
std::string_view to_string(ValueType type);
// "function", "table", "memory", "global", "tag".
std::string_view to_string(ExternalKind kind);
// "(i32, i32) -> i32", "() -> ()", "(i32) -> (i32, i64)": one result without parentheses. A list
// of more than k_max_rendered_values values shows that many and then "... N more", so a
// signature's text stays short whatever the module declares.
inline constexpr std::size_t k_max_rendered_values = 16;
std::string to_string(const FunctionType& type);

// Parses the whole module in `bytes` (core spec "Binary Format: Modules"; component-model
// Binary.md for components): magic and version, every section's bounds and order, the type,
// import, function, table, memory, global, export, start, code-count and data-count sections,
// the `name` and `producers` custom sections. Nothing is trusted: a malformed module fails with
// invalid_format naming the section and byte offset, a GC-proposal type fails with unsupported,
// and a count over the WebAssembly JS API's implementation limits fails with too_large.
Result<ModuleInfo> inspect_module(std::string_view bytes);

// inspect_module() over the file at `path`, mapped read-only rather than copied. Fails with
// not_found or io naming `path`, or as inspect_module() with `path` as a prefix.
Result<ModuleInfo> inspect_module_file(const std::filesystem::path& path);

// The kind of Envoy filter a module implements, from the callbacks it exports.
enum class FilterType
{
    unknown,          // neither HTTP nor network callbacks
    http,             // proxy_on_request_headers, proxy_on_response_headers, ...
    network,          // proxy_on_new_connection, proxy_on_downstream_data, ...
    http_and_network, // both
};

// How the host starts the module (proxy-wasm-cpp-host WasmBase::startVm).
enum class Startup
{
    none,    // neither _initialize nor _start
    reactor, // _initialize (then main if exported)
    command, // _start
};

// The outcome of check_proxy_wasm(); `problems` would stop Envoy loading the module,
// `warnings` would not.
struct ProxyWasmReport
{
    std::string abi_version;           // "0.1.0", "0.2.0", "0.2.1"; empty when unknown
    std::vector<std::string> problems; // full sentences naming the export or import
    std::vector<std::string> warnings; // full sentences
    FilterType filter_type = FilterType::unknown;
    std::string suggested_plugin_type; // Istio WasmPlugin `type`: "HTTP", "NETWORK" or empty
    Startup startup = Startup::none;
    std::vector<std::string> callbacks; // exported proxy_on_* functions, in export order
    std::string root_id_hint;           // the name section's module name, a likely root id
    std::vector<std::string> root_context_callbacks; // proxy_on_vm_start, proxy_on_configure, ...

    // True when nothing in the module would stop Envoy's proxy-wasm host loading it.
    [[nodiscard]] bool ok() const { return problems.empty(); }
};

// Checks `module` as Envoy's proxy-wasm host (proxy-wasm-cpp-host) does at load time: a core
// module, one ABI version marker export, an allocator export, a memory, imports the host
// registers with identical signatures, and proxy_on_* callbacks with their ABI's signatures.
// Never fails: findings go into the report.
ProxyWasmReport check_proxy_wasm(const ModuleInfo& module);

// The ABI version as Envoy's runtime-config.json lists it ("v0.2.1"); empty when unknown.
std::string abi_version_for_runtime_config(const ProxyWasmReport& report);

// "HTTP filter", "network filter", ... for people.
std::string_view to_string(FilterType type);
// "reactor (_initialize)", "command (_start)" or "none".
std::string_view to_string(Startup startup);

} // namespace oras::wasm
