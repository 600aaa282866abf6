#!/usr/bin/env node
// proxy_wasm_host.js: a minimal proxy-wasm ABI 0.2.1 host on Node.js's V8 (the engine Envoy
// uses), for the integration suites. It loads a filter as proxy-wasm-cpp-host does, drives one
// HTTP stream through it and prints what the filter did as one JSON document on stdout.
//
// Usage: node proxy_wasm_host.js MODULE.wasm [--plugin-config TEXT]
//          [--request-headers JSON] [--response-headers JSON]
// Headers: a JSON object {"k":"v"} or a list of pairs [["k","v"],...]. Exit 0 with the report
//   {"abi", "calls": {callback: result of its last call, null for void}, "request_headers",
//    "response_headers", "logs": [{level, message}], "local_response", "unimplemented":
//    ["module.name" of each stubbed import], "stub_calls", "tick_period_ms", "continued_streams"};
// exit 1 on a trap or a load-rule failure (one line on stderr), 2 on a usage error.
// Plain CommonJS for Debian 12's nodejs 18; no npm packages.
//
// Sources: proxy-wasm/spec abi-versions/v0.2.1/README.md; proxy-wasm-cpp-host's load rules
// (wasm-formats.md §7.1); header-map serialisation (§7.4).
'use strict';

const fs = require('fs');
const crypto = require('crypto');

// --- ABI constants (spec v0.2.1 "Types") ---------------------------------------------------------

const Status = {
  ok: 0, not_found: 1, bad_argument: 2, invalid_memory_access: 6, unimplemented: 12,
};
const Errno = { success: 0, badf: 8, fault: 21, inval: 28, nosys: 52 };
const k_log_levels = ['trace', 'debug', 'info', 'warn', 'error', 'critical'];
const k_root_context = 1;
const k_stream_context = 2;
const k_abi_markers = { proxy_abi_version_0_2_0: '0.2.0', proxy_abi_version_0_2_1: '0.2.1' };
const k_import_modules = ['env', 'wasi_snapshot_preview1', 'wasi_unstable'];

// Signatures as "params:results", i = i32, I = i64. A known import or export with another
// signature fails the load, as in cpp-host ("import type mismatch", "Bad function signature").
const k_host_signatures = {
  proxy_log: 'iii:i', proxy_get_log_level: 'i:i', proxy_get_current_time_nanoseconds: 'i:i',
  proxy_set_tick_period_milliseconds: 'i:i', proxy_done: ':i', proxy_set_effective_context: 'i:i',
  proxy_set_buffer_bytes: 'iiiii:i', proxy_get_buffer_bytes: 'iiiii:i',
  proxy_get_buffer_status: 'iii:i', proxy_get_header_map_size: 'ii:i',
  proxy_get_header_map_pairs: 'iii:i', proxy_set_header_map_pairs: 'iii:i',
  proxy_get_header_map_value: 'iiiii:i', proxy_add_header_map_value: 'iiiii:i',
  proxy_replace_header_map_value: 'iiiii:i', proxy_remove_header_map_value: 'iii:i',
  proxy_continue_stream: 'i:i', proxy_close_stream: 'i:i', proxy_get_status: 'iii:i',
  proxy_send_local_response: 'iiiiiiii:i', proxy_http_call: 'iiiiiiiiii:i',
  proxy_grpc_call: 'iiiiiiiiiiii:i', proxy_grpc_stream: 'iiiiiiiii:i', proxy_grpc_send: 'iiii:i',
  proxy_grpc_cancel: 'i:i', proxy_grpc_close: 'i:i', proxy_set_shared_data: 'iiiii:i',
  proxy_get_shared_data: 'iiiii:i', proxy_register_shared_queue: 'iii:i',
  proxy_resolve_shared_queue: 'iiiii:i', proxy_enqueue_shared_queue: 'iii:i',
  proxy_dequeue_shared_queue: 'iii:i', proxy_define_metric: 'iiii:i', proxy_record_metric: 'iI:i',
  proxy_increment_metric: 'iI:i', proxy_get_metric: 'ii:i', proxy_get_property: 'iiii:i',
  proxy_set_property: 'iiii:i', proxy_call_foreign_function: 'iiiiii:i',
  pthread_equal: 'ii:i', emscripten_notify_memory_growth: 'i:',
};
const k_wasi_signatures = {
  fd_write: 'iiii:i', clock_time_get: 'iIi:i', random_get: 'ii:i', environ_sizes_get: 'ii:i',
  environ_get: 'ii:i', args_sizes_get: 'ii:i', args_get: 'ii:i', proc_exit: 'i:',
};
const k_export_signatures = {
  malloc: 'i:i', proxy_on_memory_allocate: 'i:i', _initialize: ':', _start: ':', main: 'ii:i',
  __main_void: ':i', proxy_on_context_create: 'ii:', proxy_on_vm_start: 'ii:i',
  proxy_on_configure: 'ii:i', proxy_on_request_headers: 'iii:i', proxy_on_response_headers: 'iii:i',
  proxy_on_done: 'i:i', proxy_on_log: 'i:', proxy_on_delete: 'i:',
};

