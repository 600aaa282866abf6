// Image references (oras/reference.hpp), as typed on the command line and read from
// index.json: whatever parses prints back, with str(), as a reference that parses to itself.
#include "fuzz_support.hpp"

#include "oras/reference.hpp"

using coras_fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text = coras_fuzz::as_text(data, size);
    if (auto reference = oras::Reference::parse(text)) {
        const std::string normal = reference->str();
        const auto again = oras::Reference::parse(normal);
        require(again.has_value(), "Reference::str() does not parse");
        require(again->str() == normal, "Reference::str() is not stable");
        require(!reference->host().empty(), "Reference::host() is empty");
        require(reference->tag.empty() || oras::is_valid_tag(reference->tag), "invalid tag kept");
        static_cast<void>(reference->is_localhost());
        static_cast<void>(reference->reference());
    }
    if (auto multi = oras::parse_multi_tag_reference(text)) {
        for (const auto& tag : multi->tags) {
            require(oras::is_valid_tag(tag), "parse_multi_tag_reference kept an invalid tag");
        }
        require(multi->tags.empty() || multi->reference.tag == multi->tags.front(),
                "MultiTagReference's tag is not its first tag");
    }
    return 0;
}
