// check_proxy_wasm(): for each rule, a module that is valid and breaks only that rule gets
// exactly that finding, and a module that breaks none gets none.
#include "oras/wasm.hpp"

#include "test_wasm_modules.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using coras_test::leb;
using coras_test::section;
using coras_test::wasm_name;
using oras::wasm::check_proxy_wasm;
using oras::wasm::ExternalKind;
using oras::wasm::FilterType;
using oras::wasm::ProxyWasmReport;
using oras::wasm::Startup;

// A function by its name and value types, one letter each: 'i' i32, 'l' i64.
struct Function
{
    std::string name;
    std::string params;
    std::string results;
};

// An import; `params`/`results` are used for functions and tags (whose results stay empty).
struct Import
{
    std::string module;
    std::string name;
    ExternalKind kind = ExternalKind::function;
    std::string params;
    std::string results;
};

enum class MemoryKind
{
    none,
    defined,
    exported,
    imported
};

std::string value_types(std::string_view letters)
{
    std::string out = leb(letters.size());
    for (const char letter : letters) {
        out.push_back(letter == 'l' ? '\x7e' : '\x7f');
    }
    return out;
}

std::string vec(const std::vector<std::string>& entries)
{
    std::string out = leb(entries.size());
    for (const auto& entry : entries) {
        out += entry;
    }
    return out;
}

// A core module that passes every check: an ABI 0.2.1 HTTP filter with one host import, an
// exported memory and the SDKs' usual exports. Each test changes one thing.
struct FilterModule
{
    std::vector<Import> imports = {{"env", "proxy_log", ExternalKind::function, "iii", "i"}};
    std::vector<Function> functions = {
        {"proxy_abi_version_0_2_1", "", ""},
        {"_initialize", "", ""},
        {"proxy_on_memory_allocate", "i", "i"},
        {"proxy_on_context_create", "ii", ""},
        {"proxy_on_response_headers", "iii", "i"},
    };
    MemoryKind memory = MemoryKind::exported;
    std::vector<std::string> exported_globals; // names of exported i32 globals

    FilterModule& without(std::string_view name)
    {
        std::erase_if(functions, [name](const Function& f) { return f.name == name; });
        return *this;
    }
    FilterModule& with(Function function)
    {
        functions.push_back(std::move(function));
        return *this;
    }
    FilterModule& replacing(const Function& function)
    {
        for (Function& f : functions) {
            if (f.name == function.name) {
                f = function;
            }
        }
        return *this;
    }

    // The same filter for ABI 0.1.0: its marker and its proxy_on_response_headers.
    FilterModule& for_abi_0_1_0()
    {
        without("proxy_abi_version_0_2_1").with({"proxy_abi_version_0_1_0", "", ""});
        return replacing({"proxy_on_response_headers", "ii", "i"});
    }

    [[nodiscard]] std::string bytes() const
    {
        std::vector<std::string> types;
        std::vector<std::string> import_entries;
        std::uint32_t imported_functions = 0;
        for (const Import& import : imports) {
            std::string entry = wasm_name(import.module) + wasm_name(import.name);
            switch (import.kind) {
            case ExternalKind::function:
                entry += '\x00' + leb(types.size());
                types.push_back('\x60' + value_types(import.params) + value_types(import.results));
                ++imported_functions;
                break;
            case ExternalKind::tag:
                entry += std::string("\x04\x00", 2) + leb(types.size());
                types.push_back('\x60' + value_types(import.params) + value_types(""));
                break;
            case ExternalKind::global:
                entry += std::string("\x03\x7f\x00", 3);
                break;
            case ExternalKind::table:
                entry += std::string("\x01\x70\x00\x01", 4);
                break;
            case ExternalKind::memory:
                entry += std::string("\x02\x00\x01", 3);
                break;
            }
            import_entries.push_back(entry);
        }
        if (memory == MemoryKind::imported) {
            import_entries.push_back(wasm_name("env") + wasm_name("memory") +
                                     std::string("\x02\x00\x01", 3));
        }
        std::vector<std::string> function_entries;
        std::vector<std::string> bodies;
        std::vector<std::string> exports;
        for (std::size_t i = 0; i < functions.size(); ++i) {
            const Function& function = functions[i];
            function_entries.push_back(leb(types.size()));
            types.push_back('\x60' + value_types(function.params) + value_types(function.results));
            std::string code = std::string(1, '\x00'); // no locals
            for (const char result : function.results) {
                code += result == 'l' ? std::string("\x42\x00", 2) : std::string("\x41\x00", 2);
            }
            code += '\x0b';
            bodies.push_back(leb(code.size()) + code);
            exports.push_back(wasm_name(function.name) + '\x00' + leb(imported_functions + i));
        }
        if (memory == MemoryKind::exported) {
            exports.push_back(wasm_name("memory") + std::string("\x02\x00", 2));
        }
        std::vector<std::string> globals;
        for (std::size_t i = 0; i < exported_globals.size(); ++i) {
            globals.push_back(std::string("\x7f\x00\x41\x00\x0b", 5));
            exports.push_back(wasm_name(exported_globals[i]) + '\x03' + leb(i));
        }
        std::string out = coras_test::k_core_preamble;
        out += section(1, vec(types));
        out += section(2, vec(import_entries));
        out += section(3, vec(function_entries));
        if (memory == MemoryKind::defined || memory == MemoryKind::exported) {
            out += section(5, vec({std::string("\x00\x01", 2)}));
        }
        if (!globals.empty()) {
            out += section(6, vec(globals));
        }
        out += section(7, vec(exports));
        out += section(10, vec(bodies));
        return out;
    }
};

