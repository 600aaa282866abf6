// `render`: what a mesh resource needs to know of a pushed filter, learnt from the registry
// (see oras/mesh.hpp for the resources themselves).
#pragma once

#include "oras/mesh.hpp"
#include "oras/ops/target.hpp"
#include "oras/result.hpp"

#include <cstdint>

namespace oras::ops {

struct DescribeFilterOptions
{
    // A module (or compat layer) larger than this is refused before it is fetched: Istio's and
    // Envoy Gateway's limit for the resources they fetch themselves.
    std::uint64_t max_module_size = wasm::k_istio_max_module_bytes;
};

// Resolves `opened.reference` now (a tag to the manifest digest it names at this moment; an
// index to the manifest a mesh's fetcher takes) and inspects the artifact: its layout, Istio's
// verdict, the module's size and filter type, and the root id its runtime config names. Fails
// as inspect does; with too_large, naming the limit, for a module over `max_module_size`.
Result<mesh::FilterArtifact> describe_filter(const OpenedTarget& opened,
                                             const DescribeFilterOptions& options = {});

} // namespace oras::ops
