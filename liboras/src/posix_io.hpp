// The file-descriptor helpers io.cpp and the credential store share: errno as an Error, and a
// write that finishes what it starts.
#pragma once

#include "oras/result.hpp"

#include <filesystem>
#include <string_view>

namespace oras {

// "`step` `path`: strerror(`error`)" with `code`.
Error io_error(std::string_view step,
               const std::filesystem::path& path,
               int error,
               ErrorCode code = ErrorCode::io);

// Writes all of `data` to `fd`, retrying on EINTR; fails with io naming `path`.
Result<void> write_all(int fd, std::string_view data, const std::filesystem::path& path);

} // namespace oras
