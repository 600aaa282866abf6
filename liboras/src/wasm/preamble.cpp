#include "wasm/preamble.hpp"

#include "wasm/byte_reader.hpp"

#include <string>

namespace oras::wasm {

namespace {

constexpr std::string_view k_magic{"\0asm", 4};
constexpr std::size_t k_version_offset = 4;
constexpr std::size_t k_layer_offset = 6;
constexpr std::uint32_t k_core_layer = 0;
constexpr std::uint32_t k_component_layer = 1;

std::uint32_t u16_at(std::string_view bytes, std::size_t offset)
{
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[offset])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[offset + 1])) << 8U;
}

Error preamble_error(std::size_t offset, const std::string& message)
{
    return fail(ErrorCode::invalid_format,
                "wasm: " + message + " at offset " + std::to_string(offset) +
                    (offset == 0 ? ": not a WebAssembly module" : ""));
}

} // namespace

Result<Preamble> read_preamble(std::string_view bytes)
{
    if (bytes.size() < k_magic.size() || bytes.substr(0, k_magic.size()) != k_magic) {
        return preamble_error(0, "bad magic");
    }
    if (bytes.size() < k_preamble_size) {
        return fail(ErrorCode::invalid_format,
                    "wasm: truncated preamble at offset " + std::to_string(k_version_offset) +
                        ": " + std::to_string(bytes.size()) + " bytes, 8 needed");
    }
    const std::uint32_t version = u16_at(bytes, k_version_offset);
    const std::uint32_t layer = u16_at(bytes, k_layer_offset);
    if (layer == k_core_layer) {
        if (version != k_core_version) {
            return fail(ErrorCode::invalid_format,
                        "wasm: unsupported core module version " + std::to_string(version) +
                            " at offset " + std::to_string(k_version_offset) +
                            ": only version 1 exists");
        }
        return Preamble{ModuleKind::core, version};
    }
    if (layer != k_component_layer) {
        return fail(ErrorCode::invalid_format,
                    "wasm: unknown layer " + std::to_string(layer) + " at offset " +
                        std::to_string(k_layer_offset) +
                        ": neither a core module (0) nor a component (1)");
    }
    if (version < k_oldest_component_version || version > k_component_version) {
        return fail(ErrorCode::invalid_format,
                    "wasm: unknown component version " + hex_offset(version) + " at offset " +
                        std::to_string(k_version_offset) + ": 0x0a to 0x0d are known");
    }
    return Preamble{ModuleKind::component, version};
}

} // namespace oras::wasm
