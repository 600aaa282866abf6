// The last step of every manifest push (push, manifest push): the exact bytes under each tag.
#pragma once

#include "oras/content.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace oras::ops {

// Pushes the manifest `desc` (its bytes `bytes`) to `target` under every tag of `tags`, or by
// digest when `tags` is empty. Fails as Target::push / push_tagged do.
Result<void> put_manifest(Target& target,
                          const Descriptor& desc,
                          std::string_view bytes,
                          const std::vector<std::string>& tags);

} // namespace oras::ops
