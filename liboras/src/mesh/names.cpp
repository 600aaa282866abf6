// Names in mesh resources: Kubernetes object names and labels, Gateway API target references,
// and the file names `coras sync` writes.
#include "mesh/names.hpp"

#include "oras/mesh.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace oras::mesh {

namespace {

bool is_alnum(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// A label name or value: at most 63 of [A-Za-z0-9_.-], starting and ending with [A-Za-z0-9].
bool valid_label_part(std::string_view text)
{
    if (text.size() > 63) {
        return false;
    }
    if (text.empty()) {
        return true;
    }
    const bool inner = std::ranges::all_of(
        text, [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; });
    return inner && is_alnum(text.front()) && is_alnum(text.back());
}

// A label key: [DNS-subdomain/]name, the name not empty.
bool valid_label_key(std::string_view key)
{
    const auto slash = key.find('/');
    if (slash == std::string_view::npos) {
        return !key.empty() && valid_label_part(key);
    }
    const std::string_view prefix = key.substr(0, slash);
    const std::string_view name = key.substr(slash + 1);
    return valid_object_name(prefix) && !name.empty() && valid_label_part(name);
}

struct KindGroup
{
    std::string_view kind;
    std::string_view group;
};

constexpr std::array k_kind_groups = {
    KindGroup{"Gateway", "gateway.networking.k8s.io"},
    KindGroup{"GatewayClass", "gateway.networking.k8s.io"},
    KindGroup{"ListenerSet", "gateway.networking.k8s.io"},
    KindGroup{"HTTPRoute", "gateway.networking.k8s.io"},
    KindGroup{"GRPCRoute", "gateway.networking.k8s.io"},
    KindGroup{"TCPRoute", "gateway.networking.k8s.io"},
    KindGroup{"UDPRoute", "gateway.networking.k8s.io"},
    KindGroup{"TLSRoute", "gateway.networking.k8s.io"},
    KindGroup{"Service", ""},
    KindGroup{"ServiceEntry", "networking.istio.io"},
};

} // namespace

bool valid_object_name(std::string_view name)
{
    if (name.empty() || name.size() > 253) {
        return false;
    }
    const bool chars = std::ranges::all_of(name, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    });
    const auto alnum_lower = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    };
    return chars && alnum_lower(name.front()) && alnum_lower(name.back());
}

std::string default_object_name(std::string_view repository,
                                const std::vector<std::pair<std::string, std::string>>& labels)
{
    std::string raw;
    for (const auto& label : labels) {
        if (!label.second.empty()) {
            raw += label.second + "-";
        }
    }
    const auto slash = repository.rfind('/');
    raw += repository.substr(slash == std::string_view::npos ? 0 : slash + 1);
    std::string name;
    for (const char c : raw) {
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
        if (keep) {
            name += lower;
        } else if (!name.empty() && name.back() != '-') {
            name += '-';
        }
    }
    while (!name.empty() && name.back() == '-') {
        name.pop_back();
    }
    if (name.size() > 63) {
        name.resize(63);
        while (!name.empty() && name.back() == '-') {
            name.pop_back();
        }
    }
    return name.empty() ? std::string("wasm-filter") : name;
}

std::string_view kind_of(Resource resource)
{
    switch (resource) {
    case Resource::wasm_plugin:
        return "WasmPlugin";
    case Resource::traffic_extension:
        return "TrafficExtension";
    case Resource::envoy_extension_policy:
        return "EnvoyExtensionPolicy";
    case Resource::envoy_filter:
        return "EnvoyFilter";
    case Resource::asm_filter_deployment:
        return "ASMFilterDeployment";
    }
    return "";
}

Result<TargetRef> parse_target_ref(std::string_view text)
{
    const auto bad = [&](std::string_view why) {
        return fail(ErrorCode::invalid_argument,
                    "target reference \"" + std::string(text) + "\": " + std::string(why),
                    "write KIND/NAME (Gateway/public-gw) or GROUP/KIND/NAME");
    };
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto slash = text.find('/', start);
        parts.push_back(text.substr(start, slash - start));
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
    if (parts.size() < 2 || parts.size() > 3) {
        return bad("not KIND/NAME or GROUP/KIND/NAME");
    }
    TargetRef ref;
    ref.kind = std::string(parts[parts.size() - 2]);
    ref.name = std::string(parts.back());
    if (ref.kind.empty() || !std::ranges::all_of(ref.kind, is_alnum) ||
        std::isupper(static_cast<unsigned char>(ref.kind.front())) == 0) {
        return bad("the kind must be a CamelCase word");
    }
    if (!valid_object_name(ref.name)) {
        return bad("the name is no valid Kubernetes object name");
    }
    if (parts.size() == 3) {
        ref.group = std::string(parts[0]);
        if (!ref.group.empty() && !valid_object_name(ref.group)) {
            return bad("the group is no DNS name");
        }
        return ref;
    }
    const auto known =
        std::ranges::find(k_kind_groups, std::string_view(ref.kind), &KindGroup::kind);
    if (known == k_kind_groups.end()) {
        return bad("no default group for kind " + ref.kind + ": give GROUP/KIND/NAME");
    }
    ref.group = std::string(known->group);
    return ref;
}

Result<std::vector<std::pair<std::string, std::string>>> parse_labels(std::string_view text)
{
    std::vector<std::pair<std::string, std::string>> labels;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const std::string_view item = text.substr(start, comma - start);
        const auto eq = item.find('=');
        const std::string_view key = item.substr(0, eq);
        const std::string_view value =
            eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1);
        const auto bad = [&](std::string_view why) {
            return fail(ErrorCode::invalid_argument,
                        "labels \"" + std::string(text) + "\": " + std::string(why),
                        "write key=value[,key=value...], e.g. app=details,version=v1");
        };
        if (eq == std::string_view::npos) {
            return bad("\"" + std::string(item) + "\" has no '='");
        }
        if (!valid_label_key(key)) {
            return bad("\"" + std::string(key) + "\" is no valid label key");
        }
        if (!valid_label_part(value)) {
            return bad("\"" + std::string(value) + "\" is no valid label value");
        }
        if (std::ranges::any_of(labels, [&](const auto& label) { return label.first == key; })) {
            return bad("the key \"" + std::string(key) + "\" is given twice");
        }
        labels.emplace_back(std::string(key), std::string(value));
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
    return labels;
}

std::string module_file_name(std::string_view manifest_digest)
{
    const auto colon = manifest_digest.find(':');
    return std::string(manifest_digest.substr(colon == std::string_view::npos ? 0 : colon + 1)) +
           ".wasm";
}

} // namespace oras::mesh
