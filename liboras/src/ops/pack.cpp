// Manifest packing as oras 1.x does it (oras-go PackManifest, image-spec v1.1 by default; v1.0
// when a config is given without an artifact type, which is what --manifest-config users get).
#include "ops/pack.hpp"

#include "ops/annotation_file.hpp"
#include "ops/media_type_check.hpp"
#include "ops/pack_support.hpp"
#include "oras/manifest.hpp"
#include "oras/media_types.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <set>

namespace oras::ops {

namespace {

// The title of a pushed file: its path as given, normalised, with forward slashes.
Result<std::string> title_of(const FileSpec& file, PathValidation validation)
{
    if (file.path.is_absolute() && validation == PathValidation::enabled) {
        return fail(ErrorCode::invalid_argument,
                    "file " + file.path.string() + ": absolute paths are not pushed",
                    "use a relative path, or --disable-path-validation");
    }
    return file.path.lexically_normal().generic_string();
}

Result<Descriptor> describe_file(const FileSpec& file, std::string_view default_type)
{
    std::error_code ec;
    const auto status = std::filesystem::status(file.path, ec);
    if (!std::filesystem::exists(status)) {
        return fail(ErrorCode::not_found, "file " + file.path.string() + ": no such file");
    }
    if (std::filesystem::is_directory(status)) {
        return fail(ErrorCode::unsupported,
                    "file " + file.path.string() + ": pushing a directory is not supported yet",
                    "pack it first: tar -czf dir.tar.gz dir");
    }
    const auto digest = ORAS_TRY(sha256_of_file(file.path));
    Descriptor desc;
    desc.media_type = file.media_type.empty() ? std::string(default_type) : file.media_type;
    desc.digest = digest.digest;
    desc.size = digest.size;
    return desc;
}

// The layer of "-": untitled unless --stdin-name names it; digest and size come with the upload.
Result<PackedBlob> stdin_layer(const FileSpec& file, const PushOptions& options)
{
    PackedBlob blob{{}, file.path, {}, true};
    blob.desc.media_type =
        file.media_type.empty() ? std::string(media_type::oci_layer_tar) : file.media_type;
    if (!options.stdin_name.empty()) {
        const FileSpec named{options.stdin_name, {}};
        blob.desc.annotations.emplace(std::string(annotation::title),
                                      ORAS_TRY(title_of(named, options.path_validation)));
    }
    return blob;
}

Result<void> check_stdin_use(const PushOptions& options)
{
    const auto count = std::count_if(options.files.begin(),
                                     options.files.end(),
                                     [](const FileSpec& file) { return file.path == "-"; });
    if (count > 1) {
        return fail(ErrorCode::invalid_argument, "standard input (-) is given twice");
    }
    if (count == 0 && !options.stdin_name.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "--stdin-name names the layer read from standard input, and no file is -");
    }
    return {};
}

Result<std::vector<PackedBlob>> pack_layers(const PushOptions& options, AnnotationFile& annotations)
{
    ORAS_TRY(check_stdin_use(options));
    std::vector<PackedBlob> layers;
    std::set<std::string> titles;
    for (const auto& file : options.files) {
        if (file.path == "-") {
            layers.push_back(ORAS_TRY(stdin_layer(file, options)));
            continue;
        }
        const auto title = ORAS_TRY(title_of(file, options.path_validation));
        if (!titles.insert(title).second) {
            return fail(ErrorCode::invalid_argument, "file " + title + " is given twice");
        }
        auto desc = ORAS_TRY(describe_file(file, media_type::oci_layer_tar));
        const auto given = file.path.string();
        if (auto it = annotations.files.find(given); it != annotations.files.end()) {
            desc.annotations = it->second;
            annotations.files.erase(it);
        }
        desc.annotations.try_emplace(std::string(annotation::title), title);
        layers.push_back(PackedBlob{std::move(desc), file.path, {}, false});
    }
    if (!annotations.files.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "annotation file: \"" + annotations.files.begin()->first +
                        "\" is not one of the files pushed");
    }
    return layers;
}

