// The 8-byte preamble that opens every module and component.
#pragma once

#include "oras/result.hpp"
#include "oras/wasm.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace oras::wasm {

inline constexpr std::size_t k_preamble_size = 8;
inline constexpr std::uint32_t k_core_version = 1;
// component-model Binary.md: `version ::= 0x0d 0x00`, bumped before standardisation; 0x0a-0x0c
// were emitted by older toolchains.
inline constexpr std::uint32_t k_component_version = 0x0d;
inline constexpr std::uint32_t k_oldest_component_version = 0x0a;

// What the preamble says.
struct Preamble
{
    ModuleKind kind = ModuleKind::core;
    std::uint32_t version = 0;
};

// Reads magic "\0asm" then, by the layer field (u16 at offset 6: 0 core, 1 component), a core
// version u32 that must be 1 or a component version u16 in 0x0a-0x0d (core spec "Modules";
// component-model Binary.md "Component Definitions"). Fails with invalid_format and the offset.
Result<Preamble> read_preamble(std::string_view bytes);

} // namespace oras::wasm
