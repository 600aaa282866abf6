// An in-memory Target: content held in the process, for tests and for staging an artifact.
#pragma once

#include "oras/content.hpp"

#include <memory>

namespace oras {

// A new, empty in-memory store; content pushed is verified like any other store's.
std::unique_ptr<Target> make_memory_store();

} // namespace oras
