// The core sections other than import and export; core spec "Binary Format: Modules".
#include "wasm/const_expr.hpp"
#include "wasm/core_module.hpp"
#include "wasm/core_types.hpp"
#include "wasm/sections.hpp"

namespace oras::wasm {

namespace {

// 0x60 and two empty vectors.
constexpr std::size_t k_min_type_size = 3;
// A limits flag byte and a minimum.
constexpr std::size_t k_min_memory_size = 2;
// A reference type, a limits flag byte and a minimum.
constexpr std::size_t k_min_table_size = 3;
// A value type, a mutability byte and `end`.
constexpr std::size_t k_min_global_size = 3;
// An attribute byte and a type index.
constexpr std::size_t k_min_tag_size = 2;
// A size byte (a valid body needs more, but sizes are checked by the engine, not here).
constexpr std::size_t k_min_body_size = 1;
// A mode and an empty byte vector (a passive segment).
constexpr std::size_t k_min_data_size = 2;
// Table with an initialiser (function-references proposal): 0x40 0x00 tabletype expr.
constexpr std::uint8_t k_table_with_init = 0x40;

Result<void> read_type_section(ByteReader& contents, CoreModule& module)
{
    const std::uint32_t count =
        ORAS_TRY(contents.read_count(k_min_type_size, "type count", k_max_types));
    module.info.types.reserve(count);
    return for_each_entry(count, "type", [&](std::uint32_t) -> Result<void> {
        module.info.types.push_back(ORAS_TRY(read_function_type(contents)));
        return {};
    });
}

Result<void> read_function_section(ByteReader& contents, CoreModule& module)
{
    const std::uint64_t start = contents.offset();
    const std::uint32_t count = ORAS_TRY(contents.read_count(1, "function count", k_max_functions));
    if (std::uint64_t{count} + module.function_type_indices.size() > k_max_functions) {
        return ByteReader::error_at(start,
                                    "function count",
                                    "imported and defined functions are over the limit of " +
                                        std::to_string(k_max_functions),
                                    ErrorCode::too_large);
    }
    module.function_type_indices.reserve(module.function_type_indices.size() + count);
    module.info.defined_function_count = count;
    return for_each_entry(count, "function", [&](std::uint32_t) -> Result<void> {
        const std::uint64_t offset = contents.offset();
        const std::uint32_t index = ORAS_TRY(contents.read_u32("type index"));
        ORAS_TRY(check_type_index(module, index, offset));
        module.function_type_indices.push_back(index);
        return {};
    });
}

Result<void> read_table_section(ByteReader& contents, CoreModule& module)
{
    const std::uint32_t count =
        ORAS_TRY(contents.read_count(k_min_table_size, "table count", k_max_tables));
    return for_each_entry(count, "table", [&](std::uint32_t) -> Result<void> {
        const bool has_init = ORAS_TRY(contents.peek_u8("table type")) == k_table_with_init;
        if (has_init) {
            ORAS_TRY(contents.read_u8("table type"));
            const std::uint64_t offset = contents.offset();
            if (ORAS_TRY(contents.read_u8("table type")) != 0) {
                return ByteReader::error_at(offset, "table type", "expected 0x00 after 0x40");
            }
        }
        ORAS_TRY(read_table_type(contents));
        if (has_init) {
            ORAS_TRY(skip_const_expr(contents));
        }
        ++module.table_count;
        return {};
    });
}

Result<void> read_memory_section(ByteReader& contents, CoreModule& module)
{
    const std::uint32_t count = ORAS_TRY(contents.read_count(k_min_memory_size, "memory count"));
    return for_each_entry(count, "memory", [&](std::uint32_t) -> Result<void> {
        const Limits limits = ORAS_TRY(read_memory_limits(contents));
        module.info.memories.push_back(Memory{Origin::defined, limits, {}});
        return {};
    });
}

Result<void> read_global_section(ByteReader& contents, CoreModule& module)
{
    const std::uint64_t start = contents.offset();
    const std::uint32_t count =
        ORAS_TRY(contents.read_count(k_min_global_size, "global count", k_max_globals));
    if (std::uint64_t{count} + module.global_count > k_max_globals) {
        return ByteReader::error_at(start,
                                    "global count",
                                    "over the limit of imported and defined globals",
                                    ErrorCode::too_large);
    }
    return for_each_entry(count, "global", [&](std::uint32_t) -> Result<void> {
        ORAS_TRY(read_global_type(contents));
        ORAS_TRY(skip_const_expr(contents));
        ++module.global_count;
        return {};
    });
}

Result<void> read_tag_section(ByteReader& contents, CoreModule& module)
{
    const std::uint32_t count = ORAS_TRY(contents.read_count(k_min_tag_size, "tag count"));
    return for_each_entry(count, "tag", [&](std::uint32_t) -> Result<void> {
        const std::uint64_t start = contents.offset();
        if (ORAS_TRY(contents.read_u8("tag attribute")) != 0) {
            return ByteReader::error_at(start, "tag attribute", "expected 0x00");
        }
        const std::uint64_t offset = contents.offset();
        const std::uint32_t index = ORAS_TRY(contents.read_u32("tag type index"));
        ORAS_TRY(check_type_index(module, index, offset));
        module.tag_type_indices.push_back(index);
        return {};
    });
}

Result<void> read_start_section(ByteReader& contents, CoreModule& module)
{
    const std::uint64_t start = contents.offset();
    const std::uint32_t index = ORAS_TRY(contents.read_u32("start function"));
    if (index >= module.function_type_indices.size()) {
        return ByteReader::error_at(start,
                                    "start function",
                                    "function index " + std::to_string(index) + " is out of range");
    }
    module.info.start_function = index;
    return {};
}

// Code section: vec(size:u32 body); each body is skipped by its size, inside the section.
Result<void> read_code_section(ByteReader& contents, CoreModule& module)
{
    const std::uint64_t start = contents.offset();
    const std::uint32_t count = ORAS_TRY(contents.read_count(k_min_body_size, "body count"));
    if (count != module.info.defined_function_count) {
        return ByteReader::error_at(
            start,
            "body count",
            std::to_string(count) + " function bodies but the function section declares " +
                std::to_string(module.info.defined_function_count) + " functions");
    }
    module.code_count = count;
    return for_each_entry(count, "function body", [&](std::uint32_t) -> Result<void> {
        const std::uint64_t offset = contents.offset();
        const std::uint32_t size = ORAS_TRY(contents.read_u32("body size"));
        if (size > k_max_function_size) {
            return ByteReader::error_at(offset,
                                        "body size",
                                        std::to_string(size) + " bytes is over the limit of " +
                                            std::to_string(k_max_function_size),
                                        ErrorCode::too_large);
        }
        ORAS_TRY(contents.read_bytes(size, "function body"));
        return {};
    });
}

// Data section: only the segment count is decoded (for the data count check); the segments are
// bounded by the section.
Result<void> read_data_section(ByteReader& contents, CoreModule& module)
{
    const std::uint32_t count =
        ORAS_TRY(contents.read_count(k_min_data_size, "data count", k_max_data_segments));
    module.data_segment_count = count;
    ORAS_TRY(contents.read_bytes(contents.remaining(), "data segments"));
    return {};
}

} // namespace

Result<void> check_type_index(const CoreModule& module, std::uint32_t index, std::uint64_t offset)
{
    if (index >= module.info.types.size()) {
        return ByteReader::error_at(offset,
                                    "type index",
                                    std::to_string(index) + " is out of range (" +
                                        std::to_string(module.info.types.size()) + " types)");
    }
    return {};
}

Result<void> read_core_section(std::uint8_t id, ByteReader& contents, CoreModule& module)
{
    switch (static_cast<CoreSection>(id)) {
    case CoreSection::type:
        return read_type_section(contents, module);
    case CoreSection::import:
        return read_import_section(contents, module);
    case CoreSection::function:
        return read_function_section(contents, module);
    case CoreSection::table:
        return read_table_section(contents, module);
    case CoreSection::memory:
        return read_memory_section(contents, module);
    case CoreSection::global:
        return read_global_section(contents, module);
    case CoreSection::export_:
        return read_export_section(contents, module);
    case CoreSection::start:
        return read_start_section(contents, module);
    case CoreSection::element:
        ORAS_TRY(contents.read_bytes(contents.remaining(), "element segments"));
        return {};
    case CoreSection::code:
        return read_code_section(contents, module);
    case CoreSection::data:
        return read_data_section(contents, module);
    case CoreSection::data_count:
        module.data_count = ORAS_TRY(contents.read_u32("data count"));
        return {};
    case CoreSection::tag:
        return read_tag_section(contents, module);
    case CoreSection::custom:
        break;
    }
    return fail(ErrorCode::internal, "wasm: custom section passed to read_core_section");
}

} // namespace oras::wasm
