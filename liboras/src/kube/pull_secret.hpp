// A Kubernetes image pull secret given where a docker config file is expected: the Secret
// manifest (JSON or YAML) of type kubernetes.io/dockerconfigjson, whose
// `data[".dockerconfigjson"]` is the base64 of a docker config.json (or whose
// `stringData[".dockerconfigjson"]` is that JSON itself), or of the legacy type
// kubernetes.io/dockercfg, whose `.dockercfg` is the `auths` object alone. The
// `.dockerconfigjson` content itself is already a docker config file.
#pragma once

#include "oras/result.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace oras::kube {

// The docker config JSON that `text` (the content of `origin`) holds when it is a Kubernetes
// Secret manifest; nullopt when it is not one (a JSON object without `kind`, to be read as a
// docker config). Fails with invalid_format for a manifest of another kind, a Secret without
// either key, a value that is not base64, or YAML that flat_manifest.hpp cannot read; messages
// never quote the content.
Result<std::optional<std::string>> docker_config_from_secret(std::string_view text,
                                                             const std::string& origin);

} // namespace oras::kube