ProxyWasmReport check(const FilterModule& module)
{
    const std::string bytes = module.bytes();
    auto info = oras::wasm::inspect_module(bytes);
    REQUIRE_MESSAGE(info, info.error().message);
    return check_proxy_wasm(*info);
}

bool mentions(const std::string& finding, std::string_view needle)
{
    return finding.find(needle) != std::string::npos;
}

// `report` has one problem, mentioning every one of `needles`, and no warning.
void only_problem(const ProxyWasmReport& report, std::initializer_list<std::string_view> needles)
{
    CAPTURE(report.problems);
    CAPTURE(report.warnings);
    REQUIRE(report.problems.size() == 1);
    for (const auto needle : needles) {
        CHECK_MESSAGE(mentions(report.problems[0], needle), needle);
    }
    CHECK(report.warnings.empty());
    CHECK_FALSE(report.ok());
}

// `report` has one warning, mentioning every one of `needles`, and no problem.
void only_warning(const ProxyWasmReport& report, std::initializer_list<std::string_view> needles)
{
    CAPTURE(report.problems);
    CAPTURE(report.warnings);
    REQUIRE(report.warnings.size() == 1);
    for (const auto needle : needles) {
        CHECK_MESSAGE(mentions(report.warnings[0], needle), needle);
    }
    CHECK(report.problems.empty());
    CHECK(report.ok());
}

} // namespace

TEST_CASE("wasm::check_proxy_wasm: a module that breaks no rule has no finding")
{
    const ProxyWasmReport report = check(FilterModule{});
    CHECK(report.problems.empty());
    CHECK(report.warnings.empty());
    CHECK(report.ok());
    CHECK(report.abi_version == "0.2.1");
    CHECK(oras::wasm::abi_version_for_runtime_config(report) == "v0.2.1");
    CHECK(report.filter_type == FilterType::http);
    CHECK(report.suggested_plugin_type == "HTTP");
    CHECK(report.startup == Startup::reactor);
    CHECK(report.callbacks ==
          std::vector<std::string>{"proxy_on_context_create", "proxy_on_response_headers"});
    CHECK(report.root_context_callbacks.empty());
}

TEST_CASE("wasm::check_proxy_wasm: accepted variants have no finding")
{
    FilterModule module;
    SUBCASE("the deprecated malloc as the allocator")
    {
        module.without("proxy_on_memory_allocate").with({"malloc", "i", "i"});
    }
    SUBCASE("an imported memory")
    {
        module.memory = MemoryKind::imported;
    }
    SUBCASE("ABI 0.1.0 with its own callback signatures and host functions")
    {
        module.for_abi_0_1_0();
        module.imports.push_back(
            {"env", "proxy_get_configuration", ExternalKind::function, "ii", "i"});
    }
    SUBCASE("WASI imports, a table import and a command module")
    {
        module.imports.push_back(
            {"wasi_snapshot_preview1", "fd_write", ExternalKind::function, "iiii", "i"});
        module.imports.push_back({"wasi_unstable", "proc_exit", ExternalKind::function, "i", ""});
        module.imports.push_back({"env", "table", ExternalKind::table, "", ""});
        module.without("_initialize").with({"_start", "", ""});
    }
    SUBCASE("main is not looked up without _initialize")
    {
        module.without("_initialize").with({"main", "", ""});
    }
    const ProxyWasmReport report = check(module);
    CAPTURE(report.problems);
    CAPTURE(report.warnings);
    CHECK(report.problems.empty());
    CHECK(report.warnings.empty());
}

