#include "oras/ops/inspect.hpp"

#include "oras/media_types.hpp"

#include <nlohmann/json.hpp>

namespace oras::ops {

namespace {

// The config when it is small enough to show and parses as JSON; nullopt otherwise.
Result<std::optional<std::string>> small_json_config(Target& source, const Descriptor& config)
{
    if (config.size > k_max_shown_config_bytes || config.digest == empty_descriptor().digest) {
        return std::optional<std::string>{};
    }
    auto bytes = ORAS_TRY(fetch_bytes(source, config, k_max_shown_config_bytes));
    if (!nlohmann::json::accept(bytes)) {
        return std::optional<std::string>{};
    }
    return std::optional<std::string>{std::move(bytes)};
}

} // namespace

Result<InspectResult> inspect(Target& source, std::string_view reference)
{
    if (reference.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "no tag or digest given to inspect",
                    "name one: registry/repository:tag or registry/repository@sha256:...");
    }
    InspectResult result;
    result.descriptor = ORAS_TRY(source.resolve(reference));
    result.raw = ORAS_TRY(fetch_bytes(source, result.descriptor, k_max_manifest_bytes));
    if (media_type::is_index(result.descriptor.media_type)) {
        result.index = ORAS_TRY(parse_index(result.raw, result.descriptor.media_type));
        return result;
    }
    result.manifest = ORAS_TRY(parse_manifest(result.raw, result.descriptor.media_type));
    result.config_json = ORAS_TRY(small_json_config(source, result.manifest->config));
    return result;
}

} // namespace oras::ops
