// The Wasm parts of `coras inspect`'s views: a module's report and a Wasm artifact's, as text
// and as JSON.
#pragma once

#include "display/json_values.hpp"

#include "oras/ops/inspect.hpp"

#include <string>
#include <string_view>

namespace coras {

// {"file","kind","version","size","digest","abiVersion","proxyWasm","filterType","pluginType",
//  "startup","problems","warnings","imports","exports","customSections","producers"} and, for
// a component, "componentImports" and "componentExports".
OrderedJson wasm_module_to_json(const oras::ops::WasmModuleReport& module);

// {"layout","istio":{"loads","versions"|"reason"},"wasmPluginSha256","warnings","module"}
OrderedJson wasm_artifact_to_json(const oras::ops::WasmArtifactReport& report);

// Appends the text lines for `module` to `out`, each prefixed by `indent`.
void append_wasm_module_text(std::string& out,
                             const oras::ops::WasmModuleReport& module,
                             std::string_view indent);

// Appends the "Wasm:" section of inspect's text view for `report` to `out`.
void append_wasm_artifact_text(std::string& out, const oras::ops::WasmArtifactReport& report);

// {"wasm":{"module":{...}}}, what `coras inspect FILE.wasm --format json` prints.
std::string wasm_module_json(const oras::ops::WasmModuleReport& module);

// The human view of a module file, what `coras inspect FILE.wasm` prints.
std::string wasm_module_text(const oras::ops::WasmModuleReport& module);

} // namespace coras
