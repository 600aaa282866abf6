// WebAssembly components (component-model Binary.md) through inspect_module, as `coras
// inspect` reads them; core modules go to fuzz_wasm_module. A component that inspects says so
// and lists its sections.
#include "fuzz_support.hpp"

#include "oras/wasm.hpp"
#include "wasm/preamble.hpp"

using coras_fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes = coras_fuzz::as_text(data, size);
    const auto preamble = oras::wasm::read_preamble(bytes);
    if (!preamble || preamble->kind != oras::wasm::ModuleKind::component) {
        return -1;
    }
    const auto info = oras::wasm::inspect_module(bytes);
    if (!info) {
        return 0;
    }
    require(info->kind == oras::wasm::ModuleKind::component && info->component.has_value(),
            "a component inspected as something else");
    require(info->size == size, "ModuleInfo::size is not the component's size");
    const auto report = oras::wasm::check_proxy_wasm(*info);
    require(!report.ok(), "a component passed the proxy-wasm check");
    return 0;
}
