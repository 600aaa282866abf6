// The inspector's entry points: inspect_module() and inspect_module_file().
#include "oras/wasm.hpp"

#include "wasm/component_parser.hpp"
#include "wasm/core_types.hpp"
#include "wasm/mapped_file.hpp"
#include "wasm/module_parser.hpp"
#include "wasm/preamble.hpp"

namespace oras::wasm {

const Export* ModuleInfo::find_export(std::string_view name) const
{
    for (const Export& entry : exports) {
        if (entry.name == name) {
            return &entry;
        }
    }
    return nullptr;
}

namespace {

bool has_type(ExternalKind kind)
{
    return kind == ExternalKind::function || kind == ExternalKind::tag;
}

// The parser checked every index it stored; a ModuleInfo built by hand may not have.
const FunctionType* type_or_null(const std::vector<FunctionType>& types, std::uint32_t index)
{
    return index < types.size() ? &types[index] : nullptr;
}

std::string describe_type(ExternalKind kind, const FunctionType* type)
{
    const std::string text = type == nullptr ? std::string("(unknown type)") : to_string(*type);
    return kind == ExternalKind::tag ? "tag " + text : text;
}

} // namespace

const FunctionType* ModuleInfo::function_type(const Import& import) const
{
    return has_type(import.kind) ? type_or_null(types, import.type_index) : nullptr;
}

const FunctionType* ModuleInfo::function_type(const Export& entry) const
{
    return has_type(entry.kind) ? type_or_null(types, entry.type_index) : nullptr;
}

std::string ModuleInfo::signature(const Import& import) const
{
    return has_type(import.kind) ? describe_type(import.kind, function_type(import))
                                 : import.detail;
}

std::string ModuleInfo::signature(const Export& entry) const
{
    if (has_type(entry.kind)) {
        return describe_type(entry.kind, function_type(entry));
    }
    if (entry.kind == ExternalKind::memory && entry.index < memories.size()) {
        return describe_memory(memories[entry.index].limits);
    }
    return std::string(to_string(entry.kind)) + " " + std::to_string(entry.index);
}

Result<ModuleInfo> inspect_module(std::string_view bytes)
{
    const Preamble preamble = ORAS_TRY(read_preamble(bytes));
    if (preamble.kind == ModuleKind::component) {
        return parse_component(bytes, preamble.version);
    }
    return parse_core_module(bytes);
}

Result<ModuleInfo> inspect_module_file(const std::filesystem::path& path)
{
    const MappedFile file = ORAS_TRY(MappedFile::open(path));
    auto info = inspect_module(file.bytes());
    if (!info) {
        return std::move(info).error().with_context(path.string());
    }
    return info;
}

} // namespace oras::wasm
