// The import (2) and export (7) sections; core spec "Import Section", "Export Section", with the
// exception-handling proposal's tag imports and exports (kind 0x04).
#include "wasm/core_module.hpp"
#include "wasm/core_types.hpp"

namespace oras::wasm {

namespace {

// module name, field name, kind and a 1-byte descriptor at least.
constexpr std::size_t k_min_import_size = 4;
// name, kind and a 1-byte index at least.
constexpr std::size_t k_min_export_size = 3;
// An export name in a message is cut here: a name may be as long as the module.
constexpr std::size_t k_max_shown_name = 100;

Result<ExternalKind> read_kind(ByteReader& reader, std::string_view what)
{
    const std::uint64_t start = reader.offset();
    const std::uint8_t byte = ORAS_TRY(reader.read_u8(what));
    if (byte > static_cast<std::uint8_t>(ExternalKind::tag)) {
        return ByteReader::error_at(start, what, "unknown kind " + hex_offset(byte));
    }
    return static_cast<ExternalKind>(byte);
}

// tag ::= 0x00 typeidx (exception-handling proposal: attribute 0 = exception).
Result<std::uint32_t> read_tag_type(ByteReader& reader, const CoreModule& module)
{
    const std::uint64_t start = reader.offset();
    const std::uint8_t attribute = ORAS_TRY(reader.read_u8("tag attribute"));
    if (attribute != 0) {
        return ByteReader::error_at(start, "tag attribute", "expected 0x00");
    }
    const std::uint64_t index_offset = reader.offset();
    const std::uint32_t index = ORAS_TRY(reader.read_u32("tag type index"));
    ORAS_TRY(check_type_index(module, index, index_offset));
    return index;
}

Result<void> read_import_descriptor(ByteReader& reader, CoreModule& module, Import& import)
{
    switch (import.kind) {
    case ExternalKind::function: {
        const std::uint64_t start = reader.offset();
        const std::uint32_t index = ORAS_TRY(reader.read_u32("type index"));
        ORAS_TRY(check_type_index(module, index, start));
        import.type_index = index;
        module.function_type_indices.push_back(index);
        ++module.info.imported_function_count;
        return {};
    }
    case ExternalKind::table:
        import.detail = describe_table(ORAS_TRY(read_table_type(reader)));
        ++module.table_count;
        return {};
    case ExternalKind::memory: {
        const Limits limits = ORAS_TRY(read_memory_limits(reader));
        import.detail = describe_memory(limits);
        module.info.memories.push_back(Memory{Origin::imported, limits, {}});
        return {};
    }
    case ExternalKind::global:
        import.detail = describe_global(ORAS_TRY(read_global_type(reader)));
        ++module.global_count;
        return {};
    case ExternalKind::tag: {
        import.type_index = ORAS_TRY(read_tag_type(reader, module));
        module.tag_type_indices.push_back(import.type_index);
        return {};
    }
    }
    return {};
}

// How many entries the index space of `kind` has.
std::uint64_t index_space_size(const CoreModule& module, ExternalKind kind)
{
    switch (kind) {
    case ExternalKind::function:
        return module.function_type_indices.size();
    case ExternalKind::table:
        return module.table_count;
    case ExternalKind::memory:
        return module.info.memories.size();
    case ExternalKind::global:
        return module.global_count;
    case ExternalKind::tag:
        return module.tag_type_indices.size();
    }
    return 0;
}

// Links the export to what it refers to; `index` was checked against the index space.
void link_export(CoreModule& module, Export& entry)
{
    switch (entry.kind) {
    case ExternalKind::function:
        entry.type_index = module.function_type_indices[entry.index];
        return;
    case ExternalKind::memory:
        module.info.memories[entry.index].export_names.push_back(entry.name);
        return;
    case ExternalKind::tag:
        entry.type_index = module.tag_type_indices[entry.index];
        return;
    case ExternalKind::table:
    case ExternalKind::global:
        return;
    }
}

} // namespace

Result<void> read_import_section(ByteReader& contents, CoreModule& module)
{
    const std::uint32_t count =
        ORAS_TRY(contents.read_count(k_min_import_size, "import count", k_max_imports));
    module.info.imports.reserve(count);
    return for_each_entry(count, "import", [&](std::uint32_t) -> Result<void> {
        Import import;
        import.module = ORAS_TRY(contents.read_name("module name"));
        import.name = ORAS_TRY(contents.read_name("import name"));
        import.kind = ORAS_TRY(read_kind(contents, "import kind"));
        ORAS_TRY(read_import_descriptor(contents, module, import));
        module.info.imports.push_back(std::move(import));
        return {};
    });
}

Result<void> read_export_section(ByteReader& contents, CoreModule& module)
{
    const std::uint32_t count =
        ORAS_TRY(contents.read_count(k_min_export_size, "export count", k_max_exports));
    module.info.exports.reserve(count);
    return for_each_entry(count, "export", [&](std::uint32_t) -> Result<void> {
        const std::uint64_t start = contents.offset();
        const std::string_view name = ORAS_TRY(contents.read_name("export name"));
        if (!module.export_names.insert(name).second) {
            const bool cut = name.size() > k_max_shown_name;
            return ByteReader::error_at(start,
                                        "export name",
                                        "duplicate export \"" +
                                            std::string(name.substr(0, k_max_shown_name)) +
                                            (cut ? "...\"" : "\""));
        }
        Export entry;
        entry.name = std::string(name);
        entry.kind = ORAS_TRY(read_kind(contents, "export kind"));
        const std::uint64_t index_offset = contents.offset();
        entry.index = ORAS_TRY(contents.read_u32("export index"));
        const std::uint64_t space = index_space_size(module, entry.kind);
        if (entry.index >= space) {
            return ByteReader::error_at(index_offset,
                                        "export index",
                                        std::string(to_string(entry.kind)) + " index " +
                                            std::to_string(entry.index) + " is out of range (" +
                                            std::to_string(space) + " defined)");
        }
        link_export(module, entry);
        module.info.exports.push_back(std::move(entry));
        return {};
    });
}

} // namespace oras::wasm
