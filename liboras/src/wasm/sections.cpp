#include "wasm/sections.hpp"

#include <array>

namespace oras::wasm {

namespace {

constexpr std::array<std::string_view, 14> k_core_names = {
    "custom",
    "type",
    "import",
    "function",
    "table",
    "memory",
    "global",
    "export",
    "start",
    "element",
    "code",
    "data",
    "data count",
    "tag",
};

// component-model Binary.md "Component Definitions": section ids 0-12.
constexpr std::array<std::string_view, 13> k_component_names = {
    "custom",
    "core module",
    "core instance",
    "core type",
    "component",
    "instance",
    "alias",
    "type",
    "canon",
    "start",
    "import",
    "export",
    "value",
};

// Position of each core id in the required order; index = id.
constexpr std::array<int, 14> k_core_ranks = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};

} // namespace

std::string_view section_name(ModuleKind kind, std::uint8_t id)
{
    if (kind == ModuleKind::core) {
        return id < k_core_names.size() ? k_core_names[id] : std::string_view{};
    }
    return id < k_component_names.size() ? k_component_names[id] : std::string_view{};
}

std::string describe_section(ModuleKind kind, std::uint8_t id, std::uint64_t offset)
{
    std::string text = "section " + std::to_string(id);
    const std::string_view name = section_name(kind, id);
    if (!name.empty()) {
        text += " (" + std::string(name) + ")";
    }
    return text + " at offset " + hex_offset(offset);
}

std::optional<int> core_section_rank(std::uint8_t id)
{
    if (id == k_custom_section || id >= k_core_ranks.size()) {
        return std::nullopt;
    }
    return k_core_ranks[id];
}

Result<SectionFrame> read_section(ByteReader& module, ModuleKind kind)
{
    const std::uint64_t offset = module.offset();
    const auto header_error = [&](const Error& error) {
        return error.with_context("wasm: section header at offset " + hex_offset(offset));
    };
    auto id = module.read_u8("section id");
    if (!id) {
        return header_error(id.error());
    }
    const std::string where = "wasm: " + describe_section(kind, *id, offset);
    if (section_name(kind, *id).empty()) {
        return fail(ErrorCode::invalid_format, where + ": unknown section id");
    }
    auto size = module.read_u32("section size");
    if (!size) {
        return std::move(size).error().with_context(where);
    }
    if (*size > module.remaining()) {
        return fail(ErrorCode::invalid_format,
                    where + ": size " + std::to_string(*size) +
                        " runs past the end of the module (" + std::to_string(module.end_offset()) +
                        " bytes)");
    }
    auto contents = module.read_region(*size, "section", "section contents");
    if (!contents) {
        return std::move(contents).error().with_context(where);
    }
    return SectionFrame{*id, offset, *size, std::move(contents).value()};
}

Result<std::string> read_custom_section_name(SectionFrame& frame)
{
    return std::string(ORAS_TRY(frame.contents.read_name("custom section name")));
}

} // namespace oras::wasm
