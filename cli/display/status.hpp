// Transfer status lines on stderr, as oras prints them without a TTY:
// "Uploading 2c26b46b68ff hello.txt", "Exists    ...", "Downloaded ...".
#pragma once

#include "oras/progress.hpp"

namespace coras {

enum class Direction
{
    push,
    pull
};

// A progress callback that prints one line per state change (not per byte) on stderr; never
// cancels.
oras::ProgressCallback make_status_printer(Direction direction);

} // namespace coras