// A failure that ends the run: printed as one line on stderr, exit 1.
class HostError extends Error {}
// Thrown by wasi proc_exit to unwind the module.
class ProcExit extends Error {
  constructor(code) {
    super(`proc_exit(${code})`);
    this.code = code;
  }
}

// --- The binary: the sections the load rules need (WebAssembly core spec, "Binary Format") ------

// Returns {imports, funcTypes, exports} of a module V8 has validated. Types are "params:results";
// funcTypes maps each function index (imports first) to its type.
function parseModule(bytes) {
  let pos = 8;
  const u8 = () => bytes[pos++];
  const u32 = () => {
    let result = 0, shift = 0, b;
    do {
      b = u8();
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return result;
  };
  const name = () => {
    const len = u32();
    pos += len;
    return bytes.toString('utf8', pos - len, pos);
  };
  const vec = (item) => Array.from({ length: u32() }, item);
  const valtype = () => ({ 0x7f: 'i', 0x7e: 'I', 0x7d: 'f', 0x7c: 'F' })[u8()] || 'x';
  const limits = () => {
    const flags = u8();
    if (flags > 3) throw new HostError('64-bit memories and tables are not supported');
    const min = u32();
    return { min, max: flags & 1 ? u32() : undefined, shared: (flags & 2) !== 0 };
  };
  const m = { types: [], imports: [], funcTypes: [], exports: [] };
  while (pos < bytes.length) {
    const id = u8(), size = u32(), end = pos + size;
    if (id === 1) {
      m.types = vec(() => {
        u8(); // 0x60: a function type
        const params = vec(valtype).join('');
        return `${params}:${vec(valtype).join('')}`;
      });
    } else if (id === 2) {
      m.imports = vec(() => {
        const imp = { module: name(), name: name(), kind: u8() };
        if (imp.kind === 0) m.funcTypes.push((imp.type = m.types[u32()])); // function: type index
        if (imp.kind === 1) u8(); // table: an element type, then limits
        if (imp.kind === 1 || imp.kind === 2) imp.limits = limits(); // memory: limits
        if (imp.kind === 3) pos += 2; // global: a value type and a mutability flag
        if (imp.kind === 4) {
          u8(); // tag: an attribute and a type index
          u32();
        }
        return imp;
      });
    } else if (id === 3) {
      vec(() => m.funcTypes.push(m.types[u32()]));
    } else if (id === 7) {
      m.exports = vec(() => ({ name: name(), kind: u8(), index: u32() }));
    }
    pos = end;
  }
  return m;
}

// --- Linear memory: every access takes a fresh view, since a call into the module may grow
// (and so detach) the buffer ---------------------------------------------------------------------

class Memory {
  constructor() {
    this.memory = null; // the WebAssembly.Memory, once known
    this.allocate = null; // the module's malloc or proxy_on_memory_allocate
  }
  view() { return new Uint8Array(this.memory.buffer); }
  data() { return new DataView(this.memory.buffer); }
  check(ptr, len) {
    if (ptr < 0 || len < 0 || ptr + len > this.memory.buffer.byteLength) {
      throw new HostError(`invalid memory access at ${ptr}+${len}`);
    }
  }
  bytes(ptr, len) {
    this.check(ptr, len);
    return Buffer.from(this.view().slice(ptr, ptr + len));
  }
  string(ptr, len) { return this.bytes(ptr, len).toString('utf8'); }
  u32(ptr) { this.check(ptr, 4); return this.data().getUint32(ptr, true); }
  setU32(ptr, v) { this.check(ptr, 4); this.data().setUint32(ptr, v, true); }
  setU64(ptr, v) { this.check(ptr, 8); this.data().setBigUint64(ptr, v, true); }
  // Copies `data` into memory the module allocates; stores the pointer at `ptrPtr` and the size
  // at `sizePtr` (cpp-host copyToPointerSize: nothing is allocated for empty data).
  give(data, ptrPtr, sizePtr) {
    let ptr = 0;
    if (data.length > 0) {
      ptr = this.allocate(data.length) >>> 0;
      if (ptr === 0) throw new HostError(`the module failed to allocate ${data.length} bytes`);
      this.check(ptr, data.length);
      this.view().set(data, ptr);
    }
    this.setU32(ptrPtr, ptr);
    this.setU32(sizePtr, data.length);
  }
}

// --- Header maps: u32 n, n x (u32 key size, u32 value size), then each "key\0value\0" ------------

function serializePairs(pairs) {
  const head = Buffer.alloc(4 + 8 * pairs.length);
  const parts = [head];
  head.writeUInt32LE(pairs.length, 0);
  pairs.forEach(([k, v], i) => {
    const key = Buffer.from(k), value = Buffer.from(v);
    head.writeUInt32LE(key.length, 4 + 8 * i);
    head.writeUInt32LE(value.length, 8 + 8 * i);
    parts.push(key, Buffer.alloc(1), value, Buffer.alloc(1));
  });
  return Buffer.concat(parts);
}

// Returns the pairs of serialised map `data` (empty: no bytes or one 0x00), or null if malformed.
function deserializePairs(data) {
  if (data.length === 0 || (data.length === 1 && data[0] === 0)) return [];
  if (data.length < 4) return null;
  const n = data.readUInt32LE(0), pairs = [];
  let pos = 4 + 8 * n;
  if (pos > data.length) return null;
  for (let i = 0; i < n; i++) {
    const klen = data.readUInt32LE(4 + 8 * i), vlen = data.readUInt32LE(8 + 8 * i);
    const vpos = pos + klen + 1;
    if (vpos + vlen >= data.length || data[vpos - 1] !== 0 || data[vpos + vlen] !== 0) return null;
    pairs.push([data.toString('utf8', pos, vpos - 1), data.toString('utf8', vpos, vpos + vlen)]);
    pos = vpos + vlen + 1;
  }
  return pairs;
}

// --- Host functions -----------------------------------------------------------------------------

// Returns the env functions over `state` (header maps, buffers, report) and `mem`. Map ids 0..3
// are the stream's request/response headers and trailers; 4..7 belong to calls this host never
// makes (NOT_FOUND). Keys are lower-cased as Envoy does (Http::LowerCaseString).
function envFunctions(state, mem) {
  const r = state.report;
  const key = (ptr, len) => mem.string(ptr, len).toLowerCase();
  const withMap = (fn) => (id, ...args) => (state.maps[id] ? fn(id, ...args) : Status.not_found);
  return {
    proxy_log(level, ptr, len) {
      r.logs.push({ level: k_log_levels[level] || String(level), message: mem.string(ptr, len) });
      return Status.ok;
    },
    // TRACE, so that every line the filter logs reaches the report (Envoy's default is INFO).
    proxy_get_log_level(ptr) { mem.setU32(ptr, 0); return Status.ok; },
    proxy_get_current_time_nanoseconds(ptr) {
      mem.setU64(ptr, BigInt(Date.now()) * 1000000n);
      return Status.ok;
    },
    proxy_set_tick_period_milliseconds(ms) { r.tick_period_ms = ms; return Status.ok; },
    proxy_set_effective_context(id) {
      return id === k_root_context || id === k_stream_context ? Status.ok : Status.bad_argument;
    },
    proxy_done() { return Status.ok; },
    proxy_continue_stream(type) { r.continued_streams.push(type); return Status.ok; },
    proxy_get_property() { return Status.not_found; },
    proxy_get_buffer_status(id, sizePtr, flagsPtr) {
      if (!state.buffers[id]) return Status.not_found;
      mem.setU32(sizePtr, state.buffers[id].length);
      mem.setU32(flagsPtr, 0);
      return Status.ok;
    },
    proxy_get_buffer_bytes(id, start, maxSize, ptrPtr, sizePtr) {
      const buffer = state.buffers[id], from = start >>> 0; // u32 arguments
      if (!buffer) return Status.not_found;
      if (from > buffer.length) return Status.bad_argument;
      mem.give(buffer.subarray(from, from + (maxSize >>> 0)), ptrPtr, sizePtr);
      return Status.ok;
    },
    proxy_get_header_map_size: withMap((id, sizePtr) => {
      mem.setU32(sizePtr, serializePairs(state.maps[id]).length);
      return Status.ok;
    }),
    proxy_get_header_map_pairs: withMap((id, ptrPtr, sizePtr) => {
      mem.give(serializePairs(state.maps[id]), ptrPtr, sizePtr);
      return Status.ok;
    }),
    proxy_set_header_map_pairs: withMap((id, ptr, len) => {
      const pairs = deserializePairs(mem.bytes(ptr, len));
      if (!pairs) return Status.bad_argument;
      state.maps[id] = pairs.map(([k, v]) => [k.toLowerCase(), v]);
      return Status.ok;
    }),
    proxy_get_header_map_value: withMap((id, kPtr, kLen, ptrPtr, sizePtr) => {
      const k = key(kPtr, kLen), pair = state.maps[id].find((p) => p[0] === k);
      if (!pair) return Status.not_found;
      mem.give(Buffer.from(pair[1]), ptrPtr, sizePtr);
      return Status.ok;
    }),
    proxy_add_header_map_value: withMap((id, kPtr, kLen, vPtr, vLen) => {
      state.maps[id].push([key(kPtr, kLen), mem.string(vPtr, vLen)]);
      return Status.ok;
    }),
    // Add-or-replace: the first entry with the key takes the value, later ones go.
    proxy_replace_header_map_value: withMap((id, kPtr, kLen, vPtr, vLen) => {
      const k = key(kPtr, kLen), v = mem.string(vPtr, vLen);
      const first = state.maps[id].findIndex((p) => p[0] === k);
      if (first < 0) state.maps[id].push([k, v]);
      else state.maps[id] = state.maps[id].filter((p, i) => p[0] !== k || i === first);
      if (first >= 0) state.maps[id][first][1] = v;
      return Status.ok;
    }),
    proxy_remove_header_map_value: withMap((id, kPtr, kLen) => {
      const k = key(kPtr, kLen);
      state.maps[id] = state.maps[id].filter((p) => p[0] !== k);
      return Status.ok;
    }),
    proxy_send_local_response(code, dPtr, dLen, bPtr, bLen, hPtr, hLen, grpcStatus) {
      const headers = deserializePairs(mem.bytes(hPtr, hLen));
      if (!headers) return Status.bad_argument;
      const details = mem.string(dPtr, dLen), body = mem.string(bPtr, bLen);
      r.local_response = { status_code: code, details, body, headers, grpc_status: grpcStatus };
      return Status.ok;
    },
  };
}

// Returns the WASI functions a Rust or TinyGo SDK filter needs to start: no arguments, no
// environment; stdout becomes INFO log lines and stderr ERROR ones (as in cpp-host).
function wasiFunctions(state, mem) {
  const sizesNone = (countPtr, sizePtr) => {
    mem.setU32(countPtr, 0);
    mem.setU32(sizePtr, 0);
    return Errno.success;
  };
  return {
    fd_write(fd, iovs, iovsLen, writtenPtr) {
      if (fd !== 1 && fd !== 2) return Errno.badf;
      const parts = [];
      for (let i = 0; i < iovsLen; i++) {
        parts.push(mem.bytes(mem.u32(iovs + 8 * i), mem.u32(iovs + 8 * i + 4)));
      }
      const data = Buffer.concat(parts);
      const message = data.toString('utf8').replace(/\n$/, '');
      state.report.logs.push({ level: fd === 1 ? 'info' : 'error', message });
      mem.setU32(writtenPtr, data.length);
      return Errno.success;
    },
    clock_time_get(id, precision, ptr) {
      if (id === 0) mem.setU64(ptr, BigInt(Date.now()) * 1000000n);
      else if (id === 1) mem.setU64(ptr, process.hrtime.bigint());
      else return Errno.inval;
      return Errno.success;
    },
    random_get(ptr, len) {
      mem.check(ptr, len);
      crypto.randomFillSync(mem.view(), ptr, len);
      return Errno.success;
    },
    environ_sizes_get: sizesNone,
    environ_get: () => Errno.success,
    args_sizes_get: sizesNone,
    args_get: () => Errno.success,
    proc_exit(code) { throw new ProcExit(code); },
  };
}

// Wraps each function of `fns` so that a bad pointer returns `fault` instead of throwing.
function guardMemory(fns, fault) {
  for (const [name, fn] of Object.entries(fns)) {
    fns[name] = (...args) => {
      try {
        return fn(...args);
      } catch (e) {
        if (e instanceof HostError) return fault;
        throw e;
      }
    };
  }
  return fns;
}

// --- Loading (proxy-wasm-cpp-host's rules, wasm-formats.md §7.1) --------------------------------

// Returns the import object for `parsed`, or throws HostError for imports Envoy would not link.
// Host functions not implemented here become stubs returning UNIMPLEMENTED (WASI: ENOSYS), listed
// in report.unimplemented; calls to them are counted in report.stub_calls.
function buildImports(parsed, state, mem) {
  const impl = {
    env: guardMemory(envFunctions(state, mem), Status.invalid_memory_access),
    wasi: guardMemory(wasiFunctions(state, mem), Errno.fault),
  };
  const imports = {};
  for (const imp of parsed.imports) {
    const where = `${imp.module}.${imp.name}`;
    if (!k_import_modules.includes(imp.module)) {
      throw new HostError(`Failed to load Wasm module due to a missing import: ${where}`);
    }
    const into = (imports[imp.module] = imports[imp.module] || {});
    const limits = imp.limits && { initial: imp.limits.min, maximum: imp.limits.max };
    if (imp.kind === 1) {
      into[imp.name] = new WebAssembly.Table(Object.assign({ element: 'anyfunc' }, limits));
      continue;
    }
    if (imp.kind === 2) {
      mem.memory = new WebAssembly.Memory(Object.assign({ shared: imp.limits.shared }, limits));
      into[imp.name] = mem.memory;
      continue;
    }
    if (imp.kind !== 0) {
      throw new HostError(`Failed to load Wasm module: ${where} imports a global or a tag`);
    }
    const isEnv = imp.module === 'env';
    const known = (isEnv ? k_host_signatures : k_wasi_signatures)[imp.name];
    if (known && known !== imp.type) {
      throw new HostError(
        `Failed to load Wasm module due to an import type mismatch: ${where} (${imp.type}), ` +
          `the host's is (${known})`);
    }
    into[imp.name] = (isEnv ? impl.env : impl.wasi)[imp.name] || makeStub(where, imp.type, state);
    if (isEnv && !known) {
      process.stderr.write(`proxy_wasm_host: warning: ${where} is not a proxy-wasm 0.2.1 host ` +
        'function: Envoy would refuse to load this module\n');
    }
  }
  return imports;
}

// Returns a stub for import `where` of type `type` that counts its calls and fails.
function makeStub(where, type, state) {
  const code = where.startsWith('env.') ? Status.unimplemented : Errno.nosys;
  const result = type.split(':')[1];
  state.report.unimplemented.push(where);
  return () => {
    state.report.stub_calls[where] = (state.report.stub_calls[where] || 0) + 1;
    if (!result) return undefined;
    return result === 'I' ? BigInt(code) : code;
  };
}

// Checks the exports' signatures and the allocator; returns the ABI version named by the first
// function export that is a marker (BytecodeUtil::getAbiVersion), or throws HostError.
function checkExports(parsed) {
  let abi = null;
  for (const exp of parsed.exports.filter((e) => e.kind === 0)) {
    if (!abi && exp.name === 'proxy_abi_version_0_1_0') {
      throw new HostError('ABI 0.1.0 modules are not supported by this 0.2.x host');
    }
    abi = abi || k_abi_markers[exp.name] || null;
    const want = k_export_signatures[exp.name], got = parsed.funcTypes[exp.index];
    if (want && want !== got) {
      throw new HostError(`Bad function signature for: ${exp.name} (${got}; expected ${want})`);
    }
  }
  if (!abi) {
    throw new HostError('Missing or unknown Proxy-Wasm ABI version: no function export named ' +
      Object.keys(k_abi_markers).join(' or '));
  }
  const isAllocator = (e) => e.kind === 0 && /^(malloc|proxy_on_memory_allocate)$/.test(e.name);
  if (!parsed.exports.some(isAllocator)) {
    throw new HostError('Wasm module is missing malloc function (export proxy_on_memory_allocate)');
  }
  return abi;
}

// Returns the validated WebAssembly.Module of file `path` and its parsed sections.
function loadModule(path) {
  let bytes, module;
  try {
    bytes = fs.readFileSync(path);
  } catch (e) {
    throw new HostError(`cannot read ${path}: ${e.message}`);
  }
  if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x0061736d) {
    throw new HostError(`${path}: not a WebAssembly binary (no \\0asm magic)`);
  }
  if (bytes.readUInt32LE(4) !== 1) {
    throw new HostError(`${path}: not a core WebAssembly module (a component?)`);
  }
  try {
    module = new WebAssembly.Module(bytes);
  } catch (e) {
    throw new HostError(`${path}: invalid module: ${e.message}`);
  }
  return { module, parsed: parseModule(bytes) };
}