TEST_CASE("wasm::check_proxy_wasm: a component is refused before anything else")
{
    auto info = oras::wasm::inspect_module(coras_test::component({}));
    REQUIRE(info);
    const ProxyWasmReport report = check_proxy_wasm(*info);
    REQUIRE(report.problems.size() == 1);
    CHECK(mentions(report.problems[0], "WebAssembly component (version 0xd)"));
    CHECK(report.warnings.empty());
    CHECK(report.abi_version.empty());
}

TEST_CASE("wasm::check_proxy_wasm: the ABI version marker")
{
    FilterModule module;
    SUBCASE("none")
    {
        only_problem(check(module.without("proxy_abi_version_0_2_1")),
                     {"missing proxy_abi_version_* export"});
        CHECK(check(module).abi_version.empty());
    }
    SUBCASE("two")
    {
        const auto report = check(module.with({"proxy_abi_version_0_2_0", "", ""}));
        only_problem(report,
                     {"several ABI version markers",
                      "proxy_abi_version_0_2_1, proxy_abi_version_0_2_0",
                      "the first, proxy_abi_version_0_2_1"});
        CHECK(report.abi_version == "0.2.1");
    }
    SUBCASE("one naming a version the host does not know, next to a known one")
    {
        only_warning(check(module.with({"proxy_abi_version_0_3_0", "", ""})),
                     {"proxy_abi_version_0_3_0 names an ABI version"});
    }
    SUBCASE("one exported as a global, next to a function one")
    {
        module.exported_globals.push_back("proxy_abi_version_0_2_0");
        only_warning(check(module), {"proxy_abi_version_0_2_0 is exported as a global"});
    }
    SUBCASE("with a signature other than () -> ()")
    {
        only_warning(check(module.replacing({"proxy_abi_version_0_2_1", "i", "i"})),
                     {"proxy_abi_version_0_2_1 has signature (i32) -> i32"});
    }
}

TEST_CASE("wasm::check_proxy_wasm: the allocator")
{
    FilterModule module;
    SUBCASE("missing")
    {
        only_problem(check(module.without("proxy_on_memory_allocate")),
                     {"missing allocator export"});
    }
    SUBCASE("with the wrong signature")
    {
        only_problem(
            check(module.replacing({"proxy_on_memory_allocate", "l", "i"})),
            {"Bad function signature for: proxy_on_memory_allocate", "exported as (i64) -> i32"});
    }
    SUBCASE("malloc with the wrong signature")
    {
        module.without("proxy_on_memory_allocate").with({"malloc", "ii", "i"});
        only_problem(check(module), {"Bad function signature for: malloc"});
    }
}

TEST_CASE("wasm::check_proxy_wasm: the memory")
{
    FilterModule module;
    SUBCASE("none")
    {
        module.memory = MemoryKind::none;
        only_problem(check(module), {"the module has no memory"});
    }
    SUBCASE("not exported")
    {
        module.memory = MemoryKind::defined;
        only_problem(check(module), {"the module's memory is not exported"});
    }
}

TEST_CASE("wasm::check_proxy_wasm: imports")
{
    FilterModule module;
    SUBCASE("from a module the host does not register")
    {
        module.imports.push_back({"my_host", "helper", ExternalKind::function, "", ""});
        only_problem(check(module),
                     {"missing import: my_host.helper",
                      "only in env, wasi_snapshot_preview1 and wasi_unstable"});
    }
    SUBCASE("a function the host does not provide")
    {
        module.imports.push_back({"env", "proxy_teleport", ExternalKind::function, "i", "i"});
        only_problem(check(module), {"missing import: env.proxy_teleport", "does not provide it"});
    }
    SUBCASE("a function of another ABI")
    {
        module.imports.push_back(
            {"env", "proxy_get_configuration", ExternalKind::function, "ii", "i"});
        only_problem(
            check(module),
            {"missing import: env.proxy_get_configuration", "only for ABI 0.1.0, not 0.2.1"});
    }
    SUBCASE("a function with the wrong signature")
    {
        module.imports[0].params = "ii";
        only_problem(check(module),
                     {"import type mismatch: env.proxy_log",
                      "imported as (i32, i32) -> i32",
                      "the host provides (i32, i32, i32) -> i32 for ABI 0.2.1"});
    }
    SUBCASE("a WASI function with the wrong signature")
    {
        module.imports.push_back(
            {"wasi_snapshot_preview1", "clock_time_get", ExternalKind::function, "iii", "i"});
        only_problem(check(module),
                     {"import type mismatch: wasi_snapshot_preview1.clock_time_get",
                      "(i32, i64, i32) -> i32"});
    }
    SUBCASE("a global")
    {
        module.imports.push_back({"env", "some_global", ExternalKind::global, "", ""});
        only_problem(check(module), {"imports global env.some_global", "rejects global imports"});
    }
    SUBCASE("a tag")
    {
        module.imports.push_back({"env", "oops", ExternalKind::tag, "i", ""});
        only_problem(check(module), {"missing import: env.oops", "provides no tags"});
    }
}

