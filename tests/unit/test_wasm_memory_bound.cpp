// The inspector's memory stays proportional to the module's size whatever it declares: a module
// of about 130 KB whose imports and exports all refer to one 1000-parameter type. Before imports
// and exports referred to their type by index, each copied the type and its rendered signature
// (about 6 KB apiece, over 100 MB for this module). This executable replaces the global operator
// new and delete to measure the peak of live heap bytes.
#include "oras/wasm.hpp"

#include "test_wasm_modules.hpp"

#include <doctest/doctest.h>

#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

namespace {

std::atomic<std::size_t> g_live{0};
std::atomic<std::size_t> g_peak{0};

void note_allocated(std::size_t bytes)
{
    const std::size_t live = g_live.fetch_add(bytes) + bytes;
    std::size_t peak = g_peak.load();
    while (live > peak && !g_peak.compare_exchange_weak(peak, live)) {
    }
}

// Peak live heap bytes above what was live when it was constructed.
class HeapPeak
{
  public:
    HeapPeak() : base_(g_live.load()) { g_peak.store(base_); }
    [[nodiscard]] std::size_t bytes() const { return g_peak.load() - base_; }

  private:
    std::size_t base_;
};

} // namespace

void* operator new(std::size_t size)
{
    void* pointer = std::malloc(size == 0 ? 1 : size);
    if (pointer == nullptr) {
        throw std::bad_alloc();
    }
    note_allocated(malloc_usable_size(pointer));
    return pointer;
}

void operator delete(void* pointer) noexcept
{
    if (pointer != nullptr) {
        g_live.fetch_sub(malloc_usable_size(pointer));
        std::free(pointer);
    }
}

void operator delete(void* pointer, std::size_t /*size*/) noexcept
{
    operator delete(pointer);
}

namespace {

using coras_test::leb;
using coras_test::section;
using coras_test::wasm_name;

constexpr std::size_t k_entries = 10'000;
constexpr std::size_t k_params = 1'000;
constexpr std::size_t k_budget = 4U << 20U; // "a few MB"

// One type (i32 x 1000) -> i32; k_entries function imports "e"."f" of it, each re-exported.
std::string many_entries_module()
{
    std::string type = "\x01\x60" + leb(k_params) + std::string(k_params, '\x7f') + "\x01\x7f";
    std::string imports = leb(k_entries);
    std::string exports = leb(k_entries);
    for (std::size_t i = 0; i < k_entries; ++i) {
        imports += wasm_name("e") + wasm_name("f") + std::string("\x00\x00", 2);
        exports += wasm_name("x" + std::to_string(i)) + '\x00' + leb(i);
    }
    return coras_test::k_core_preamble + section(1, type) + section(2, imports) +
           section(7, exports);
}

} // namespace

TEST_CASE("wasm inspector: memory proportional to the module, not to declared signatures")
{
    const std::string bytes = many_entries_module();
    REQUIRE(bytes.size() < 160'000);

    oras::Result<oras::wasm::ModuleInfo> info = oras::wasm::ModuleInfo{};
    {
        const HeapPeak peak;
        info = oras::wasm::inspect_module(bytes);
        REQUIRE(info);
        CHECK(peak.bytes() < k_budget);
        MESSAGE("inspect_module peak: " << peak.bytes() << " B for a " << bytes.size()
                                        << " B module");
    }
    REQUIRE(info->imports.size() == k_entries);
    REQUIRE(info->exports.size() == k_entries);
    CHECK(info->types.size() == 1);
    CHECK(info->imports.back().type_index == 0);
    CHECK(info->exports.back().type_index == 0);

    SUBCASE("signatures are rendered on demand and stay short")
    {
        const std::string signature = info->signature(info->imports.front());
        CHECK(signature.size() < 200);
        CHECK(signature.find("... 984 more)") != std::string::npos);
        CHECK(signature.ends_with(") -> i32"));
        CHECK(info->signature(info->exports.back()) == signature);
    }
    SUBCASE("the proxy-wasm check lists a bounded number of findings")
    {
        const HeapPeak peak;
        const oras::wasm::ProxyWasmReport report = oras::wasm::check_proxy_wasm(*info);
        CHECK(peak.bytes() < k_budget);
        CHECK_FALSE(report.ok());
        CHECK(report.problems.size() < 64);
        bool counted = false;
        for (const std::string& problem : report.problems) {
            counted = counted || problem == "... and " + std::to_string(k_entries - 32) +
                                                " more imports Envoy would refuse (not listed).";
        }
        CHECK(counted);
    }
}
