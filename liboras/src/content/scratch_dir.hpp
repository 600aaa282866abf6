// A private temporary directory for generated or downloaded intermediate files.
#pragma once

#include "oras/result.hpp"

#include <filesystem>
#include <memory>

namespace oras {

// Creates a fresh directory under the system temporary directory; it and everything in it is
// removed when the last owner lets go. Fails with io.
Result<std::shared_ptr<const std::filesystem::path>> make_scratch_dir();

} // namespace oras
