// The resources that make a service mesh load a Wasm filter (wasm-formats.md §4-§6, §11):
// Istio's WasmPlugin and TrafficExtension and Envoy Gateway's EnvoyExtensionPolicy, which fetch
// the module themselves, pinned by the manifest digest; the EnvoyFilter of the published ASM
// design and its ASMFilterDeployment, which load a file a node-side job (`coras sync`) wrote;
// and that job as a Kubernetes DaemonSet. Each is rendered as JSON text whose members come in
// the order the published examples use, so that the same input always gives the same bytes.
#pragma once

#include "oras/result.hpp"
#include "oras/wasm_artifact.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oras::mesh {

enum class Resource
{
    wasm_plugin,            // extensions.istio.io/v1alpha1 WasmPlugin
    traffic_extension,      // extensions.istio.io/v1alpha1 TrafficExtension (Istio 1.30)
    envoy_extension_policy, // gateway.envoyproxy.io/v1alpha1 EnvoyExtensionPolicy
    envoy_filter,           // networking.istio.io/v1alpha3 EnvoyFilter (a local file)
    asm_filter_deployment,  // istio.alibabacloud.com/v1beta1 ASMFilterDeployment
};

// The resource's kind: "WasmPlugin", "TrafficExtension", ...
std::string_view kind_of(Resource resource);

// What a resource needs to know of the pushed filter: where it is and what it holds.
struct FilterArtifact
{
    std::string registry;   // "localhost:5000"
    std::string repository; // "filters/header"
    std::string tag;        // empty when the reference named a digest
    // The digest the mesh checks: the manifest's (for an index, the manifest a pull takes).
    std::string manifest_digest; // "sha256:<hex>"
    // The digest the reference names now (for an index, the index's own): what `coras sync`
    // names its file after and what pins the reference itself. Empty: manifest_digest.
    std::string reference_digest;
    wasm::Layout layout = wasm::Layout::none;
    wasm::IstioVerdict istio; // whether Istio's (and Envoy Gateway's) fetcher loads it
    std::optional<std::uint64_t> module_size; // the module's (compat: the layer's) size
    std::string root_id;                      // the runtime config's first root id; empty when none
    std::string plugin_type; // "HTTP", "NETWORK" or empty, from the module's exports
};

// A Gateway API style reference to what a policy applies to ("Gateway/public-gw").
struct TargetRef
{
    std::string group; // "gateway.networking.k8s.io", "" for the core group
    std::string kind;
    std::string name;
};

// Parses KIND/NAME or GROUP/KIND/NAME; the group defaults by kind (Gateway, GatewayClass,
// HTTPRoute, ...: gateway.networking.k8s.io; Service: core; ServiceEntry: networking.istio.io).
// Fails with invalid_argument naming the text.
Result<TargetRef> parse_target_ref(std::string_view text);

// Parses app=details[,version=v1] into labels, in the order given; fails with
// invalid_argument on an empty key, a key twice, or a name Kubernetes would refuse.
Result<std::vector<std::pair<std::string, std::string>>> parse_labels(std::string_view text);

struct RenderOptions
{
    std::string name;       // metadata.name; empty: derived from the repository and labels
    std::string namespace_; // metadata.namespace; empty: left out (kubectl's namespace applies)
    std::vector<std::pair<std::string, std::string>> selector; // workload labels
    std::vector<TargetRef> target_refs;                        // instead of labels
    std::string plugin_config;                                 // a JSON object as text; empty: none
    std::string plugin_name;                                   // root id; empty: the artifact's
    std::string phase; // AUTHN, AUTHZ, STATS, UNSPECIFIED_PHASE; empty: left out
    std::optional<int> priority;
    std::string pull_secret; // a kubernetes.io/dockerconfigjson Secret's name
    std::string pull_policy; // IfNotPresent, Always; empty: left out
    bool fail_open = false;
    std::string type; // HTTP, NETWORK; empty: the artifact's, else left out
    // EnvoyFilter: the listener context and the node directory `coras sync` writes to.
    std::string context = "SIDECAR_INBOUND";
    std::string dir = "/var/local/lib/wasm-filters";
    // ASMFilterDeployment: the workload's kind.
    std::string workload_kind = "Deployment";
};

// The node directory of the published design, where `coras sync` writes and sidecars mount.
inline constexpr std::string_view k_default_filter_dir = "/var/local/lib/wasm-filters";

// The file `coras sync` writes for a manifest digest "sha256:<hex>": "<hex>.wasm".
std::string module_file_name(std::string_view manifest_digest);

// Renders `resource` for `artifact` as JSON text (2-space indent, members in a fixed order).
// Fails with invalid_argument for options the resource cannot take (no selector where one is
// needed, a plugin config that is no JSON object, an unknown phase) and with unsupported,
// naming the layout and the fix, when the resource's fetcher would not load the artifact
// (WasmPlugin, TrafficExtension, EnvoyExtensionPolicy: Istio's rules, 256 MiB at most).
Result<std::string>
render(Resource resource, const FilterArtifact& artifact, const RenderOptions& options);

// The strategic-merge patch of a workload's pod template that mounts `dir` from the node into
// the istio-proxy sidecar, read-only (sidecar.istio.io/userVolume and userVolumeMount), as JSON.
std::string pod_template_patch(std::string_view dir);

struct DaemonSetOptions
{
    std::string name = "coras-sync";
    std::string namespace_;           // empty: left out
    std::string image;                // the coras image (required)
    std::string list_config_map;      // the ConfigMap holding the references (required)
    std::string list_key = "filters"; // its key holding them, one per line
    std::string pull_secret;          // a kubernetes.io/dockerconfigjson Secret; empty: none
    std::string dir = std::string(k_default_filter_dir);
    int interval_seconds = 60;
    bool prune = true;
    // The user the sync container runs as; an init container running as root makes `dir` its
    // own first. 0: everything runs as root and there is no init container.
    std::int64_t run_as_user = 65532;
    std::string init_image = "busybox:1.36"; // with `chown`
};

// The DaemonSet that runs `coras sync` on every node. Fails with invalid_argument for a
// missing image or ConfigMap or a name Kubernetes would refuse.
Result<std::string> render_daemonset(const DaemonSetOptions& options);

} // namespace oras::mesh