// --- Running one stream -------------------------------------------------------------------------

// Returns call(name, ...args): calls export `name` if the module has it and records its result
// in report.calls (null for void); a trap becomes a HostError naming the callback.
function makeCaller(exports, report) {
  return (name, ...args) => {
    if (typeof exports[name] !== 'function') return undefined;
    let result;
    try {
      result = exports[name](...args);
    } catch (e) {
      if (e instanceof HostError || e instanceof ProcExit) throw e;
      throw new HostError(`trap in ${name}(${args.join(', ')}): ${e.message}`);
    }
    report.calls[name] = result === undefined ? null : result;
    return result;
  };
}

// Runs the module's start-up code as cpp-host's WasmBase::initialize; proc_exit(0) ends it well.
function startModule(exports, call) {
  try {
    if (exports._initialize) {
      call('_initialize');
      if (exports.main) call('main', 0, 0);
      else call('__main_void');
    } else {
      call('_start');
    }
  } catch (e) {
    if (e instanceof ProcExit && e.code === 0) return;
    throw e;
  }
}

// Loads module `opts.module`, drives the root context and one HTTP stream through it as Envoy
// does and returns the report; throws HostError on a load-rule failure, a trap or a failed start.
function run(opts) {
  const { module, parsed } = loadModule(opts.module);
  const report = {
    abi: checkExports(parsed), calls: {}, request_headers: null, response_headers: null,
    logs: [], local_response: null, unimplemented: [], stub_calls: {}, tick_period_ms: null,
    continued_streams: [],
  };
  const state = {
    report,
    maps: { 0: opts.requestHeaders, 1: [], 2: opts.responseHeaders, 3: [] },
    // VM_CONFIGURATION (6) is empty; PLUGIN_CONFIGURATION (7) is --plugin-config.
    buffers: { 6: Buffer.alloc(0), 7: opts.pluginConfig },
  };
  const mem = new Memory();
  const exports = new WebAssembly.Instance(module, buildImports(parsed, state, mem)).exports;
  const memoryExport = parsed.exports.find((e) => e.kind === 2);
  if (memoryExport) mem.memory = exports[memoryExport.name];
  if (!mem.memory) throw new HostError('the module has no linear memory (exported or imported)');
  mem.allocate = exports.malloc || exports.proxy_on_memory_allocate;

  const call = makeCaller(exports, report);
  startModule(exports, call);
  call('proxy_on_context_create', k_root_context, 0);
  if (call('proxy_on_vm_start', k_root_context, 0) === 0) {
    throw new HostError('proxy_on_vm_start returned 0: Envoy would fail the VM');
  }
  if (call('proxy_on_configure', k_root_context, opts.pluginConfig.length) === 0) {
    throw new HostError('proxy_on_configure returned 0: Envoy would reject the configuration');
  }
  call('proxy_on_context_create', k_stream_context, k_root_context);
  call('proxy_on_request_headers', k_stream_context, state.maps[0].length, 1);
  call('proxy_on_response_headers', k_stream_context, state.maps[2].length, 1);
  call('proxy_on_done', k_stream_context);
  call('proxy_on_log', k_stream_context);
  call('proxy_on_delete', k_stream_context);
  report.request_headers = state.maps[0];
  report.response_headers = state.maps[2];
  return report;
}

