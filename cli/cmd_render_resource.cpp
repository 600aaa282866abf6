// coras render wasmplugin|trafficextension|envoyextensionpolicy|envoyfilter|asmfilterdeployment
// REF [flags]: resolves REF now and prints the resource pinned to the manifest digest, refused
// with the reason when the resource's fetcher would not load the artifact.
#include "command.hpp"
#include "display/json_output.hpp"
#include "display/yaml.hpp"
#include "options/target_flags.hpp"

#include "oras/io.hpp"
#include "oras/mesh.hpp"
#include "oras/ops/render.hpp"
#include "oras/ops/target.hpp"

#include <fmt/format.h>

#include <array>
#include <memory>

namespace coras {

namespace {

using oras::mesh::Resource;

struct RenderFlags
{
    Resource resource = Resource::wasm_plugin;
    TargetFlags target;
    std::string selector; // --selector / --workload
    std::vector<std::string> target_refs;
    std::string plugin_config; // JSON or @FILE
    bool pod_patch = false;
    OutputFormat format = OutputFormat::text;
    oras::mesh::RenderOptions options;
};

constexpr std::uint64_t k_max_plugin_config_bytes = 1024 * 1024;

// --plugin-config JSON, or @FILE for the JSON in FILE.
oras::Result<std::string> plugin_config_text(const std::string& value)
{
    if (!value.starts_with('@')) {
        return value;
    }
    const std::string path = value.substr(1);
    const std::string step = "read --plugin-config " + path;
    auto source = oras::open_file_source(path);
    if (!source) {
        return source.error().with_context(step);
    }
    std::string text;
    std::array<char, 64 * 1024> buffer{};
    while (true) {
        auto got = (*source)->read(buffer);
        if (!got) {
            return got.error().with_context(step);
        }
        if (*got == 0) {
            return text;
        }
        text.append(buffer.data(), *got);
        if (text.size() > k_max_plugin_config_bytes) {
            return oras::fail(oras::ErrorCode::too_large, step + ": over 1 MiB");
        }
    }
}

oras::Result<oras::mesh::RenderOptions> to_options(const RenderFlags& flags)
{
    auto options = flags.options;
    if (!flags.selector.empty()) {
        options.selector = ORAS_TRY(oras::mesh::parse_labels(flags.selector));
    }
    for (const auto& text : flags.target_refs) {
        options.target_refs.push_back(ORAS_TRY(oras::mesh::parse_target_ref(text)));
    }
    if (!flags.plugin_config.empty()) {
        options.plugin_config = ORAS_TRY(plugin_config_text(flags.plugin_config));
    }
    return options;
}

oras::Result<void> print_document(const std::string& json, OutputFormat format)
{
    if (format == OutputFormat::json) {
        return print_json_result(json);
    }
    fmt::print("{}", ORAS_TRY(yaml_from_json(json)));
    return {};
}

oras::Result<void> run_render(const RenderFlags& flags)
{
    const auto options = ORAS_TRY(to_options(flags));
    if (flags.pod_patch) {
        if (!options.dir.starts_with('/')) {
            return oras::fail(oras::ErrorCode::invalid_argument,
                              "--dir " + options.dir + ": not an absolute path");
        }
        return print_document(oras::mesh::pod_template_patch(options.dir), flags.format);
    }
    const auto spec = ORAS_TRY(to_target_spec(flags.target, oras::LayoutMode::read_only));
    const auto opened = ORAS_TRY(oras::ops::open_target(spec));
    const auto artifact = ORAS_TRY(oras::ops::describe_filter(opened));
    const auto document = ORAS_TRY(oras::mesh::render(flags.resource, artifact, options));
    return print_document(document, flags.format);
}

void add_common_flags(CLI::App& command, RenderFlags& flags)
{
    command.add_option("--name",
                       flags.options.name,
                       "metadata.name (default: from the labels and the repository)");
    command.add_option("--namespace", flags.options.namespace_, "metadata.namespace");
    command.add_option("--plugin-config",
                       flags.plugin_config,
                       "The filter's configuration: a JSON object, or @FILE");
    command.add_option("--plugin-name",
                       flags.options.plugin_name,
                       "The root id (default: the first rootId of the runtime config)");
    command.add_flag("--fail-open",
                     flags.options.fail_open,
                     "Let traffic pass when the filter "
                     "cannot be loaded");
}

void add_pull_flags(CLI::App& command, RenderFlags& flags)
{
    command.add_option("--pull-secret",
                       flags.options.pull_secret,
                       "A kubernetes.io/dockerconfigjson Secret to pull the module with");
    command
        .add_option(
            "--pull-policy", flags.options.pull_policy, "When to pull: IfNotPresent, Always")
        ->check(CLI::IsMember({"IfNotPresent", "Always"}));
}

// --selector or --target-ref, --phase, --priority, --type: WasmPlugin and TrafficExtension.
void add_istio_flags(CLI::App& command, RenderFlags& flags)
{
    auto* selector = command.add_option(
        "--selector", flags.selector, "Workload labels, as app=details[,version=v1]");
    auto* refs = command.add_option("--target-ref",
                                    flags.target_refs,
                                    "What it applies to, as KIND/NAME or GROUP/KIND/NAME "
                                    "(Gateway/public-gw; repeatable)");
    selector->excludes(refs);
    command
        .add_option(
            "--phase", flags.options.phase, "Where in the filter chain: AUTHN, AUTHZ, STATS")
        ->check(CLI::IsMember({"UNSPECIFIED_PHASE", "AUTHN", "AUTHZ", "STATS"}));
    command.add_option(
        "--priority", flags.options.priority, "Order within the phase (higher first)");
    command
        .add_option(
            "--type", flags.options.type, "HTTP or NETWORK (default: from the module's exports)")
        ->check(CLI::IsMember({"HTTP", "NETWORK"}));
    add_pull_flags(command, flags);
}

CLI::App* add_resource_command(CLI::App& group,
                               Runner& runner,
                               Resource resource,
                               const std::string& name,
                               const std::string& description,
                               const std::string& examples)
{
    auto flags = std::make_shared<RenderFlags>();
    flags->resource = resource;
    auto* command = group.add_subcommand(name, description);
    command->footer("Examples:\n" + examples);
    add_target_flags(*command, flags->target, "The filter: registry/repository:tag or @digest");
    // A mesh pulls from a registry: there is no layout to render for.
    command->remove_option(command->get_option("--oci-layout"));
    add_common_flags(*command, *flags);
    switch (resource) {
    case Resource::wasm_plugin:
    case Resource::traffic_extension:
        add_istio_flags(*command, *flags);
        break;
    case Resource::envoy_extension_policy:
        command
            ->add_option("--target-ref",
                         flags->target_refs,
                         "What it applies to: Gateway/NAME, HTTPRoute/NAME, ... (repeatable)")
            ->required();
        add_pull_flags(*command, *flags);
        break;
    case Resource::envoy_filter:
        command
            ->add_option(
                "--workload", flags->selector, "Workload labels, as app=details[,version=v1]")
            ->required();
        command->add_option("--dir",
                            flags->options.dir,
                            "The node directory coras sync writes to (default "
                            "/var/local/lib/wasm-filters)");
        command
            ->add_option(
                "--context",
                flags->options.context,
                "Listener context: SIDECAR_INBOUND (default), SIDECAR_OUTBOUND, GATEWAY, ANY")
            ->check(CLI::IsMember({"SIDECAR_INBOUND", "SIDECAR_OUTBOUND", "GATEWAY", "ANY"}));
        command->add_flag("--pod-patch",
                          flags->pod_patch,
                          "Print the workload's pod-template patch that mounts --dir into the "
                          "sidecar instead");
        break;
    case Resource::asm_filter_deployment:
        command
            ->add_option(
                "--workload", flags->selector, "Workload labels, as app=details[,version=v1]")
            ->required();
        command
            ->add_option("--workload-kind",
                         flags->options.workload_kind,
                         "Deployment (default), DaemonSet or StatefulSet")
            ->check(CLI::IsMember({"Deployment", "DaemonSet", "StatefulSet"}));
        command->add_option("--pull-secret",
                            flags->options.pull_secret,
                            "A kubernetes.io/dockerconfigjson Secret to pull the module with");
        break;
    }
    add_format_flag(*command, flags->format, {"yaml"});
    command->callback([flags, &runner] { runner = [flags] { return run_render(*flags); }; });
    return command;
}

} // namespace

void add_render_resource_commands(CLI::App& group, Runner& runner)
{
    const std::string ref = " localhost:5000/filters/header:v1";
    add_resource_command(group,
                         runner,
                         Resource::wasm_plugin,
                         "wasmplugin",
                         "An Istio WasmPlugin (extensions.istio.io/v1alpha1) pinned by digest",
                         "  coras render wasmplugin" + ref +
                             " --selector app=details\n"
                             "  coras render wasmplugin" +
                             ref +
                             " --target-ref Gateway/public-gw --plugin-config @config.json "
                             "--pull-secret regcred --phase STATS");
    add_resource_command(group,
                         runner,
                         Resource::traffic_extension,
                         "trafficextension",
                         "An Istio 1.30 TrafficExtension (extensions.istio.io/v1alpha1) with its "
                         "Wasm config",
                         "  coras render trafficextension" + ref +
                             " --selector app=details --phase AUTHZ --priority 10");
    add_resource_command(group,
                         runner,
                         Resource::envoy_extension_policy,
                         "envoyextensionpolicy",
                         "An Envoy Gateway EnvoyExtensionPolicy (gateway.envoyproxy.io/v1alpha1)",
                         "  coras render envoyextensionpolicy" + ref +
                             " --target-ref Gateway/eg --pull-secret regcred");
    add_resource_command(group,
                         runner,
                         Resource::envoy_filter,
                         "envoyfilter",
                         "An Istio EnvoyFilter loading the module coras sync wrote on the node",
                         "  coras render envoyfilter" + ref +
                             " --workload app=details,version=v1\n"
                             "  coras render envoyfilter --pod-patch" +
                             ref +
                             " --workload app=details | kubectl patch deployment details-v1 "
                             "--patch-file /dev/stdin");
    add_resource_command(
        group,
        runner,
        Resource::asm_filter_deployment,
        "asmfilterdeployment",
        "An Alibaba Cloud ASM ASMFilterDeployment (istio.alibabacloud.com/v1beta1)",
        "  coras render asmfilterdeployment" + ref +
            " --workload app=details,version=v1 --pull-secret asmwasm-cache");
}

} // namespace coras
