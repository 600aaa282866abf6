// Decoders for the core spec's type encodings ("Binary Format: Types").
#pragma once

#include "oras/result.hpp"
#include "oras/wasm.hpp"
#include "wasm/byte_reader.hpp"

#include <cstdint>
#include <string>

namespace oras::wasm {

// Core spec "Function Types" and the WebAssembly JS API's implementation limits, which V8 (and
// so Envoy) enforces: at most 1000 parameters and 1000 results.
inline constexpr std::uint32_t k_max_params = 1000;
inline constexpr std::uint32_t k_max_results = 1000;

// A table's type: element reference type and limits.
struct TableType
{
    ValueType element = ValueType::funcref;
    Limits limits;
};

// A global's type: value type and mutability.
struct GlobalType
{
    ValueType type = ValueType::i32;
    bool is_mutable = false;
};

// valtype: 7F i32, 7E i64, 7D f32, 7C f64, 7B v128, 70 funcref, 6F externref. GC and
// function-references types fail with unsupported, other bytes with invalid_format.
Result<ValueType> read_value_type(ByteReader& reader);

// functype ::= 0x60 vec(valtype) vec(valtype); a GC rec/sub/struct/array type fails with
// unsupported naming it.
Result<FunctionType> read_function_type(ByteReader& reader);

// memtype ::= limits; flags 0x00-0x07: bit 0 max present, bit 1 shared, bit 2 memory64.
Result<Limits> read_memory_limits(ByteReader& reader);

// tabletype ::= reftype limits (flags 0x00/0x01, or 0x04/0x05 for table64).
Result<TableType> read_table_type(ByteReader& reader);

// globaltype ::= valtype mut (0x00 const, 0x01 var).
Result<GlobalType> read_global_type(ByteReader& reader);

// "memory 1..16", "memory 1.. shared", "table funcref 1..", "global mut i32".
std::string describe_memory(const Limits& limits);
std::string describe_table(const TableType& type);
std::string describe_global(const GlobalType& type);

} // namespace oras::wasm
