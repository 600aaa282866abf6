// Core WebAssembly modules (oras/wasm.hpp inspect_module, check_proxy_wasm) as `coras inspect`
// and `coras push` read them. Components go to fuzz_wasm_component. A module that inspects
// renders every signature within a few hundred bytes and passes through the proxy-wasm check.
#include "fuzz_support.hpp"

#include "oras/wasm.hpp"
#include "wasm/preamble.hpp"

using coras_fuzz::require;

namespace {

// "never longer than a few hundred bytes" (ModuleInfo::signature), with room to spare.
constexpr std::size_t k_max_signature = 1024;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes = coras_fuzz::as_text(data, size);
    const auto preamble = oras::wasm::read_preamble(bytes);
    if (preamble && preamble->kind == oras::wasm::ModuleKind::component) {
        return -1;
    }
    const auto info = oras::wasm::inspect_module(bytes);
    if (!info) {
        return 0;
    }
    require(info->size == size, "ModuleInfo::size is not the module's size");
    for (const auto& import : info->imports) {
        require(info->signature(import).size() <= k_max_signature, "an import signature is long");
    }
    for (const auto& entry : info->exports) {
        require(info->signature(entry).size() <= k_max_signature, "an export signature is long");
    }
    const auto report = oras::wasm::check_proxy_wasm(*info);
    static_cast<void>(oras::wasm::abi_version_for_runtime_config(report));
    return 0;
}
