#include "ops/index_entries.hpp"

#include "ops/pack_support.hpp"
#include "oras/media_types.hpp"
#include "oras/reference.hpp"
#include "json/parse.hpp"

#include <algorithm>
#include <set>

namespace oras::ops {

namespace {

// The string member `name` of `object`: empty when absent; nullopt when it is no string.
std::optional<std::string> string_member(const nlohmann::json& object, const char* name)
{
    const auto found = object.find(name);
    if (found == object.end() || found->is_null()) {
        return std::string();
    }
    if (!found->is_string()) {
        return std::nullopt;
    }
    return found->get<std::string>();
}

std::optional<std::vector<std::string>> string_array_member(const nlohmann::json& object,
                                                            const char* name)
{
    const auto found = object.find(name);
    std::vector<std::string> values;
    if (found == object.end() || found->is_null()) {
        return values;
    }
    if (!found->is_array()) {
        return std::nullopt;
    }
    for (const auto& item : *found) {
        if (!item.is_string()) {
            return std::nullopt;
        }
        values.push_back(item.get<std::string>());
    }
    return values;
}

} // namespace

Result<std::string> index_source_reference(std::string_view source)
{
    std::string_view text = source;
    const bool at = text.starts_with('@');
    if (at) {
        text.remove_prefix(1);
    }
    if (at || text.find(':') != std::string_view::npos) {
        auto digest = Digest::parse(text);
        if (!digest) {
            return fail(ErrorCode::invalid_argument,
                        "invalid manifest \"" + std::string(source) +
                            "\": not a digest: " + digest.error().message,
                        "name a manifest of the same repository by tag or sha256:<hex>");
        }
        return digest->str();
    }
    if (!is_valid_tag(text)) {
        return fail(ErrorCode::invalid_argument,
                    "invalid manifest \"" + std::string(source) + "\": not a tag or digest",
                    "name a manifest of the same repository by tag or sha256:<hex>");
    }
    return std::string(text);
}

Result<Digest> removal_digest(std::string_view text)
{
    const std::string_view bare = text.starts_with('@') ? text.substr(1) : text;
    auto digest = Digest::parse(bare);
    if (!digest) {
        return fail(ErrorCode::invalid_argument,
                    "--remove " + std::string(text) + ": not a digest",
                    "entries are removed by digest, sha256:<hex>");
    }
    return digest;
}

std::optional<Platform> platform_of_config(std::string_view bytes)
{
    auto json = parse_json(bytes, "config");
    if (!json || !json->is_object()) {
        return std::nullopt;
    }
    const auto os = string_member(*json, "os");
    const auto architecture = string_member(*json, "architecture");
    const auto variant = string_member(*json, "variant");
    const auto os_version = string_member(*json, "os.version");
    const auto os_features = string_array_member(*json, "os.features");
    if (!os || !architecture || !variant || !os_version || !os_features) {
        return std::nullopt;
    }
    if (os->empty() && architecture->empty()) {
        return std::nullopt;
    }
    Platform platform;
    platform.os = *os;
    platform.architecture = *architecture;
    platform.variant = *variant;
    platform.os_version = *os_version;
    platform.os_features = *os_features;
    return platform;
}

void append_unique(std::vector<Descriptor>& entries, const std::vector<Descriptor>& more)
{
    std::set<Digest> seen;
    for (const auto& entry : entries) {
        seen.insert(entry.digest);
    }
    for (const auto& entry : more) {
        if (seen.insert(entry.digest).second) {
            entries.push_back(entry);
        }
    }
}

Result<std::vector<Descriptor>> remove_entries(const std::vector<Descriptor>& entries,
                                               const std::vector<Digest>& digests,
                                               std::string_view index_name)
{
    for (const auto& digest : digests) {
        const bool listed =
            std::any_of(entries.begin(), entries.end(), [&digest](const Descriptor& entry) {
                return entry.digest == digest;
            });
        if (!listed) {
            return fail(ErrorCode::not_found,
                        "remove " + digest.str() + ": the index " + std::string(index_name) +
                            " lists no such manifest; nothing pushed");
        }
    }
    std::vector<Descriptor> kept;
    std::copy_if(
        entries.begin(), entries.end(), std::back_inserter(kept), [&digests](const Descriptor& e) {
            return std::find(digests.begin(), digests.end(), e.digest) == digests.end();
        });
    return kept;
}

Annotations with_created(Annotations annotations, std::optional<std::int64_t> source_date_epoch)
{
    const std::string key(annotation::created);
    if (source_date_epoch && !annotations.contains(key)) {
        annotations[key] = rfc3339(*source_date_epoch);
    }
    return annotations;
}

Result<std::pair<Descriptor, std::string>> seal_index(const Index& index)
{
    std::string bytes = serialize_index(index);
    if (bytes.size() > k_max_manifest_bytes) {
        return fail(ErrorCode::too_large,
                    "the index would be " + std::to_string(bytes.size()) + " bytes, over the " +
                        std::to_string(k_max_manifest_bytes) +
                        "-byte limit of a manifest; nothing pushed");
    }
    const std::string type =
        index.media_type.empty() ? std::string(media_type::oci_index) : index.media_type;
    return std::pair<Descriptor, std::string>(descriptor_of(type, bytes), std::move(bytes));
}

} // namespace oras::ops
