#include "wasm/module_parser.hpp"

#include "wasm/byte_reader.hpp"
#include "wasm/core_module.hpp"
#include "wasm/custom_sections.hpp"
#include "wasm/preamble.hpp"
#include "wasm/sections.hpp"

#include <optional>
#include <string>

namespace oras::wasm {

namespace {

// Where the first section of id `id` starts, if there is one.
std::optional<std::uint64_t> section_offset(const ModuleInfo& info, CoreSection id)
{
    for (const Section& section : info.sections) {
        if (section.id == static_cast<std::uint8_t>(id)) {
            return section.offset;
        }
    }
    return std::nullopt;
}

// Non-custom sections appear at most once, in the order of their ranks.
Result<void> check_order(const SectionFrame& frame, std::optional<std::uint8_t>& last_id)
{
    const int rank = core_section_rank(frame.id).value_or(0);
    if (last_id) {
        const int last_rank = core_section_rank(*last_id).value_or(0);
        const std::string where =
            "wasm: " + describe_section(ModuleKind::core, frame.id, frame.offset);
        if (rank == last_rank) {
            return fail(ErrorCode::invalid_format, where + ": duplicate section");
        }
        if (rank < last_rank) {
            return fail(ErrorCode::invalid_format,
                        where + ": out of order: it must come before section " +
                            std::to_string(*last_id) + " (" +
                            std::string(section_name(ModuleKind::core, *last_id)) + ")");
        }
    }
    last_id = frame.id;
    return {};
}

Result<void> read_frame(SectionFrame& frame, CoreModule& module)
{
    if (frame.id == k_custom_section) {
        return read_custom_section(frame, module.info);
    }
    module.info.sections.push_back(Section{
        frame.id, std::string(section_name(ModuleKind::core, frame.id)), frame.offset, frame.size});
    ORAS_TRY(read_core_section(frame.id, frame.contents, module));
    return frame.contents.expect_end("section contents");
}

// The counts that sections declare about each other must agree.
Result<void> check_counts(const CoreModule& module)
{
    const ModuleInfo& info = module.info;
    if (info.defined_function_count > 0 && !module.code_count) {
        const auto offset = section_offset(info, CoreSection::function).value_or(0);
        return fail(ErrorCode::invalid_format,
                    "wasm: " + describe_section(ModuleKind::core, 3, offset) + ": declares " +
                        std::to_string(info.defined_function_count) +
                        " functions but the module has no code section");
    }
    if (module.data_count && module.data_segment_count.value_or(0) != *module.data_count) {
        const auto offset = section_offset(info, CoreSection::data_count).value_or(0);
        return fail(ErrorCode::invalid_format,
                    "wasm: " + describe_section(ModuleKind::core, 12, offset) + ": says " +
                        std::to_string(*module.data_count) + " data segments but the module has " +
                        std::to_string(module.data_segment_count.value_or(0)));
    }
    return {};
}

} // namespace

Result<ModuleInfo> parse_core_module(std::string_view bytes)
{
    CoreModule module;
    module.info.kind = ModuleKind::core;
    module.info.version = k_core_version;
    module.info.size = bytes.size();
    ByteReader reader(bytes.substr(k_preamble_size), k_preamble_size, "module");
    std::optional<std::uint8_t> last_id;
    while (!reader.at_end()) {
        SectionFrame frame = ORAS_TRY(read_section(reader, ModuleKind::core));
        if (module.info.sections.size() >= k_max_sections) {
            return fail(ErrorCode::too_large,
                        "wasm: " + describe_section(ModuleKind::core, frame.id, frame.offset) +
                            ": more than " + std::to_string(k_max_sections) + " sections");
        }
        if (frame.id != k_custom_section) {
            ORAS_TRY(check_order(frame, last_id));
        }
        auto result = read_frame(frame, module);
        if (!result) {
            return std::move(result).error().with_context(
                "wasm: " + describe_section(ModuleKind::core, frame.id, frame.offset));
        }
    }
    ORAS_TRY(check_counts(module));
    return std::move(module.info);
}

} // namespace oras::wasm
