#include "oras/ops/manifest.hpp"

#include "ops/manifest_graph.hpp"
#include "ops/manifest_put.hpp"
#include "ops/media_type_check.hpp"
#include "ops/platform_select.hpp"
#include "ops/progress_stream.hpp"
#include "oras/manifest.hpp"
#include "oras/media_types.hpp"
#include "json/parse.hpp"

#include <array>

namespace oras::ops {

namespace {

Result<std::string> read_limited(ByteSource& source, const std::string& name)
{
    StringSink sink(k_max_manifest_bytes);
    std::array<char, 64 * 1024> buffer{};
    for (;;) {
        const std::size_t count = ORAS_TRY(source.read(buffer));
        if (count == 0) {
            return sink.take();
        }
        if (!sink.write(std::string_view(buffer.data(), count))) {
            return fail(ErrorCode::too_large,
                        "manifest " + name + ": over the " + std::to_string(k_max_manifest_bytes) +
                            "-byte limit of a manifest");
        }
    }
}

// The media type to push `bytes` with: `given`, or the manifest's own "mediaType".
Result<std::string> media_type_for(const std::string& bytes, const std::string& given)
{
    if (!given.empty()) {
        ORAS_TRY(check_media_type(given, "--media-type"));
        return given;
    }
    const auto json = ORAS_TRY(parse_json(bytes, "manifest"));
    const auto member = json.find("mediaType");
    if (member == json.end() || !member->is_string() || member->get<std::string>().empty()) {
        return fail(ErrorCode::invalid_argument,
                    "manifest: no \"mediaType\" member to push it with",
                    "give one with --media-type");
    }
    return member->get<std::string>();
}

// True when `reference` already names the manifest `desc`.
Result<bool> names_already(Target& target, std::string_view reference, const Descriptor& desc)
{
    auto resolved = target.resolve(reference);
    if (!resolved) {
        if (resolved.error().code == ErrorCode::not_found) {
            return false;
        }
        return std::move(resolved).error();
    }
    return resolved->digest == desc.digest;
}

} // namespace

Result<void> put_manifest(Target& target,
                          const Descriptor& desc,
                          std::string_view bytes,
                          const std::vector<std::string>& tags)
{
    MemorySource source(bytes);
    if (tags.empty()) {
        return target.push(desc, source);
    }
    for (const auto& tag : tags) {
        ORAS_TRY(source.rewind());
        ORAS_TRY(target.push_tagged(desc, source, tag));
    }
    return {};
}

Result<FetchedManifest>
fetch_manifest(Target& target, std::string_view reference, const std::optional<Platform>& platform)
{
    if (reference.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "no tag or digest given to fetch from " + target.describe(),
                    "name one: registry/repository:tag or registry/repository@sha256:...");
    }
    if (!platform) {
        return target.fetch_reference(reference, k_max_manifest_bytes);
    }
    ManifestGraph graph(target);
    const ManifestNode* root = ORAS_TRY(graph.root(reference));
    auto chosen = select_platform(graph, target, *root, *platform);
    if (!chosen) {
        return chosen.error().with_context("fetch " + std::string(reference) + " from " +
                                           target.describe());
    }
    return (*chosen)->fetched;
}

Result<Descriptor>
config_of(Target& target, std::string_view reference, const std::optional<Platform>& platform)
{
    const auto fetched = ORAS_TRY(fetch_manifest(target, reference, platform));
    if (media_type::is_index(fetched.descriptor.media_type)) {
        return fail(ErrorCode::invalid_format,
                    std::string(reference) + " is an index (" + fetched.descriptor.media_type +
                        "), which has no config",
                    "fetch the config of one of its manifests, by digest");
    }
    auto manifest = parse_manifest(fetched.bytes, fetched.descriptor.media_type);
    if (!manifest) {
        return manifest.error().with_context("config of " + std::string(reference));
    }
    return manifest->config;
}

Result<std::string> read_manifest_input(const std::filesystem::path& path)
{
    const bool from_stdin = path == "-";
    const std::string name = from_stdin ? "from standard input" : path.string();
    std::unique_ptr<ByteSource> source;
    if (from_stdin) {
        source = standard_input();
    } else {
        source = ORAS_TRY(open_file_source(path));
    }
    std::string bytes = ORAS_TRY(read_limited(*source, name));
    auto json = parse_json(bytes, "manifest " + name);
    if (!json) {
        return std::move(json).error();
    }
    if (!json->is_object()) {
        return fail(ErrorCode::invalid_format, "manifest " + name + ": not a JSON object");
    }
    return bytes;
}

Result<ManifestPushResult> push_manifest(const OpenedTarget& opened,
                                         const std::string& bytes,
                                         const ManifestPushOptions& options)
{
    Target& target = *opened.target;
    const std::string type = ORAS_TRY(media_type_for(bytes, options.media_type));
    if (!media_type::is_manifest(type)) {
        return fail(ErrorCode::invalid_argument,
                    "manifest: \"" + type + "\" is not a manifest media type",
                    "use an OCI or Docker manifest or index type");
    }
    ManifestPushResult result;
    result.desc = descriptor_of(type, bytes);
    const bool by_digest = opened.tags.empty();
    if (by_digest && !opened.reference.empty() && opened.reference != result.desc.digest.str()) {
        return fail(ErrorCode::digest_mismatch,
                    "manifest: its digest is " + result.desc.digest.str() + ", not " +
                        opened.reference + " as the reference says; nothing pushed");
    }
    const std::vector<std::string> references =
        by_digest ? std::vector<std::string>{result.desc.digest.str()} : opened.tags;
    bool all_there = true;
    for (const auto& reference : references) {
        all_there = all_there && ORAS_TRY(names_already(target, reference, result.desc));
    }
    if (all_there) {
        result.existed = true;
        ORAS_TRY(report(options.progress, TransferState::exists, result.desc, result.desc.size));
        return result;
    }
    ORAS_TRY(report(options.progress, TransferState::started, result.desc));
    auto pushed = put_manifest(target, result.desc, bytes, opened.tags);
    if (!pushed) {
        return std::move(pushed).error();
    }
    ORAS_TRY(report(options.progress, TransferState::done, result.desc, result.desc.size));
    return result;
}

} // namespace oras::ops
