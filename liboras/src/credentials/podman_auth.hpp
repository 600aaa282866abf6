// podman/skopeo/buildah credentials (containers-auth.json(5), containers/image
// pkg/docker/config): read-only fallbacks after docker's files, so that `podman login` is
// enough for coras too.
#pragma once

#include "oras/credentials.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace oras::credentials {

// The auth files podman reads, in order: $REGISTRY_AUTH_FILE (when set), then
// $XDG_RUNTIME_DIR/containers/auth.json (/run/containers/<uid>/auth.json without
// XDG_RUNTIME_DIR), then $XDG_CONFIG_HOME/containers/auth.json (~/.config/...).
std::vector<std::filesystem::path> podman_auth_files();

// The keys podman would use for the docker-style key `server`: Docker Hub's
// credential_key_for("docker.io") is "docker.io" in auth.json; others are unchanged.
std::vector<std::string> podman_keys(std::string_view server);

// One auth.json as a read-only store; put and erase fail with unsupported.
std::shared_ptr<CredentialStore> open_podman_auth_store(std::filesystem::path auth_file,
                                                        std::chrono::milliseconds helper_timeout);

} // namespace oras::credentials
