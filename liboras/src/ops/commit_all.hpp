// Placing a pull's verified files: all of them or none.
#pragma once

#include "oras/io.hpp"
#include "oras/result.hpp"

#include <memory>
#include <vector>

namespace oras::ops {

// Commits every sink onto its path. A file already at a path is first kept aside (a hard link
// beside it); should a commit fail, the files placed so far are removed and what was there
// before is put back, so that the output is as it was. On success the kept copies go.
Result<void> commit_all(std::vector<std::unique_ptr<FileSink>>& sinks, Overwrite overwrite);

} // namespace oras::ops