TEST_CASE("wasm::check_proxy_wasm: callbacks")
{
    FilterModule module;
    SUBCASE("a known callback with the wrong signature")
    {
        only_problem(check(module.replacing({"proxy_on_response_headers", "ii", "i"})),
                     {"Bad function signature for: proxy_on_response_headers",
                      "exported as (i32, i32) -> i32",
                      "the host expects (i32, i32, i32) -> i32 for ABI 0.2.1"});
    }
    SUBCASE("a root callback with the wrong signature")
    {
        const auto report = check(module.with({"proxy_on_vm_start", "i", "i"}));
        only_problem(report, {"Bad function signature for: proxy_on_vm_start"});
        CHECK(report.root_context_callbacks == std::vector<std::string>{"proxy_on_vm_start"});
    }
    SUBCASE("main next to _initialize with the wrong signature")
    {
        only_problem(check(module.with({"main", "", ""})),
                     {"Bad function signature for: main", "the host expects (i32, i32) -> i32"});
    }
    SUBCASE("a callback of another ABI only")
    {
        only_warning(check(module.for_abi_0_1_0().with({"proxy_on_foreign_function", "iii", ""})),
                     {"proxy_on_foreign_function is a callback of ABI 0.2.0 and 0.2.1 only",
                      "with ABI 0.1.0 the host never calls it"});
    }
    SUBCASE("a proxy_on_* function the host does not know")
    {
        only_warning(check(module.with({"proxy_on_lunch", "i", ""})),
                     {"proxy_on_lunch is not a callback"});
    }
    SUBCASE("a proxy_on_* export that is not a function")
    {
        module.exported_globals.push_back("proxy_on_tick");
        only_warning(check(module),
                     {"proxy_on_tick is exported as a global", "the host only calls functions"});
    }
}

TEST_CASE("wasm::check_proxy_wasm: startup and filter type")
{
    FilterModule module;
    SUBCASE("both _initialize and _start")
    {
        const auto report = check(module.with({"_start", "", ""}));
        only_warning(report, {"both _initialize and _start"});
        CHECK(report.startup == Startup::reactor);
    }
    SUBCASE("neither: nothing to warn about, the host calls no start function")
    {
        const auto report = check(module.without("_initialize"));
        CHECK(report.problems.empty());
        CHECK(report.warnings.empty());
        CHECK(report.startup == Startup::none);
    }
    SUBCASE("HTTP and network callbacks")
    {
        const auto report = check(module.with({"proxy_on_new_connection", "i", "i"}));
        only_warning(report, {"both HTTP and network callbacks"});
        CHECK(report.filter_type == FilterType::http_and_network);
        CHECK(report.suggested_plugin_type == "HTTP");
    }
    SUBCASE("network callbacks only")
    {
        const auto report = check(module.without("proxy_on_response_headers")
                                      .with({"proxy_on_downstream_data", "iii", "i"}));
        CHECK(report.problems.empty());
        CHECK(report.warnings.empty());
        CHECK(report.filter_type == FilterType::network);
        CHECK(report.suggested_plugin_type == "NETWORK");
    }
    SUBCASE("no stream callbacks")
    {
        const auto report = check(module.without("proxy_on_response_headers"));
        only_warning(report, {"no HTTP or network callbacks"});
        CHECK(report.filter_type == FilterType::unknown);
        CHECK(report.suggested_plugin_type.empty());
    }
    SUBCASE("stream callbacks without proxy_on_context_create")
    {
        only_warning(check(module.without("proxy_on_context_create")),
                     {"no proxy_on_context_create"});
    }
}
