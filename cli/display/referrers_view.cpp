#include "display/referrers_view.hpp"

#include "display/json_values.hpp"
#include "display/push_view.hpp"

#include <fmt/format.h>

#include <map>
#include <vector>

namespace coras {

namespace {

OrderedJson referrer_json(const oras::ops::ReferrerNode& node, const std::string& name)
{
    OrderedJson out;
    out["reference"] = name + "@" + node.desc.digest.str();
    out["mediaType"] = node.desc.media_type;
    out["digest"] = node.desc.digest.str();
    out["size"] = node.desc.size;
    out["artifactType"] = node.desc.artifact_type;
    out["annotations"] = annotations_json(node.desc.annotations);
    OrderedJson children = OrderedJson::array();
    for (const auto& child : node.referrers) {
        children.push_back(referrer_json(child, name));
    }
    out["referrers"] = children;
    return out;
}

// Appends `nodes` grouped by artifact type (in order of first appearance) below `indent`.
void tree_lines(const std::vector<oras::ops::ReferrerNode>& nodes,
                const std::string& indent,
                std::string& out)
{
    std::vector<std::string> types;
    std::map<std::string, std::vector<const oras::ops::ReferrerNode*>> by_type;
    for (const auto& node : nodes) {
        const std::string type =
            node.desc.artifact_type.empty() ? node.desc.media_type : node.desc.artifact_type;
        if (by_type[type].empty()) {
            types.push_back(type);
        }
        by_type[type].push_back(&node);
    }
    for (std::size_t t = 0; t < types.size(); ++t) {
        const bool last_type = t + 1 == types.size();
        out += fmt::format("{}{} {}\n", indent, last_type ? "└──" : "├──", types[t]);
        const std::string type_indent = indent + (last_type ? "    " : "│   ");
        const auto& group = by_type[types[t]];
        for (std::size_t i = 0; i < group.size(); ++i) {
            const bool last = i + 1 == group.size();
            out += fmt::format(
                "{}{} {}\n", type_indent, last ? "└──" : "├──", group[i]->desc.digest.str());
            tree_lines(group[i]->referrers, type_indent + (last ? "    " : "│   "), out);
        }
    }
}

} // namespace

std::string attach_text(const oras::ops::AttachResult& result,
                        oras::ops::TargetKind kind,
                        const std::string& name)
{
    std::string out =
        fmt::format("Attached to [{}] {}@{}\n",
                    kind == oras::ops::TargetKind::oci_layout ? "oci-layout" : "registry",
                    name,
                    result.subject.digest.str());
    out += fmt::format("ArtifactType: {}\n", result.pushed.manifest.artifact_type);
    out += fmt::format("Digest: {}\n", result.pushed.manifest.digest.str());
    return out;
}

std::string attach_json(const oras::ops::AttachResult& result, const std::string& name)
{
    auto out = OrderedJson::parse(
        push_json(result.pushed, name + "@" + result.pushed.manifest.digest.str()));
    out["subject"] = descriptor_json(result.subject);
    return out.dump(2);
}

std::string discover_tree(const oras::ops::DiscoverResult& result, const std::string& name)
{
    std::string out = fmt::format("{}@{}\n", name, result.subject.digest.str());
    tree_lines(result.referrers, "", out);
    return out;
}

std::string discover_json(const oras::ops::DiscoverResult& result, const std::string& name)
{
    OrderedJson out;
    out["reference"] = name + "@" + result.subject.digest.str();
    out["mediaType"] = result.subject.media_type;
    out["digest"] = result.subject.digest.str();
    out["size"] = result.subject.size;
    OrderedJson referrers = OrderedJson::array();
    for (const auto& node : result.referrers) {
        referrers.push_back(referrer_json(node, name));
    }
    out["referrers"] = referrers;
    return out.dump(2);
}

} // namespace coras
