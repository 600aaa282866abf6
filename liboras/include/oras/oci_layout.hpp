// A directory in the OCI image layout (image-spec image-layout.md): `oci-layout`, `index.json`
// whose manifests carry org.opencontainers.image.ref.name tags, and `blobs/<alg>/<hex>`. Every
// file is written through a temporary file and a rename.
#pragma once

#include "oras/content.hpp"
#include "oras/result.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace oras {

enum class LayoutMode
{
    read_only,  // the layout must exist
    read_write, // the layout must exist; tags and deletions are written (tag, delete)
    create,     // created when missing (for push)
};

// Opens the layout at `dir`; a regular file at `dir` is read as a tar archive of a layout
// (read_only only: unsupported otherwise). Fails with not_found (read_only and no layout),
// invalid_format (a corrupt oci-layout or index.json, a damaged archive) or io.
Result<std::unique_ptr<Target>> open_oci_layout(const std::filesystem::path& dir, LayoutMode mode);

// `path[:tag]` or `path@digest` as given to --oci-layout commands.
struct LayoutReference
{
    std::filesystem::path path;
    std::string reference; // tag or digest; may be empty
};

// Splits `text` at "@" (digest) or at the last ":" after the last "/" (tag); fails with
// invalid_argument on an empty path or an invalid tag or digest.
Result<LayoutReference> parse_layout_reference(std::string_view text);

} // namespace oras
