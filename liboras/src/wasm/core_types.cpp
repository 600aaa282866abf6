#include "wasm/core_types.hpp"

#include <algorithm>

#include <optional>

namespace oras::wasm {

namespace {

// The value and reference types that belong to the GC and function-references proposals
// (GC proposal, "Binary Format: Types"), which the inspector reports rather than mis-parses.
std::optional<std::string_view> gc_value_type_name(std::uint8_t byte)
{
    switch (byte) {
    case 0x63:
        return "(ref null ...)";
    case 0x64:
        return "(ref ...)";
    case 0x69:
        return "exnref";
    case 0x6a:
        return "arrayref";
    case 0x6b:
        return "structref";
    case 0x6c:
        return "i31ref";
    case 0x6d:
        return "eqref";
    case 0x6e:
        return "anyref";
    case 0x71:
        return "nullref";
    case 0x72:
        return "nullexternref";
    case 0x73:
        return "nullfuncref";
    case 0x74:
        return "nullexnref";
    default:
        return std::nullopt;
    }
}

// GC proposal composite and recursive type forms, in place of 0x60 (func).
std::optional<std::string_view> gc_type_form_name(std::uint8_t byte)
{
    switch (byte) {
    case 0x4e:
        return "rec group";
    case 0x4f:
        return "final sub type";
    case 0x50:
        return "sub type";
    case 0x5d:
        return "continuation type";
    case 0x5e:
        return "array type";
    case 0x5f:
        return "struct type";
    default:
        return std::nullopt;
    }
}

std::string hex_byte(std::uint8_t byte)
{
    return hex_offset(byte);
}

Result<ValueType> value_type_from_byte(std::uint8_t byte, std::uint64_t offset)
{
    switch (byte) {
    case 0x7f:
        return ValueType::i32;
    case 0x7e:
        return ValueType::i64;
    case 0x7d:
        return ValueType::f32;
    case 0x7c:
        return ValueType::f64;
    case 0x7b:
        return ValueType::v128;
    case 0x70:
        return ValueType::funcref;
    case 0x6f:
        return ValueType::externref;
    default:
        break;
    }
    if (const auto name = gc_value_type_name(byte)) {
        return ByteReader::error_at(offset,
                                    "value type",
                                    "GC proposal type " + std::string(*name) + " (" +
                                        hex_byte(byte) + ") is not supported",
                                    ErrorCode::unsupported);
    }
    return ByteReader::error_at(offset, "value type", "unknown value type " + hex_byte(byte));
}

Result<Limits> read_limits(ByteReader& reader, std::uint8_t allowed_flags)
{
    const std::uint64_t start = reader.offset();
    const std::uint8_t flags = ORAS_TRY(reader.read_u8("limits flags"));
    if ((flags & ~allowed_flags) != 0) {
        return ByteReader::error_at(start, "limits flags", "unknown flags " + hex_byte(flags));
    }
    Limits limits;
    limits.shared = (flags & 0x02U) != 0;
    limits.address_64 = (flags & 0x04U) != 0;
    const bool has_max = (flags & 0x01U) != 0;
    if (limits.address_64) {
        limits.min = ORAS_TRY(reader.read_u64("limits minimum"));
        if (has_max) {
            limits.max = ORAS_TRY(reader.read_u64("limits maximum"));
        }
    } else {
        limits.min = ORAS_TRY(reader.read_u32("limits minimum"));
        if (has_max) {
            limits.max = ORAS_TRY(reader.read_u32("limits maximum"));
        }
    }
    if (limits.max && *limits.max < limits.min) {
        return ByteReader::error_at(start, "limits", "maximum is below the minimum");
    }
    return limits;
}

Result<std::vector<ValueType>>
read_value_types(ByteReader& reader, std::uint32_t limit, std::string_view what)
{
    const std::uint32_t count = ORAS_TRY(reader.read_count(1, what, limit));
    std::vector<ValueType> types;
    types.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        types.push_back(ORAS_TRY(read_value_type(reader)));
    }
    return types;
}

std::string describe_limits(const Limits& limits)
{
    std::string text = std::to_string(limits.min) + "..";
    if (limits.max) {
        text += std::to_string(*limits.max);
    }
    if (limits.address_64) {
        text += " i64";
    }
    if (limits.shared) {
        text += " shared";
    }
    return text;
}

} // namespace

