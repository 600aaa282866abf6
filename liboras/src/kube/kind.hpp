// How an error names the kind of a manifest that is not the one expected. The `kind` value is
// quoted only when it is a Kubernetes kind name (a letter, then letters and digits, at most 63
// characters, as in `ConfigMap`); anything else is content of a file that may be a Secret and
// is never quoted.
#pragma once

#include <string>
#include <string_view>

namespace oras::kube {

// "a Kubernetes ConfigMap", or "a Kubernetes object whose kind is not a kind name".
[[nodiscard]] std::string kind_phrase(std::string_view kind);

} // namespace oras::kube
