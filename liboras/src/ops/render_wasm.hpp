// The Wasm parts of `coras inspect`'s views, shared by the text and JSON renderers.
#pragma once

#include "oras/ops/inspect.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace oras::ops {

// {"file","kind","version","size","digest","abiVersion","filterType","pluginType","startup",
//  "problems","warnings","imports":[...],"exports":[...],"customSections":[...],"producers":{}}
nlohmann::ordered_json wasm_module_to_json(const WasmModuleReport& module);

// {"layout","istio":{"loads","versions"|"reason"},"wasmPluginSha256","warnings","module"}
nlohmann::ordered_json wasm_artifact_to_json(const WasmArtifactReport& report);

// The text lines for a module, each prefixed by `indent`.
void append_wasm_module_text(std::string& out, const WasmModuleReport& module,
                             std::string_view indent);

// The "Wasm:" section of inspect's text view.
void append_wasm_artifact_text(std::string& out, const WasmArtifactReport& report);

} // namespace oras::ops
