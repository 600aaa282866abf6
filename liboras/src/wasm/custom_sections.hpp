// Custom sections: recorded by name, and the `name` and `producers` sections decoded.
#pragma once

#include "oras/result.hpp"
#include "oras/wasm.hpp"
#include "wasm/byte_reader.hpp"
#include "wasm/sections.hpp"

namespace oras::wasm {

// Reads custom section `frame` of a module of `info.kind`: appends it to `info.sections` and
// `info.custom_sections`, and decodes `name` into `info.names` and `producers` into
// `info.producers`. A malformed name or producers section fails with invalid_format, as
// proxy-wasm-cpp-host fails to load a module whose name section it cannot parse. Errors name
// the subsection and offset but not the section, which the caller adds.
Result<void> read_custom_section(SectionFrame& frame, ModuleInfo& info);

// core spec appendix "Name Section": subsections in increasing id order; 0 module name,
// 1 function names (counted); others skipped by size. In a component only subsection 0 (the
// component's name) is decoded (component-model Binary.md "Name Section").
Result<NameSection> read_name_section(ByteReader& contents, ModuleKind kind);

// tool-conventions ProducersSection.md: vec(field name, vec(name, version)).
Result<std::vector<ProducerField>> read_producers_section(ByteReader& contents);

} // namespace oras::wasm
