// Signatures from proxy-wasm-cpp-host (include/proxy-wasm/exports.h, wasm.h, src/wasm.cc):
// a host `Word` is an i32 in wasm32, `int64_t`/`uint64_t` an i64, a `WasmCallWord<N>` is N i32
// parameters returning i32, a `WasmCallVoid<N>` returns nothing. Every host function is typed
// exactly; the ABI documents (proxy-wasm/spec abi-versions) agree where they list a function.
#include "wasm/proxy_wasm_abi.hpp"

#include <array>

namespace oras::wasm {

namespace {

constexpr std::string_view k_env = "env";
constexpr std::string_view k_wasi = "wasi_snapshot_preview1";
constexpr std::string_view k_wasi_unstable = "wasi_unstable";

constexpr std::string_view k_v_v = "() -> ()";
constexpr std::string_view k_v_i = "() -> i32";
constexpr std::string_view k_i_v = "(i32) -> ()";
constexpr std::string_view k_i_i = "(i32) -> i32";
constexpr std::string_view k_ii_v = "(i32, i32) -> ()";
constexpr std::string_view k_ii_i = "(i32, i32) -> i32";
constexpr std::string_view k_iii_v = "(i32, i32, i32) -> ()";
constexpr std::string_view k_iii_i = "(i32, i32, i32) -> i32";
constexpr std::string_view k_i4_i = "(i32, i32, i32, i32) -> i32";
constexpr std::string_view k_i5_v = "(i32, i32, i32, i32, i32) -> ()";
constexpr std::string_view k_i5_i = "(i32, i32, i32, i32, i32) -> i32";
constexpr std::string_view k_i6_i = "(i32, i32, i32, i32, i32, i32) -> i32";
constexpr std::string_view k_i8_i = "(i32, i32, i32, i32, i32, i32, i32, i32) -> i32";
constexpr std::string_view k_i9_i = "(i32, i32, i32, i32, i32, i32, i32, i32, i32) -> i32";
constexpr std::string_view k_i10_i = "(i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) -> i32";
constexpr std::string_view k_i12_i =
    "(i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) -> i32";
constexpr std::string_view k_i_l_i = "(i32, i64) -> i32";

// exports.h "ABI functions exported from host to wasm"; FOR_ALL_HOST_FUNCTIONS for every ABI,
// FOR_ALL_HOST_FUNCTIONS_ABI_SPECIFIC as registerCallbacks() picks them per version.
constexpr std::array k_proxy_functions = {
    AbiFunction{k_env, "proxy_log", k_iii_i},
    AbiFunction{k_env, "proxy_get_status", k_iii_i},
    AbiFunction{k_env, "proxy_set_property", k_i4_i},
    AbiFunction{k_env, "proxy_get_property", k_i4_i},
    AbiFunction{k_env, "proxy_send_local_response", k_i8_i},
    AbiFunction{k_env, "proxy_get_shared_data", k_i5_i},
    AbiFunction{k_env, "proxy_set_shared_data", k_i5_i},
    AbiFunction{k_env, "proxy_register_shared_queue", k_iii_i},
    AbiFunction{k_env, "proxy_resolve_shared_queue", k_i5_i},
    AbiFunction{k_env, "proxy_dequeue_shared_queue", k_iii_i},
    AbiFunction{k_env, "proxy_enqueue_shared_queue", k_iii_i},
    AbiFunction{k_env, "proxy_get_header_map_value", k_i5_i},
    AbiFunction{k_env, "proxy_add_header_map_value", k_i5_i},
    AbiFunction{k_env, "proxy_replace_header_map_value", k_i5_i},
    AbiFunction{k_env, "proxy_remove_header_map_value", k_iii_i},
    AbiFunction{k_env, "proxy_get_header_map_pairs", k_iii_i},
    AbiFunction{k_env, "proxy_set_header_map_pairs", k_iii_i},
    AbiFunction{k_env, "proxy_get_header_map_size", k_ii_i},
    AbiFunction{k_env, "proxy_get_buffer_status", k_iii_i},
    AbiFunction{k_env, "proxy_get_buffer_bytes", k_i5_i},
    AbiFunction{k_env, "proxy_set_buffer_bytes", k_i5_i},
    AbiFunction{k_env, "proxy_http_call", k_i10_i},
    AbiFunction{k_env, "proxy_grpc_call", k_i12_i},
    AbiFunction{k_env, "proxy_grpc_stream", k_i9_i},
    AbiFunction{k_env, "proxy_grpc_close", k_i_i},
    AbiFunction{k_env, "proxy_grpc_cancel", k_i_i},
    AbiFunction{k_env, "proxy_grpc_send", k_i4_i},
    AbiFunction{k_env, "proxy_set_tick_period_milliseconds", k_i_i},
    AbiFunction{k_env, "proxy_get_current_time_nanoseconds", k_i_i},
    AbiFunction{k_env, "proxy_define_metric", k_i4_i},
    AbiFunction{k_env, "proxy_increment_metric", k_i_l_i},
    AbiFunction{k_env, "proxy_record_metric", k_i_l_i},
    AbiFunction{k_env, "proxy_get_metric", k_ii_i},
    AbiFunction{k_env, "proxy_set_effective_context", k_i_i},
    AbiFunction{k_env, "proxy_done", k_v_i},
    AbiFunction{k_env, "proxy_call_foreign_function", k_i6_i},
    AbiFunction{k_env, "proxy_get_configuration", k_ii_i, k_abi_0_1_0},
    AbiFunction{k_env, "proxy_continue_request", k_v_i, k_abi_0_1_0},
    AbiFunction{k_env, "proxy_continue_response", k_v_i, k_abi_0_1_0},
    AbiFunction{k_env, "proxy_clear_route_cache", k_v_i, k_abi_0_1_0},
    AbiFunction{k_env, "proxy_continue_stream", k_i_i, k_abi_0_2_x},
    AbiFunction{k_env, "proxy_close_stream", k_i_i, k_abi_0_2_x},
    AbiFunction{k_env, "proxy_get_log_level", k_i_i, k_abi_0_2_1},
    // Emscripten support, registered in "env" for every ABI.
    AbiFunction{k_env, "pthread_equal", k_ii_i},
    AbiFunction{k_env, "emscripten_notify_memory_growth", k_i_v},
};

// FOR_ALL_WASI_FUNCTIONS, registered under both wasi_unstable and wasi_snapshot_preview1.
constexpr std::array k_wasi_functions = {
    AbiFunction{{}, "fd_write", k_i4_i},
    AbiFunction{{}, "fd_read", k_i4_i},
    AbiFunction{{}, "fd_seek", "(i32, i64, i32, i32) -> i32"},
    AbiFunction{{}, "fd_close", k_i_i},
    AbiFunction{{}, "fd_fdstat_get", k_ii_i},
    AbiFunction{{}, "environ_get", k_ii_i},
    AbiFunction{{}, "environ_sizes_get", k_ii_i},
    AbiFunction{{}, "args_get", k_ii_i},
    AbiFunction{{}, "args_sizes_get", k_ii_i},
    AbiFunction{{}, "clock_time_get", "(i32, i64, i32) -> i32"},
    AbiFunction{{}, "random_get", k_ii_i},
    AbiFunction{{}, "proc_exit", k_i_v},
    AbiFunction{{}, "path_open", "(i32, i32, i32, i32, i32, i64, i64, i32, i32) -> i32"},
    AbiFunction{{}, "fd_prestat_get", k_ii_i},
    AbiFunction{{}, "fd_prestat_dir_name", k_iii_i},
};

// wasm.h "Calls into the VM" and getFunctions(): WasmCallWord<N> / WasmCallVoid<N>.
constexpr std::array k_callbacks = {
    AbiFunction{{}, "malloc", k_i_i},
    AbiFunction{{}, "proxy_on_memory_allocate", k_i_i},
    AbiFunction{{}, "_initialize", k_v_v},
    AbiFunction{{}, "_start", k_v_v},
    AbiFunction{{}, "main", k_ii_i},
    AbiFunction{{}, "proxy_validate_configuration", k_ii_i},
    AbiFunction{{}, "proxy_on_vm_start", k_ii_i},
    AbiFunction{{}, "proxy_on_configure", k_ii_i},
    AbiFunction{{}, "proxy_on_tick", k_i_v},
    AbiFunction{{}, "proxy_on_context_create", k_ii_v},
    AbiFunction{{}, "proxy_on_new_connection", k_i_i},
    AbiFunction{{}, "proxy_on_downstream_data", k_iii_i},
    AbiFunction{{}, "proxy_on_upstream_data", k_iii_i},
    AbiFunction{{}, "proxy_on_downstream_connection_close", k_ii_v},
    AbiFunction{{}, "proxy_on_upstream_connection_close", k_ii_v},
    AbiFunction{{}, "proxy_on_request_headers", k_ii_i, k_abi_0_1_0},
    AbiFunction{{}, "proxy_on_request_headers", k_iii_i, k_abi_0_2_x},
    AbiFunction{{}, "proxy_on_request_body", k_iii_i},
    AbiFunction{{}, "proxy_on_request_trailers", k_ii_i},
    AbiFunction{{}, "proxy_on_request_metadata", k_ii_i},
    AbiFunction{{}, "proxy_on_response_headers", k_ii_i, k_abi_0_1_0},
    AbiFunction{{}, "proxy_on_response_headers", k_iii_i, k_abi_0_2_x},
    AbiFunction{{}, "proxy_on_response_body", k_iii_i},
    AbiFunction{{}, "proxy_on_response_trailers", k_ii_i},
    AbiFunction{{}, "proxy_on_response_metadata", k_ii_i},
    AbiFunction{{}, "proxy_on_http_call_response", k_i5_v},
    AbiFunction{{}, "proxy_on_grpc_receive", k_iii_v},
    AbiFunction{{}, "proxy_on_grpc_close", k_iii_v},
    AbiFunction{{}, "proxy_on_grpc_receive_initial_metadata", k_iii_v},
    AbiFunction{{}, "proxy_on_grpc_receive_trailing_metadata", k_iii_v},
    AbiFunction{{}, "proxy_on_queue_ready", k_ii_v},
    AbiFunction{{}, "proxy_on_foreign_function", k_iii_v, k_abi_0_2_x},
    AbiFunction{{}, "proxy_on_done", k_i_i},
    AbiFunction{{}, "proxy_on_log", k_i_v},
    AbiFunction{{}, "proxy_on_delete", k_i_v},
};

} // namespace

AbiSet abi_bit(std::optional<AbiVersion> version)
{
    if (!version) {
        return k_abi_all;
    }
    return 1U << static_cast<unsigned>(*version);
}

std::string_view to_string(AbiVersion version)
{
    switch (version) {
    case AbiVersion::v0_1_0:
        return "0.1.0";
    case AbiVersion::v0_2_0:
        return "0.2.0";
    case AbiVersion::v0_2_1:
        return "0.2.1";
    }
    return "?";
}

std::string_view describe_abis(AbiSet abis)
{
    switch (abis & k_abi_all) {
    case k_abi_0_1_0:
        return "0.1.0";
    case k_abi_0_2_0:
        return "0.2.0";
    case k_abi_0_2_1:
        return "0.2.1";
    case k_abi_0_2_x:
        return "0.2.0 and 0.2.1";
    case k_abi_all:
        return "every ABI";
    default:
        return "some ABIs";
    }
}

std::optional<AbiVersion> abi_from_marker(std::string_view export_name)
{
    if (export_name == "proxy_abi_version_0_1_0") {
        return AbiVersion::v0_1_0;
    }
    if (export_name == "proxy_abi_version_0_2_0") {
        return AbiVersion::v0_2_0;
    }
    if (export_name == "proxy_abi_version_0_2_1") {
        return AbiVersion::v0_2_1;
    }
    return std::nullopt;
}

std::span<const AbiFunction> host_functions(std::string_view module)
{
    if (module == k_env) {
        return k_proxy_functions;
    }
    if (module == k_wasi || module == k_wasi_unstable) {
        return k_wasi_functions;
    }
    return {};
}

std::span<const AbiFunction> module_callbacks()
{
    return k_callbacks;
}

bool is_host_module(std::string_view module)
{
    return module == k_env || module == k_wasi || module == k_wasi_unstable;
}

} // namespace oras::wasm
