;; example-filter.wat: a minimal proxy-wasm HTTP filter, written by hand in WebAssembly text.
;;
;; What it does: adds the header
;;
;;     resp-header-demo: added by our filter
;;
;; to every HTTP response that passes through Envoy (or Istio / ASM sidecars and gateways).
;;
;; ABI: proxy-wasm 0.2.1 (https://github.com/proxy-wasm/spec, abi-versions/v0.2.1).
;; The host (Envoy's proxy-wasm-cpp-host) loads a module when it:
;;   1. exports a marker function named after the ABI version (here proxy_abi_version_0_2_1),
;;   2. exports an allocator, proxy_on_memory_allocate (or the deprecated malloc),
;;   3. exports a linear memory (any name; we call it "memory"),
;;   4. imports only host functions the host knows, with exactly the host's signatures.
;; Every proxy_on_* callback is optional: the host skips callbacks that are not exported.
;;
;; Build and check (Debian package wabt):
;;   wat2wasm example-filter.wat -o example-filter.wasm
;;   wasm-validate example-filter.wasm
;;   wasm-objdump -x example-filter.wasm
;; Add --debug-names to wat2wasm to keep the names below ($resp_header_demo, $on_response_headers,
;; ...) in a "name" custom section; Envoy then uses them in stack traces.
;;
;; All parameters and results are i32 unless noted. Pointers are offsets into our linear memory.

(module $resp_header_demo

  ;; ---------------------------------------------------------------------------------------------
  ;; Imports: host functions, all from module "env", all returning a proxy_status_t
  ;; (0 = OK, 1 = NOT_FOUND, 2 = BAD_ARGUMENT, ...).
  ;; ---------------------------------------------------------------------------------------------

  ;; proxy_log(log_level, message_data, message_size) -> status
  ;; log_level: TRACE 0, DEBUG 1, INFO 2, WARN 3, ERROR 4, CRITICAL 5.
  (import "env" "proxy_log"
    (func $proxy_log (param $level i32) (param $msg_ptr i32) (param $msg_len i32) (result i32)))

  ;; proxy_add_header_map_value(map_type, key_data, key_size, value_data, value_size) -> status
  ;; map_type: HTTP_REQUEST_HEADERS 0, HTTP_REQUEST_TRAILERS 1, HTTP_RESPONSE_HEADERS 2, ...
  ;; It appends a header (use proxy_replace_header_map_value to add-or-replace instead).
  (import "env" "proxy_add_header_map_value"
    (func $proxy_add_header_map_value
      (param $map_type i32) (param $key_ptr i32) (param $key_len i32)
      (param $value_ptr i32) (param $value_len i32)
      (result i32)))

  ;; ---------------------------------------------------------------------------------------------
  ;; The ABI version marker. The host only looks at its name; it is never called.
  ;; Declared first so that it is the first function export in the binary.
  ;; ---------------------------------------------------------------------------------------------
  (func $abi_marker (export "proxy_abi_version_0_2_1"))

  ;; ---------------------------------------------------------------------------------------------
  ;; Memory layout (one 64 KiB page to start with):
  ;;   [0, 1024)        unused (keeps address 0, the "null pointer", away from real data)
  ;;   [1024, 1280)     constant strings, from the data segments below
  ;;   [2048, ...)      heap for proxy_on_memory_allocate, growing upwards
  ;; ---------------------------------------------------------------------------------------------
  (memory $memory (export "memory") 1)

  ;; The header name and value. Header names must be lower case (HTTP/2 rules, which Envoy applies
  ;; to HTTP/1 too). Their lengths (16 and 19 bytes) are repeated as constants in the code below.
  (data (i32.const 1024) "resp-header-demo")      ;; 16 bytes at 1024
  (data (i32.const 1056) "added by our filter")   ;; 19 bytes at 1056
  (data (i32.const 1088) "resp_header_demo: VM started, adding resp-header-demo to responses")
                                                  ;; 66 bytes at 1088

  ;; The next free heap byte. The heap is never freed: the host hands us buffers (configuration,
  ;; header values it returns) through this allocator, and this filter asks for none, so a bump
  ;; allocator is all it needs. A filter that calls proxy_get_* on every request would need a
  ;; real allocator (or would reset the heap per request).
  (global $heap_top (mut i32) (i32.const 2048))

  ;; proxy_on_memory_allocate(memory_size) -> memory_data
  ;; Called by the host when it needs to copy data into our memory. Returns an 8-byte aligned
  ;; pointer to `size` fresh bytes, growing the memory when needed, or 0 when out of memory.
  (func $on_memory_allocate (export "proxy_on_memory_allocate")
    (param $size i32) (result i32)
    (local $ptr i32)
    (local $end i32)
    (local $capacity i32)
    ;; ptr = align_up(heap_top, 8)
    (local.set $ptr
      (i32.and (i32.add (global.get $heap_top) (i32.const 7)) (i32.const -8)))
    ;; end = ptr + size; an unsigned wrap-around means the request is too large.
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.lt_u (local.get $end) (local.get $ptr))
      (then (return (i32.const 0))))
    ;; Grow by as many 64 KiB pages as are missing; memory.grow returns -1 on failure.
    (local.set $capacity (i32.shl (memory.size) (i32.const 16)))
    (if (i32.gt_u (local.get $end) (local.get $capacity))
      (then
        (if (i32.eq
              (memory.grow
                (i32.shr_u
                  (i32.add (i32.sub (local.get $end) (local.get $capacity)) (i32.const 0xffff))
                  (i32.const 16)))
              (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $heap_top (local.get $end))
    (local.get $ptr))

  ;; proxy_on_context_create(context_id, parent_context_id) -> ()
  ;; Called once for the root (plugin) context (parent 0) and once per HTTP stream (parent = the
  ;; root context's id). This filter keeps no per-stream state, so there is nothing to do.
  (func $on_context_create (export "proxy_on_context_create")
    (param $context_id i32) (param $parent_context_id i32))

  ;; proxy_on_vm_start(unused, vm_configuration_size) -> status (1 = success, 0 = fail the VM)
  ;; Logs one INFO line so that operators can see the filter was loaded.
  (func $on_vm_start (export "proxy_on_vm_start")
    (param $root_context_id i32) (param $vm_configuration_size i32) (result i32)
    (drop (call $proxy_log (i32.const 2) (i32.const 1088) (i32.const 66)))
    (i32.const 1))

  ;; proxy_on_configure(plugin_context_id, plugin_configuration_size) -> status (1 = success)
  ;; A configurable filter would read its configuration here with
  ;; proxy_get_buffer_bytes(7 /* PLUGIN_CONFIGURATION */, 0, size, &ptr, &len). This one has none.
  (func $on_configure (export "proxy_on_configure")
    (param $plugin_context_id i32) (param $plugin_configuration_size i32) (result i32)
    (i32.const 1))

  ;; proxy_on_response_headers(context_id, num_headers, end_of_stream) -> action
  ;; Called once per response, while its headers may still be changed. Returns CONTINUE (0) so
  ;; the response goes on at once (PAUSE = 1 would hold it until proxy_continue_stream).
  (func $on_response_headers (export "proxy_on_response_headers")
    (param $context_id i32) (param $num_headers i32) (param $end_of_stream i32) (result i32)
    ;; The status is ignored: a failed add must not fail the response.
    (drop
      (call $proxy_add_header_map_value
        (i32.const 2)                          ;; HTTP_RESPONSE_HEADERS
        (i32.const 1024) (i32.const 16)        ;; "resp-header-demo"
        (i32.const 1056) (i32.const 19)))      ;; "added by our filter"
    (i32.const 0))                             ;; CONTINUE
)