Result<PackedBlob> pack_config(const PushOptions& options, const AnnotationFile& annotations)
{
    if (!options.config) {
        PackedBlob blob{empty_descriptor(), {}, std::string(empty_json), false};
        blob.desc.annotations = annotations.config;
        return blob;
    }
    auto desc = ORAS_TRY(describe_file(*options.config, media_type::unknown_config));
    desc.annotations = annotations.config;
    return PackedBlob{std::move(desc), options.config->path, {}, false};
}

} // namespace

// RFC 3339 UTC time for org.opencontainers.image.created.
std::string rfc3339(std::int64_t seconds)
{
    const auto time = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&time, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

std::int64_t now_seconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Result<AnnotationFile> collect_annotations(const PushOptions& options)
{
    AnnotationFile annotations;
    if (!options.annotation_file.empty()) {
        if (!options.annotations.empty()) {
            return fail(ErrorCode::invalid_argument,
                        "--annotation and --annotation-file cannot be used together");
        }
        annotations = ORAS_TRY(load_annotation_file(options.annotation_file));
    }
    for (const auto& [key, value] : options.annotations) {
        annotations.manifest[key] = value;
    }
    if (!annotations.manifest.contains(std::string(annotation::created))) {
        const auto seconds = options.source_date_epoch.value_or(now_seconds());
        annotations.manifest[std::string(annotation::created)] = rfc3339(seconds);
    }
    return annotations;
}

bool has_streamed_blob(const PackedManifest& packed)
{
    return std::any_of(packed.blobs.begin(), packed.blobs.end(), [](const PackedBlob& blob) {
        return blob.streamed;
    });
}

void seal_manifest(PackedManifest& packed)
{
    const Manifest& manifest = packed.manifest;
    packed.bytes = serialize_manifest(manifest);
    packed.desc = descriptor_of(media_type::oci_manifest, packed.bytes);
    packed.desc.artifact_type = manifest.artifact_type;
    packed.desc.annotations = manifest.annotations;
    // Explicit media types keep oras's meaning; say when that makes a Wasm artifact Istio
    // will not load (the ASM guide's one-layer push).
    const auto match = wasm::detect_layout(manifest, media_type::oci_manifest);
    if (match && match->layout != wasm::Layout::none) {
        packed.layout = match->layout;
        const auto verdict = wasm::istio_verdict(manifest, media_type::oci_manifest);
        if (!verdict.loads) {
            packed.warnings.push_back(
                "Istio will not load this artifact: " + verdict.reason +
                "; push the module without a media type (--wasm-format solo, the default, or "
                "compat) for one it loads");
        }
    }
}

Result<PackedManifest> pack(const PushOptions& options)
{
    if (!options.artifact_type.empty()) {
        ORAS_TRY(check_media_type(options.artifact_type, "--artifact-type"));
    }
    auto annotations = ORAS_TRY(collect_annotations(options));
    auto config = ORAS_TRY(pack_config(options, annotations));
    auto layers = ORAS_TRY(pack_layers(options, annotations));

    // image-spec v1.0 packing when a config is given without an artifact type (oras 1.x).
    const bool v1_0 = options.config.has_value() && options.artifact_type.empty();
    if (v1_0 && options.subject) {
        return fail(ErrorCode::invalid_argument,
                    "a subject needs image-spec v1.1 packing",
                    "give --artifact-type with --config");
    }
    Manifest manifest;
    manifest.media_type = std::string(media_type::oci_manifest);
    if (!v1_0) {
        manifest.artifact_type = options.artifact_type.empty()
                                     ? std::string(media_type::unknown_artifact)
                                     : options.artifact_type;
    }
    manifest.config = config.desc;
    for (const auto& layer : layers) {
        manifest.layers.push_back(layer.desc);
    }
    if (layers.empty() && !v1_0) {
        manifest.layers.push_back(empty_descriptor());
        layers.push_back(PackedBlob{empty_descriptor(), {}, std::string(empty_json), false});
    }
    manifest.subject = options.subject;
    manifest.annotations = std::move(annotations.manifest);

    PackedManifest packed;
    packed.manifest = std::move(manifest);
    packed.blobs.push_back(std::move(config));
    for (auto& layer : layers) {
        packed.blobs.push_back(std::move(layer));
    }
    if (!has_streamed_blob(packed)) {
        seal_manifest(packed);
    }
    return packed;
}

} // namespace oras::ops
