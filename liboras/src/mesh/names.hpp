// Kubernetes names for mesh resources (the checks behind oras/mesh.hpp).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oras::mesh {

// A DNS-1123 subdomain: at most 253 of [a-z0-9.-], starting and ending with [a-z0-9].
bool valid_object_name(std::string_view name);

// A name for a resource from the workload's label values and the repository's last element
// ("details-v1-header"), lower-cased, other characters as '-', at most 63 characters.
std::string default_object_name(std::string_view repository,
                                const std::vector<std::pair<std::string, std::string>>& labels);

} // namespace oras::mesh
