// `inspect`: what a reference points at.
#pragma once

#include "oras/content.hpp"
#include "oras/manifest.hpp"
#include "oras/result.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace oras::ops {

// Configs up to this size are fetched and shown when they are JSON.
inline constexpr std::size_t k_max_shown_config_bytes = 64 * 1024;

struct InspectResult
{
    Descriptor descriptor;         // of the manifest or index
    std::string raw;               // its exact bytes
    std::optional<Manifest> manifest;
    std::optional<Index> index;
    std::optional<std::string> config_json; // the config, when small and JSON
};

// Resolves `reference` on `source` and fetches and parses its manifest or index, verified.
Result<InspectResult> inspect(Target& source, std::string_view reference);

} // namespace oras::ops
