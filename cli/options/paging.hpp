// The page size of listings (repo ls, repo tags): CORAS_LIST_PAGE_SIZE, an environment knob for
// tests and for registries whose default pages are too large.
#pragma once

#include "oras/result.hpp"

#include <cstddef>
#include <optional>

namespace coras {

// CORAS_LIST_PAGE_SIZE as a number of entries (1 to 100000); nullopt when unset or empty.
// Fails with invalid_argument naming the variable for anything else.
oras::Result<std::optional<std::size_t>> page_size_from_environment();

} // namespace coras
