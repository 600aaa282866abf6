#include "display/copy_view.hpp"

#include "display/json_values.hpp"

#include <fmt/format.h>

namespace coras {

namespace {

std::string_view kind_word(oras::ops::TargetKind kind)
{
    return kind == oras::ops::TargetKind::oci_layout ? "oci-layout" : "registry";
}

} // namespace

std::string copy_json(const oras::ops::CopyResult& result, const std::string& destination_name)
{
    OrderedJson out;
    out["reference"] = destination_name + "@" + result.root.digest.str();
    const OrderedJson root = descriptor_json(result.root);
    for (const auto& [key, value] : root.items()) {
        out[key] = value;
    }
    return out.dump(2);
}

std::string copy_text(const oras::ops::CopyResult& result, const CopyEnd& from, const CopyEnd& to)
{
    return fmt::format("Copied [{}] {} => [{}] {}\nDigest: {}\n",
                       kind_word(from.kind),
                       from.reference,
                       kind_word(to.kind),
                       to.reference,
                       result.root.digest.str());
}

} // namespace coras
