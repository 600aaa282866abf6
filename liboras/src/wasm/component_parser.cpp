#include "wasm/component_parser.hpp"

#include "wasm/custom_sections.hpp"
#include "wasm/module_parser.hpp"
#include "wasm/preamble.hpp"
#include "wasm/sections.hpp"

#include <array>
#include <string>

namespace oras::wasm {

namespace {

constexpr std::uint8_t k_import_section = 10;
constexpr std::uint8_t k_export_section = 11;
constexpr std::size_t k_component_section_ids = 13;
// A name prefix, an empty name and a one-byte descriptor.
constexpr std::size_t k_min_extern_size = 3;
// `sort ::= 0x00 core:sort`: core sorts func 0x00 ... module 0x11, instance 0x12.
constexpr std::uint8_t k_max_core_sort = 0x12;
constexpr std::uint8_t k_max_sort = 0x05;

// externdesc ::= 0x00 0x11 i:<core:typeidx> | 0x01 i | 0x02 valuebound | 0x03 typebound
//              | 0x04 i | 0x05 i; valuebound ::= 0x00 valueidx | 0x01 valtype (a type index or
// a one-byte primitive, both read as a u32); typebound ::= 0x00 typeidx | 0x01 (sub resource).
Result<void> skip_extern_desc(ByteReader& reader)
{
    const std::uint64_t start = reader.offset();
    const std::uint8_t kind = ORAS_TRY(reader.read_u8("extern descriptor"));
    if (kind == 0x00 && ORAS_TRY(reader.read_u8("core sort")) != 0x11) {
        return ByteReader::error_at(
            start, "extern descriptor", "core sort other than module", ErrorCode::unsupported);
    }
    if (kind == 0x02 || kind == 0x03) {
        const std::uint8_t bound = ORAS_TRY(reader.read_u8("bound"));
        if (bound > 0x01) {
            return ByteReader::error_at(
                start, "extern descriptor", "unknown bound", ErrorCode::unsupported);
        }
        if (kind == 0x03 && bound == 0x01) {
            return {};
        }
    } else if (kind > 0x05) {
        return ByteReader::error_at(
            start, "extern descriptor", "unknown kind " + hex_offset(kind), ErrorCode::unsupported);
    }
    ORAS_TRY(reader.read_u32("type index"));
    return {};
}

// sortidx ::= sort idx:u32; sort ::= 0x00 core:sort | 0x01..0x05
Result<void> skip_sort_index(ByteReader& reader)
{
    const std::uint64_t start = reader.offset();
    const std::uint8_t sort = ORAS_TRY(reader.read_u8("sort"));
    if (sort == 0x00 && ORAS_TRY(reader.read_u8("core sort")) > k_max_core_sort) {
        return ByteReader::error_at(start, "sort", "unknown core sort", ErrorCode::unsupported);
    }
    if (sort > k_max_sort) {
        return ByteReader::error_at(
            start, "sort", "unknown sort " + hex_offset(sort), ErrorCode::unsupported);
    }
    ORAS_TRY(reader.read_u32("index"));
    return {};
}

// import ::= importname' externdesc; export ::= exportname' sortidx externdesc?
Result<std::string_view> read_extern(ByteReader& reader, std::uint8_t section)
{
    const std::string_view name = ORAS_TRY(read_extern_name(reader));
    if (section == k_import_section) {
        ORAS_TRY(skip_extern_desc(reader));
        return name;
    }
    ORAS_TRY(skip_sort_index(reader));
    const std::uint64_t start = reader.offset();
    const std::uint8_t has_type = ORAS_TRY(reader.read_u8("export type flag"));
    if (has_type > 1) {
        return ByteReader::error_at(start, "export type flag", "expected 0x00 or 0x01");
    }
    if (has_type == 1) {
        ORAS_TRY(skip_extern_desc(reader));
    }
    return name;
}

// Decodes the names of one import or export section into `info`. The section's bounds are
// already checked; an encoding the decoder does not follow (the component binary format is not
// final) clears `names_complete` and keeps the names decoded so far, rather than failing.
void read_extern_names(SectionFrame& frame, ComponentInfo& info)
{
    auto& names = frame.id == k_import_section ? info.imports : info.exports;
    auto count = frame.contents.read_count(k_min_extern_size, "count");
    if (!count) {
        info.names_complete = false;
        return;
    }
    for (std::uint32_t i = 0; i < *count; ++i) {
        auto name = read_extern(frame.contents, frame.id);
        if (!name) {
            info.names_complete = false;
            return;
        }
        names.emplace_back(*name);
    }
    if (!frame.contents.at_end()) {
        info.names_complete = false;
    }
}

Result<void> read_component_frame(SectionFrame& frame,
                                  ModuleInfo& info,
                                  std::array<std::size_t, k_component_section_ids>& counts)
{
    ++counts[frame.id];
    if (frame.id == k_custom_section) {
        return read_custom_section(frame, info);
    }
    info.sections.push_back(Section{frame.id,
                                    std::string(section_name(ModuleKind::component, frame.id)),
                                    frame.offset,
                                    frame.size});
    if (frame.id == k_import_section || frame.id == k_export_section) {
        read_extern_names(frame, *info.component);
    }
    return {};
}

} // namespace

Result<std::string_view> read_extern_name(ByteReader& reader)
{
    const std::uint64_t start = reader.offset();
    const std::uint8_t prefix = ORAS_TRY(reader.read_u8("name prefix"));
    if (prefix > 0x01) {
        return ByteReader::error_at(start,
                                    "name prefix",
                                    "unknown name encoding " + hex_offset(prefix),
                                    ErrorCode::unsupported);
    }
    return reader.read_name("name");
}

Result<ModuleInfo> parse_component(std::string_view bytes, std::uint32_t version)
{
    ModuleInfo info;
    info.kind = ModuleKind::component;
    info.version = version;
    info.size = bytes.size();
    info.component = ComponentInfo{};
    std::array<std::size_t, k_component_section_ids> counts{};
    ByteReader reader(bytes.substr(k_preamble_size), k_preamble_size, "module");
    while (!reader.at_end()) {
        SectionFrame frame = ORAS_TRY(read_section(reader, ModuleKind::component));
        const std::string where =
            "wasm: " + describe_section(ModuleKind::component, frame.id, frame.offset);
        if (info.sections.size() >= k_max_sections) {
            return fail(ErrorCode::too_large,
                        where + ": more than " + std::to_string(k_max_sections) + " sections");
        }
        auto result = read_component_frame(frame, info, counts);
        if (!result) {
            return std::move(result).error().with_context(where);
        }
    }
    for (std::uint8_t id = 0; id < k_component_section_ids; ++id) {
        if (counts[id] > 0) {
            info.component->section_counts.push_back(ComponentSectionCount{
                id, std::string(section_name(ModuleKind::component, id)), counts[id]});
        }
    }
    return info;
}

} // namespace oras::wasm