std::string_view to_string(ValueType type)
{
    switch (type) {
    case ValueType::i32:
        return "i32";
    case ValueType::i64:
        return "i64";
    case ValueType::f32:
        return "f32";
    case ValueType::f64:
        return "f64";
    case ValueType::v128:
        return "v128";
    case ValueType::funcref:
        return "funcref";
    case ValueType::externref:
        return "externref";
    }
    return "?";
}

std::string_view to_string(ExternalKind kind)
{
    switch (kind) {
    case ExternalKind::function:
        return "function";
    case ExternalKind::table:
        return "table";
    case ExternalKind::memory:
        return "memory";
    case ExternalKind::global:
        return "global";
    case ExternalKind::tag:
        return "tag";
    }
    return "?";
}

std::string to_string(const FunctionType& type)
{
    const auto list = [](const std::vector<ValueType>& types) {
        std::string text = "(";
        const std::size_t shown = std::min(types.size(), k_max_rendered_values);
        for (std::size_t i = 0; i < shown; ++i) {
            text += (i == 0 ? "" : ", ");
            text += to_string(types[i]);
        }
        if (shown < types.size()) {
            text += ", ... " + std::to_string(types.size() - shown) + " more";
        }
        return text + ")";
    };
    if (type.results.size() == 1) {
        return list(type.params) + " -> " + std::string(to_string(type.results.front()));
    }
    return list(type.params) + " -> " + list(type.results);
}

Result<ValueType> read_value_type(ByteReader& reader)
{
    const std::uint64_t start = reader.offset();
    const std::uint8_t byte = ORAS_TRY(reader.read_u8("value type"));
    return value_type_from_byte(byte, start);
}

Result<FunctionType> read_function_type(ByteReader& reader)
{
    const std::uint64_t start = reader.offset();
    const std::uint8_t form = ORAS_TRY(reader.read_u8("function type"));
    if (form != 0x60) {
        if (const auto name = gc_type_form_name(form)) {
            return ByteReader::error_at(start,
                                        "type",
                                        "GC proposal " + std::string(*name) + " (" +
                                            hex_byte(form) + ") is not supported",
                                        ErrorCode::unsupported);
        }
        return ByteReader::error_at(start, "type", "expected 0x60 (func), got " + hex_byte(form));
    }
    FunctionType type;
    type.params = ORAS_TRY(read_value_types(reader, k_max_params, "parameter count"));
    type.results = ORAS_TRY(read_value_types(reader, k_max_results, "result count"));
    return type;
}

Result<Limits> read_memory_limits(ByteReader& reader)
{
    return read_limits(reader, 0x07);
}

Result<TableType> read_table_type(ByteReader& reader)
{
    TableType type;
    type.element = ORAS_TRY(read_value_type(reader));
    if (type.element != ValueType::funcref && type.element != ValueType::externref) {
        return ByteReader::error_at(reader.offset() - 1,
                                    "table type",
                                    "element type " + std::string(to_string(type.element)) +
                                        " is not a reference type");
    }
    const std::uint64_t start = reader.offset();
    type.limits = ORAS_TRY(read_limits(reader, 0x05));
    if (type.limits.shared) {
        return ByteReader::error_at(start, "table limits", "tables cannot be shared");
    }
    return type;
}

Result<GlobalType> read_global_type(ByteReader& reader)
{
    GlobalType type;
    type.type = ORAS_TRY(read_value_type(reader));
    const std::uint64_t start = reader.offset();
    const std::uint8_t mutability = ORAS_TRY(reader.read_u8("global mutability"));
    if (mutability > 1) {
        return ByteReader::error_at(
            start, "global mutability", "expected 0x00 or 0x01, got " + hex_byte(mutability));
    }
    type.is_mutable = mutability == 1;
    return type;
}

std::string describe_memory(const Limits& limits)
{
    return "memory " + describe_limits(limits);
}

std::string describe_table(const TableType& type)
{
    return "table " + std::string(to_string(type.element)) + " " + describe_limits(type.limits);
}

std::string describe_global(const GlobalType& type)
{
    return std::string("global ") + (type.is_mutable ? "mut " : "") +
           std::string(to_string(type.type));
}

} // namespace oras::wasm
