// Platforms as users type them (`--platform os/arch[/variant][:os_version]`) and the choice of
// a manifest from an index by platform (image-spec image-index.md, "platform").
#pragma once

#include "oras/descriptor.hpp"
#include "oras/manifest.hpp"
#include "oras/result.hpp"

#include <string>
#include <string_view>

namespace oras {

// Parses "os/arch[/variant][:os_version]" (as oras does); fails with invalid_argument naming
// `text` when os or arch is missing or a part is empty.
Result<Platform> parse_platform(std::string_view text);

// "os/arch[/variant][:os_version]".
std::string platform_string(const Platform& platform);

// True when `candidate` satisfies `wanted`: os and architecture equal, and the variant and
// os.version equal where `wanted` names them.
bool platform_matches(const Platform& candidate, const Platform& wanted);

// The first entry of `index` whose platform matches `wanted`; fails with not_found naming the
// platform when none does.
Result<Descriptor> select_platform(const Index& index, const Platform& wanted);

} // namespace oras
