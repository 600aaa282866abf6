// Decoding a core module's non-custom sections into ModuleInfo, with the index spaces the later
// sections refer to (core spec "Binary Format: Modules").
#pragma once

#include "oras/result.hpp"
#include "oras/wasm.hpp"
#include "wasm/byte_reader.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace oras::wasm {

// The WebAssembly JS API's implementation limits ("Limits"), which V8 and so Envoy enforce; a
// count over one fails with too_large before anything is reserved for it.
inline constexpr std::uint32_t k_max_types = 1'000'000;
inline constexpr std::uint32_t k_max_functions = 1'000'000;
inline constexpr std::uint32_t k_max_imports = 100'000;
inline constexpr std::uint32_t k_max_exports = 100'000;
inline constexpr std::uint32_t k_max_globals = 1'000'000;
inline constexpr std::uint32_t k_max_tables = 100'000;
inline constexpr std::uint32_t k_max_data_segments = 100'000;
inline constexpr std::uint32_t k_max_function_size = 7'654'321;

// What the sections read so far have declared.
struct CoreModule
{
    ModuleInfo info;
    std::vector<std::uint32_t> function_type_indices; // the function index space
    std::uint32_t table_count = 0;
    std::uint32_t global_count = 0;
    std::vector<std::uint32_t> tag_type_indices;
    std::optional<std::uint64_t> function_section_offset;
    std::optional<std::uint32_t> code_count;
    std::optional<std::uint32_t> data_count; // from the data count section
    std::optional<std::uint32_t> data_segment_count;
    // Views into the module's bytes. Ordered, not hashed: names a module chooses cannot be made
    // to collide, so checking 100,000 exports for duplicates stays O(n log n).
    std::set<std::string_view> export_names;
};

// Decodes the contents of non-custom core section `id` into `module`. Errors carry the offending
// entry ("import 3: ...") but not the section, which the caller adds.
Result<void> read_core_section(std::uint8_t id, ByteReader& contents, CoreModule& module);

// The import section: module and field names, and each import's type.
Result<void> read_import_section(ByteReader& contents, CoreModule& module);

// The export section: unique names, kinds and in-range indices; functions and tags get the index
// of their type.
Result<void> read_export_section(ByteReader& contents, CoreModule& module);

// Nothing when the type section has an entry `index`, else invalid_format at `offset`.
Result<void> check_type_index(const CoreModule& module, std::uint32_t index, std::uint64_t offset);

// Runs `read_entry(i)` for each of `count` entries, adding "`entry` i" to the context of the
// first error.
template <typename ReadEntry>
Result<void> for_each_entry(std::uint32_t count, std::string_view entry, ReadEntry&& read_entry)
{
    for (std::uint32_t i = 0; i < count; ++i) {
        Result<void> result = read_entry(i);
        if (!result) {
            return std::move(result).error().with_context(std::string(entry) + " " +
                                                          std::to_string(i));
        }
    }
    return {};
}

} // namespace oras::wasm
