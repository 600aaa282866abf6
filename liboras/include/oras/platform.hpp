// Platforms as --platform names them ("linux/amd64", "linux/arm/v7", "windows/amd64:10.0")
// and the choice of an index entry by platform (oras-go's platform.Match).
#pragma once

#include "oras/descriptor.hpp"
#include "oras/manifest.hpp"
#include "oras/result.hpp"

#include <string>
#include <string_view>

namespace oras {

// Parses `os[/arch[/variant]][:os_version]`; a missing arch is the host's (amd64, arm64...).
// Fails with invalid_argument for an empty os or arch, or more than three parts.
Result<Platform> parse_platform(std::string_view text);

// "os/arch[/variant][:os_version]".
std::string platform_string(const Platform& platform);

// True when `got` is what `wanted` asks for: same os and architecture; wanted's variant and
// os_version, when set, equal; wanted's os_features all among got's.
bool platform_matches(const Platform& got, const Platform& wanted);

// The first entry of `index` whose platform matches `wanted`; fails with not_found naming the
// platform when none does.
Result<Descriptor> select_platform(const Index& index, const Platform& wanted);

} // namespace oras
