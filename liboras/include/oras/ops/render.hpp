// Result documents for `--format json` and the text views: rendering lives in the library so
// that the CLI never touches JSON.
#pragma once

#include "oras/ops/inspect.hpp"
#include "oras/ops/pull.hpp"
#include "oras/ops/push.hpp"

#include <string>

namespace oras::ops {

// {"reference","mediaType","digest","size","artifactType","annotations","tags"} (oras push
// --format json shape).
std::string push_json(const PushResult& result, const std::string& reference);

// {"reference","files":[{"path","mediaType","digest","size","annotations"}]} (oras pull shape).
std::string pull_json(const PullResult& result, const std::string& reference);

// {"reference","descriptor":{...},"manifest"|"index":{...},"config":{...}|null[,"wasm":{...}]}
std::string inspect_json(const InspectResult& result, const std::string& reference);

// The human view of `result`: media types, digests, sizes, annotations, artifact type and
// the config when shown.
std::string inspect_text(const InspectResult& result, const std::string& reference);

// {"wasm":{"module":{...}}} for `coras inspect FILE.wasm --format json`.
std::string wasm_module_json(const WasmModuleReport& module);

// The human view of a module file.
std::string wasm_module_text(const WasmModuleReport& module);

// `json` pretty-printed with two-space indentation; `json` unchanged when it is not JSON.
std::string pretty_json(std::string_view json);

} // namespace oras::ops
