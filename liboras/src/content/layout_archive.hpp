// An OCI image layout in a tar archive (`oras cp --from-oci-layout x.tar`, `oci.NewFromTar`),
// read-only. The archive is extracted once into a private scratch directory (removed with the
// store): only `oci-layout`, `index.json` and `blobs/<alg>/<hex>` entries are taken, under
// names built here, never from the archive's paths.
#pragma once

#include "oras/content.hpp"
#include "oras/result.hpp"

#include <filesystem>
#include <memory>

namespace oras {

// Opens the layout archived in the tar (plain or gzip) at `file`. Fails with
// invalid_format for a damaged archive, one holding a link or device under a layout name or
// the same name twice, or no layout; too_large past the limits (100 000 entries, 64 GiB); io.
Result<std::unique_ptr<Target>> open_layout_archive(const std::filesystem::path& file);

} // namespace oras
