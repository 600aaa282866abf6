// Media types named by the OCI image-spec, Docker schema 2 and the Wasm artifact layouts.
#pragma once

#include <string_view>

namespace oras::media_type {

inline constexpr std::string_view oci_manifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view oci_index = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view oci_config = "application/vnd.oci.image.config.v1+json";
inline constexpr std::string_view oci_layer_tar = "application/vnd.oci.image.layer.v1.tar";
inline constexpr std::string_view oci_layer_tar_gzip =
    "application/vnd.oci.image.layer.v1.tar+gzip";
inline constexpr std::string_view oci_empty = "application/vnd.oci.empty.v1+json";
inline constexpr std::string_view docker_manifest =
    "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr std::string_view docker_manifest_list =
    "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr std::string_view docker_config = "application/vnd.docker.container.image.v1+json";
inline constexpr std::string_view docker_layer_tar_gzip =
    "application/vnd.docker.image.rootfs.diff.tar.gzip";

// oras 1.x defaults.
inline constexpr std::string_view unknown_config = "application/vnd.unknown.config.v1+json";
inline constexpr std::string_view unknown_artifact = "application/vnd.unknown.artifact.v1";

// Wasm layouts (wasm-formats.md §0).
inline constexpr std::string_view wasm_solo_config = "application/vnd.module.wasm.config.v1+json";
inline constexpr std::string_view wasm_solo_layer =
    "application/vnd.module.wasm.content.layer.v1+wasm";
inline constexpr std::string_view wasm_cncf_config = "application/vnd.wasm.config.v0+json";
inline constexpr std::string_view wasm_cncf_layer = "application/wasm";
inline constexpr std::string_view wasm_to_oci_config = "application/vnd.wasm.config.v1+json";
inline constexpr std::string_view wasm_to_oci_layer = "application/vnd.wasm.content.layer.v1+wasm";

// True for the four manifest types a registry stores under /manifests/.
constexpr bool is_manifest(std::string_view media_type)
{
    return media_type == oci_manifest || media_type == oci_index || media_type == docker_manifest ||
           media_type == docker_manifest_list;
}

// True for an index or a Docker manifest list.
constexpr bool is_index(std::string_view media_type)
{
    return media_type == oci_index || media_type == docker_manifest_list;
}

// The Accept header value for manifest GET/HEAD (distribution 2.8 answers 404 without it).
inline constexpr std::string_view manifest_accept =
    "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
    "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json";

} // namespace oras::media_type

namespace oras::annotation {
inline constexpr std::string_view title = "org.opencontainers.image.title";
inline constexpr std::string_view created = "org.opencontainers.image.created";
inline constexpr std::string_view ref_name = "org.opencontainers.image.ref.name";
} // namespace oras::annotation
