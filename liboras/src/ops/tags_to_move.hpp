// Which tags backup and restore move: the ones given, else every tag but the referrers tags.
#pragma once

#include "oras/content.hpp"
#include "oras/result.hpp"

#include <string>
#include <vector>

namespace oras::ops {

// `given` when not empty, else every tag `target` lists but the sha256-<hex> referrers tags;
// fails with not_found when it lists none.
Result<std::vector<std::string>> tags_to_move(Target& target,
                                              const std::vector<std::string>& given);

} // namespace oras::ops
