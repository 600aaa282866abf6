// Manifests and indexes (oras/manifest.hpp) as registries serve them: the input is read as an
// image manifest and as an index, with no content type and with the OCI ones. Whatever parses
// serialises to bytes that parse again to the same serialisation.
#include "fuzz_support.hpp"

#include "oras/manifest.hpp"
#include "oras/media_types.hpp"

using coras_fuzz::require;

namespace {

void manifest(std::string_view bytes, std::string_view served)
{
    const auto parsed = oras::parse_manifest(bytes, served);
    if (!parsed) {
        return;
    }
    const std::string serialized = oras::serialize_manifest(*parsed);
    const auto again = oras::parse_manifest(serialized, served);
    require(again.has_value(), "a serialised manifest does not parse");
    require(oras::serialize_manifest(*again) == serialized, "serialize_manifest() is not stable");
}

void index(std::string_view bytes, std::string_view served)
{
    const auto parsed = oras::parse_index(bytes, served);
    if (!parsed) {
        return;
    }
    const std::string serialized = oras::serialize_index(*parsed);
    const auto again = oras::parse_index(serialized, served);
    require(again.has_value(), "a serialised index does not parse");
    require(oras::serialize_index(*again) == serialized, "serialize_index() is not stable");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes = coras_fuzz::as_text(data, size);
    const auto detected = oras::detect_manifest_media_type(bytes);
    manifest(bytes, {});
    manifest(bytes, oras::media_type::oci_manifest);
    index(bytes, {});
    index(bytes, oras::media_type::oci_index);
    if (detected) {
        manifest(bytes, *detected);
        index(bytes, *detected);
    }
    return 0;
}
