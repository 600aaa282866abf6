// Media type syntax as oras checks it (RFC 6838 restricted names).
#pragma once

#include "oras/result.hpp"

#include <string>
#include <string_view>

namespace oras::ops {

// Succeeds when `media_type` matches
// ^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$;
// else fails with invalid_argument naming `what`.
Result<void> check_media_type(std::string_view media_type, const std::string& what);

} // namespace oras::ops
