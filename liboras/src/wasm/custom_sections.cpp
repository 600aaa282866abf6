#include "wasm/custom_sections.hpp"

namespace oras::wasm {

namespace {

constexpr std::uint8_t k_module_name = 0;
constexpr std::uint8_t k_function_names = 1;
// A function index and an empty name.
constexpr std::size_t k_min_name_entry_size = 2;
// An empty name and an empty vector.
constexpr std::size_t k_min_field_size = 2;
// Two empty names.
constexpr std::size_t k_min_producer_size = 2;
// Sanity limits: real modules list a handful of tools; these bound what a hostile producers
// section can make the inspector allocate (1000 x 1000 values of 64 bytes).
constexpr std::uint32_t k_max_fields = 1000;
constexpr std::uint32_t k_max_values = 1000;

std::string subsection_label(std::uint8_t id, std::uint64_t offset)
{
    std::string label = "subsection " + std::to_string(id);
    if (id == k_module_name) {
        label += " (module name)";
    } else if (id == k_function_names) {
        label += " (function names)";
    }
    return label + " at offset " + hex_offset(offset);
}

Result<std::size_t> count_function_names(ByteReader& subsection)
{
    const std::uint32_t count =
        ORAS_TRY(subsection.read_count(k_min_name_entry_size, "function name count"));
    for (std::uint32_t i = 0; i < count; ++i) {
        auto entry = [&]() -> Result<void> {
            ORAS_TRY(subsection.read_u32("function index"));
            ORAS_TRY(subsection.read_name("function name"));
            return {};
        }();
        if (!entry) {
            return std::move(entry).error().with_context("function name " + std::to_string(i));
        }
    }
    return count;
}

// Decodes subsection `id` into `names`; unknown subsections are skipped by their size.
Result<void>
read_name_subsection(std::uint8_t id, ByteReader& subsection, ModuleKind kind, NameSection& names)
{
    if (id == k_module_name) {
        names.module_name = std::string(ORAS_TRY(subsection.read_name("module name")));
    } else if (id == k_function_names && kind == ModuleKind::core) {
        names.function_name_count = ORAS_TRY(count_function_names(subsection));
    } else {
        ORAS_TRY(subsection.read_bytes(subsection.remaining(), "subsection"));
    }
    return subsection.expect_end("subsection contents");
}

Result<Producer> read_producer(ByteReader& contents)
{
    Producer producer;
    producer.name = std::string(ORAS_TRY(contents.read_name("producer name")));
    producer.version = std::string(ORAS_TRY(contents.read_name("producer version")));
    return producer;
}

Result<ProducerField> read_producer_field(ByteReader& contents)
{
    ProducerField field;
    field.name = std::string(ORAS_TRY(contents.read_name("field name")));
    const std::uint32_t count =
        ORAS_TRY(contents.read_count(k_min_producer_size, "value count", k_max_values));
    field.values.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        auto producer = read_producer(contents);
        if (!producer) {
            return std::move(producer).error().with_context("value " + std::to_string(i));
        }
        field.values.push_back(std::move(producer).value());
    }
    return field;
}

} // namespace

Result<NameSection> read_name_section(ByteReader& contents, ModuleKind kind)
{
    NameSection names;
    int previous_id = -1;
    while (!contents.at_end()) {
        const std::uint64_t start = contents.offset();
        const std::uint8_t id = ORAS_TRY(contents.read_u8("subsection id"));
        const std::string label = subsection_label(id, start);
        if (kind == ModuleKind::core && static_cast<int>(id) <= previous_id) {
            return fail(ErrorCode::invalid_format,
                        label + ": out of order or repeated (subsection ids must increase)");
        }
        previous_id = id;
        const auto size = contents.read_u32("subsection size");
        if (!size) {
            return size.error().with_context(label);
        }
        auto subsection = contents.read_region(*size, "subsection", "subsection contents");
        if (!subsection) {
            return std::move(subsection).error().with_context(label);
        }
        auto result = read_name_subsection(id, *subsection, kind, names);
        if (!result) {
            return std::move(result).error().with_context(label);
        }
    }
    return names;
}

Result<std::vector<ProducerField>> read_producers_section(ByteReader& contents)
{
    const std::uint32_t count =
        ORAS_TRY(contents.read_count(k_min_field_size, "field count", k_max_fields));
    std::vector<ProducerField> fields;
    fields.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        auto field = read_producer_field(contents);
        if (!field) {
            return std::move(field).error().with_context("field " + std::to_string(i));
        }
        fields.push_back(std::move(field).value());
    }
    ORAS_TRY(contents.expect_end("producers section"));
    return fields;
}

Result<void> read_custom_section(SectionFrame& frame, ModuleInfo& info)
{
    std::string name = ORAS_TRY(read_custom_section_name(frame));
    info.sections.push_back(Section{frame.id, name, frame.offset, frame.size});
    info.custom_sections.push_back(info.sections.back());
    const std::string label = "custom section \"" + name + "\"";
    if (name == "name") {
        auto names = read_name_section(frame.contents, info.kind);
        if (!names) {
            return std::move(names).error().with_context(label);
        }
        info.names = std::move(names).value();
    } else if (name == "producers") {
        auto producers = read_producers_section(frame.contents);
        if (!producers) {
            return std::move(producers).error().with_context(label);
        }
        for (auto& field : *producers) {
            info.producers.push_back(std::move(field));
        }
    }
    return {};
}

} // namespace oras::wasm
