// The link-time half of check_proxy_wasm(): imports against the host functions, exported
// callbacks against the signatures the host calls them with.
#pragma once

#include "oras/wasm.hpp"
#include "wasm/proxy_wasm_abi.hpp"

namespace oras::wasm {

// proxy-wasm-cpp-host link(): every function import must be a host function registered for an
// ABI in `abis` with the identical signature; global and tag imports are refused; memory and
// table imports are created by the host. Findings go to `report`.
void check_imports(const ModuleInfo& module, AbiSet abis, ProxyWasmReport& report);

// proxy-wasm-cpp-host getFunctions(): every export the host looks up for an ABI in `abis` must
// have the signature it calls it with ("Bad function signature for: ..."); proxy_on_* exports the
// host never looks up are warnings. Findings go to `report`.
void check_callbacks(const ModuleInfo& module, AbiSet abis, ProxyWasmReport& report);

} // namespace oras::wasm
