// An OCI image layout's index.json (content/oci_layout_index.hpp), read from a layout
// directory as `coras pull --oci-layout` reads it: the input is the file. An index that reads
// takes the tag edits `coras tag` and `push` make and is written back in a form that reads
// again.
#include "fuzz_support.hpp"

#include "content/oci_layout_index.hpp"
#include "oras/media_types.hpp"

using coras_fuzz::require;

namespace {

const coras_fuzz::ScratchDir& scratch()
{
    static const coras_fuzz::ScratchDir dir;
    return dir;
}

void edit(oras::Index& index)
{
    namespace layout = oras::oci_layout;
    static_cast<void>(layout::find_tag(index, "v1"));
    const oras::Descriptor pushed = oras::descriptor_of(oras::media_type::oci_manifest, "{}");
    static_cast<void>(layout::find_digest(index, pushed.digest));
    layout::add_untagged(index, pushed);
    layout::set_tag(index, pushed, "latest");
    const auto tagged = layout::find_tag(index, "latest");
    require(tagged && tagged->digest == pushed.digest, "set_tag() did not point the tag");
    for (const auto& entry : index.manifests) {
        static_cast<void>(layout::ref_name(entry));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto dir = scratch().path();
    static_cast<void>(scratch().write("index.json", coras_fuzz::as_text(data, size)));
    auto index = oras::oci_layout::read_index_file(dir);
    if (index) {
        edit(*index);
        require(oras::oci_layout::write_index_file(dir, *index).has_value(),
                "index.json was not written");
        const auto again = oras::oci_layout::read_index_file(dir);
        require(again.has_value(), "a written index.json does not read");
        require(oras::serialize_index(*again) == oras::serialize_index(*index),
                "index.json changed on the way through the file");
    }
    scratch().clear();
    return 0;
}
