#include "display/json_output.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace coras {

oras::Result<void> print_json_result(std::string_view json_document)
{
    fmt::print("{}\n", json_document);
    return {};
}

} // namespace coras
