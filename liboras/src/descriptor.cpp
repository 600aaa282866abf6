#include "oras/descriptor.hpp"

#include "oras/media_types.hpp"

namespace oras {

std::string Descriptor::title() const
{
    const auto found = annotations.find(std::string(annotation::title));
    return found == annotations.end() ? std::string() : found->second;
}

Descriptor descriptor_of(std::string_view media_type, std::string_view bytes)
{
    Descriptor desc;
    desc.media_type = std::string(media_type);
    desc.digest = sha256_of(bytes);
    desc.size = bytes.size();
    return desc;
}

// image-spec 1.1 DescriptorEmptyJSON, which carries its content inline as oras-go sends it.
const Descriptor& empty_descriptor()
{
    static const Descriptor k_empty = [] {
        Descriptor desc = descriptor_of(media_type::oci_empty, empty_json);
        desc.data = std::string(empty_json);
        return desc;
    }();
    return k_empty;
}

} // namespace oras
