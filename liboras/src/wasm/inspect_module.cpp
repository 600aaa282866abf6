// The inspector's entry points: inspect_module() and inspect_module_file().
#include "oras/wasm.hpp"

#include "wasm/component_parser.hpp"
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
