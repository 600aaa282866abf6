// The proxy-wasm ABI as Envoy's host implements it: ABI versions, the host functions a module may
// import and the callbacks the host looks up in its exports, each with its exact signature.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace oras::wasm {

// The ABI versions proxy-wasm-cpp-host knows (include/proxy-wasm/wasm_vm.h AbiVersion).
enum class AbiVersion
{
    v0_1_0,
    v0_2_0,
    v0_2_1,
};

// A set of ABI versions, one bit per AbiVersion.
using AbiSet = unsigned;
inline constexpr AbiSet k_abi_0_1_0 = 1U << 0U;
inline constexpr AbiSet k_abi_0_2_0 = 1U << 1U;
inline constexpr AbiSet k_abi_0_2_1 = 1U << 2U;
inline constexpr AbiSet k_abi_0_2_x = k_abi_0_2_0 | k_abi_0_2_1;
inline constexpr AbiSet k_abi_all = k_abi_0_1_0 | k_abi_0_2_x;

// The bit of `version`, or every bit when the version is unknown.
AbiSet abi_bit(std::optional<AbiVersion> version);

// "0.1.0", "0.2.0", "0.2.1".
std::string_view to_string(AbiVersion version);

// "0.1.0", "0.2.x", "0.1.0 and 0.2.0", ...: the versions in `abis`, for messages.
std::string_view describe_abis(AbiSet abis);

// The version a marker export names (`proxy_abi_version_0_2_1` -> 0.2.1), or nullopt.
std::optional<AbiVersion> abi_from_marker(std::string_view export_name);

// A function with a fixed signature: a host function a module imports (`module` is "env",
// "wasi_snapshot_preview1" or "wasi_unstable") or a module export the host calls (`module` is
// empty). `signature` is in to_string(FunctionType) form.
struct AbiFunction
{
    std::string_view module;
    std::string_view name;
    std::string_view signature;
    AbiSet abis = k_abi_all;
};

// The host functions proxy-wasm-cpp-host registers in `module` (src/wasm.cc registerCallbacks,
// include/proxy-wasm/exports.h): the proxy_* functions and Emscripten helpers in "env", the WASI
// subset (FOR_ALL_WASI_FUNCTIONS) in "wasi_snapshot_preview1" and "wasi_unstable"; empty for any
// other module.
std::span<const AbiFunction> host_functions(std::string_view module);

// Every module export proxy-wasm-cpp-host looks up, per ABI (src/wasm.cc getFunctions,
// include/proxy-wasm/wasm.h).
std::span<const AbiFunction> module_callbacks();

// Whether `module` is one the host registers functions in.
bool is_host_module(std::string_view module);

} // namespace oras::wasm
