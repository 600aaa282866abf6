// Text from a registry (titles, annotations, error messages) made safe for a terminal.
#pragma once

#include <string>
#include <string_view>

namespace coras {

// `text` with every control character (C0, DEL, C1) written as \xNN, so that a title or message
// from a registry cannot move the cursor or recolour the terminal.
std::string printable(std::string_view text);

} // namespace coras
