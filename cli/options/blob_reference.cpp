#include "options/blob_reference.hpp"

namespace coras {

oras::Result<std::optional<oras::Digest>> blob_digest(const oras::ops::OpenedTarget& opened)
{
    if (opened.reference.empty()) {
        return std::optional<oras::Digest>{};
    }
    auto digest = oras::Digest::parse(opened.reference);
    if (!digest) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "blob reference: \"" + opened.reference + "\" is not a digest",
                          "name the blob as registry/repository@sha256:...");
    }
    return std::optional<oras::Digest>{*digest};
}

} // namespace coras
