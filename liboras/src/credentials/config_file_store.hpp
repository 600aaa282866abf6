// Reading and writing one docker config file safely: a missing file reads as empty; writes are
// atomic (temporary file in the same directory, fsync, rename), mode 0600 in a 0700 directory,
// and serialised between processes by an flock on "<file>.lock", as docker/cli
// cli/config/configfile/file.go (Save) and oras-go credentials/internal/ioutil do.
#pragma once

#include "credentials/docker_config.hpp"
#include "oras/result.hpp"

#include <filesystem>
#include <functional>

namespace oras::credentials {

// Reads and parses `path`; a missing file gives an empty configuration. A Kubernetes pull
// secret manifest (JSON or YAML) gives the docker config it holds, marked from_secret()
// (kube/pull_secret.hpp). Fails with io, too_large (over 16 MiB) or invalid_format (see
// DockerConfig::parse and kube::docker_config_from_secret).
Result<DockerConfig> load_docker_config(const std::filesystem::path& path);

// Replaces `path` atomically with `config`, mode 0600, creating missing directories with mode
// 0700. A symbolic link at `path` is followed and its target replaced. Fails with io.
Result<void> save_docker_config(const std::filesystem::path& path, const DockerConfig& config);

// Changes `path` under an exclusive lock: `change` gets its current content and returns true
// when the file must be written. Two processes updating the same file never lose an entry.
// Fails with io, invalid_format, unsupported when `path` is a Kubernetes Secret manifest, or
// whatever `change` fails with (nothing is written then).
Result<void> update_docker_config(const std::filesystem::path& path,
                                  const std::function<Result<bool>(DockerConfig&)>& change);

} // namespace oras::credentials