// --- Command line -------------------------------------------------------------------------------

// Returns the pairs (keys lower-cased) of a JSON object or list of pairs given for `flag`.
function parseHeaders(flag, text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new HostError(`${flag}: invalid JSON: ${e.message}`);
  }
  const pairs = Array.isArray(value) ? value : Object.entries(value || {});
  const isPair = (p) => Array.isArray(p) && p.length === 2 && p.every((s) => typeof s === 'string');
  if (!pairs.every(isPair)) {
    throw new HostError(`${flag}: expected {"name": "value", ...} or [["name", "value"], ...]`);
  }
  return pairs.map(([k, v]) => [k.toLowerCase(), v]);
}

function parseArgs(argv) {
  const opts = {
    module: null,
    pluginConfig: Buffer.alloc(0),
    requestHeaders: [[':authority', 'example.com'], [':method', 'GET'], [':path', '/'],
      [':scheme', 'http']],
    responseHeaders: [[':status', '200'], ['content-type', 'text/plain']],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new HostError(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--plugin-config') opts.pluginConfig = Buffer.from(value());
    else if (arg === '--request-headers') opts.requestHeaders = parseHeaders(arg, value());
    else if (arg === '--response-headers') opts.responseHeaders = parseHeaders(arg, value());
    else if (arg.startsWith('-') || opts.module) throw new HostError(`unexpected argument ${arg}`);
    else opts.module = arg;
  }
  if (!opts.module) {
    throw new HostError('usage: node proxy_wasm_host.js MODULE.wasm [--plugin-config TEXT] ' +
      '[--request-headers JSON] [--response-headers JSON]');
  }
  return opts;
}

function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`proxy_wasm_host: ${e.message}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    process.stdout.write(`${JSON.stringify(run(opts))}\n`);
  } catch (e) {
    let what = `${e.name}: ${e.message}`;
    if (e instanceof HostError) what = e.message;
    else if (e instanceof ProcExit) what = `the module called ${e.message}`;
    process.stderr.write(`proxy_wasm_host: error: ${what.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = 1;
  }
}

main();
