// The node-side job of the published ASM design as a Kubernetes DaemonSet: `coras sync` on every
// node writes the listed filters into a host directory the sidecars mount, so that Kubernetes,
// not coras, spreads the work over the cluster.
#include "mesh/names.hpp"
#include "oras/mesh.hpp"

#include <nlohmann/json.hpp>

namespace oras::mesh {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view k_list_mount = "/etc/coras/list";
constexpr std::string_view k_secret_mount = "/etc/coras/pull-secret";

Result<void> check(const DaemonSetOptions& options)
{
    if (options.image.empty()) {
        return fail(ErrorCode::invalid_argument,
                    "render DaemonSet: no image",
                    "name an image that holds coras: --image REGISTRY/coras:TAG");
    }
    if (!valid_object_name(options.list_config_map)) {
        return fail(ErrorCode::invalid_argument,
                    "render DaemonSet: --list \"" + options.list_config_map +
                        "\" is no ConfigMap name",
                    "name the ConfigMap that lists the references: --list wasm-filters");
    }
    if (!valid_object_name(options.name) || options.name.size() > 63) {
        return fail(ErrorCode::invalid_argument,
                    "render DaemonSet: --name \"" + options.name +
                        "\" is no valid object name of at most 63 characters (it is a label too)");
    }
    if (!options.namespace_.empty() && !valid_object_name(options.namespace_)) {
        return fail(ErrorCode::invalid_argument,
                    "render DaemonSet: --namespace \"" + options.namespace_ +
                        "\" is no valid namespace");
    }
    if (!options.pull_secret.empty() && !valid_object_name(options.pull_secret)) {
        return fail(ErrorCode::invalid_argument,
                    "render DaemonSet: --pull-secret \"" + options.pull_secret +
                        "\" is no Secret name");
    }
    if (options.list_key.empty() || options.list_key.find('/') != std::string::npos ||
        options.list_key.starts_with('.')) {
        return fail(ErrorCode::invalid_argument,
                    "render DaemonSet: --list-key \"" + options.list_key +
                        "\" is no ConfigMap key");
    }
    if (!options.dir.starts_with('/')) {
        return fail(ErrorCode::invalid_argument,
                    "render DaemonSet: --dir " + options.dir + " is not an absolute path");
    }
    if (options.interval_seconds < 1) {
        return fail(ErrorCode::invalid_argument, "render DaemonSet: --interval must be at least 1");
    }
    if (options.run_as_user < 0) {
        return fail(ErrorCode::invalid_argument,
                    "render DaemonSet: --run-as-user must be 0 or more");
    }
    return {};
}

Json sync_command(const DaemonSetOptions& options)
{
    Json args = Json::array({"coras", "sync"});
    args.push_back("--list");
    args.push_back(std::string(k_list_mount) + "/" + options.list_key);
    args.push_back("--dir");
    args.push_back(options.dir);
    if (!options.pull_secret.empty()) {
        args.push_back("--registry-config");
        args.push_back(std::string(k_secret_mount) + "/config.json");
    }
    args.push_back("--interval");
    args.push_back(std::to_string(options.interval_seconds));
    if (options.prune) {
        args.push_back("--prune");
    }
    return args;
}

Json volumes(const DaemonSetOptions& options)
{
    Json list = Json::array();
    list.push_back(Json{{"name", "wasm-filters"},
                        {"hostPath", Json{{"path", options.dir}, {"type", "DirectoryOrCreate"}}}});
    list.push_back(
        Json{{"name", "filter-list"}, {"configMap", Json{{"name", options.list_config_map}}}});
    list.push_back(Json{{"name", "tmp"}, {"emptyDir", Json::object()}});
    if (!options.pull_secret.empty()) {
        list.push_back(Json{
            {"name", "pull-secret"},
            {"secret",
             Json{{"secretName", options.pull_secret},
                  {"items",
                   Json::array({Json{{"key", ".dockerconfigjson"}, {"path", "config.json"}}})}}}});
    }
    return list;
}

Json sync_container(const DaemonSetOptions& options)
{
    Json mounts = Json::array();
    mounts.push_back(Json{{"name", "wasm-filters"}, {"mountPath", options.dir}});
    mounts.push_back(Json{
        {"name", "filter-list"}, {"mountPath", std::string(k_list_mount)}, {"readOnly", true}});
    mounts.push_back(Json{{"name", "tmp"}, {"mountPath", "/tmp"}});
    if (!options.pull_secret.empty()) {
        mounts.push_back(Json{{"name", "pull-secret"},
                              {"mountPath", std::string(k_secret_mount)},
                              {"readOnly", true}});
    }
    Json security = Json::object();
    if (options.run_as_user > 0) {
        security["runAsNonRoot"] = true;
        security["runAsUser"] = options.run_as_user;
        security["runAsGroup"] = options.run_as_user;
    }
    security["readOnlyRootFilesystem"] = true;
    security["allowPrivilegeEscalation"] = false;
    security["capabilities"] = Json{{"drop", Json::array({"ALL"})}};
    return Json{{"name", "sync"},
                {"image", options.image},
                {"command", sync_command(options)},
                // The root filesystem is read-only: HOME is the writable /tmp.
                {"env", Json::array({Json{{"name", "HOME"}, {"value", "/tmp"}}})},
                {"resources",
                 Json{{"requests", Json{{"cpu", "10m"}, {"memory", "32Mi"}}},
                      {"limits", Json{{"memory", "512Mi"}}}}},
                {"securityContext", security},
                {"volumeMounts", mounts}};
}

// Makes the host directory the sync user's own before it starts (kubelet creates it root-owned).
Json prepare_container(const DaemonSetOptions& options)
{
    const std::string owner =
        std::to_string(options.run_as_user) + ":" + std::to_string(options.run_as_user);
    return Json{{"name", "prepare-dir"},
                {"image", options.init_image},
                {"command", Json::array({"chown", owner, options.dir})},
                {"securityContext",
                 Json{{"runAsUser", 0},
                      {"readOnlyRootFilesystem", true},
                      {"allowPrivilegeEscalation", false},
                      {"capabilities",
                       Json{{"drop", Json::array({"ALL"})}, {"add", Json::array({"CHOWN"})}}}}},
                {"volumeMounts",
                 Json::array({Json{{"name", "wasm-filters"}, {"mountPath", options.dir}}})}};
}

} // namespace

Result<std::string> render_daemonset(const DaemonSetOptions& options)
{
    ORAS_TRY(check(options));
    const Json labels = Json{{"app.kubernetes.io/name", options.name}};
    Json metadata = Json{{"name", options.name}};
    if (!options.namespace_.empty()) {
        metadata["namespace"] = options.namespace_;
    }
    metadata["labels"] = labels;
    Json pod = Json::object();
    if (options.run_as_user > 0) {
        pod["initContainers"] = Json::array({prepare_container(options)});
    }
    pod["containers"] = Json::array({sync_container(options)});
    pod["volumes"] = volumes(options);
    const Json spec =
        Json{{"selector", Json{{"matchLabels", labels}}},
             {"updateStrategy", Json{{"type", "RollingUpdate"}}},
             {"template", Json{{"metadata", Json{{"labels", labels}}}, {"spec", pod}}}};
    return Json{
        {"apiVersion", "apps/v1"}, {"kind", "DaemonSet"}, {"metadata", metadata}, {"spec", spec}}
        .dump(2);
}

} // namespace oras::mesh
