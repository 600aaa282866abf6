// Results of repo ls, repo tags, tag, resolve and the delete commands, as text and JSON.
#pragma once

#include "oras/descriptor.hpp"
#include "oras/ops/target.hpp"

#include <string>
#include <vector>

namespace coras {

// One name a line (tags, repositories), made printable.
std::string lines_text(const std::vector<std::string>& names);

// {"tags":[...]} (oras repo tags --format json).
std::string tags_json(const std::vector<std::string>& tags);

// {"repositories":[...]} (oras repo ls --format json).
std::string repositories_json(const std::vector<std::string>& repositories);

// `desc` as one compact JSON line (--descriptor).
std::string descriptor_line(const oras::Descriptor& desc);

// "[registry] host/repo@digest" or "[oci-layout] dir@digest", as oras annotates references.
std::string annotated_reference(oras::ops::TargetKind kind,
                                const std::string& name,
                                const oras::Digest& digest);

} // namespace coras
