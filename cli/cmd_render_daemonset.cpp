// coras render daemonset --list CONFIGMAP --image IMAGE [--pull-secret NAME]: the DaemonSet that
// runs `coras sync` on every node of a cluster.
#include "command.hpp"
#include "display/json_output.hpp"
#include "display/yaml.hpp"
#include "options/target_flags.hpp"

#include "oras/mesh.hpp"

#include <fmt/format.h>

#include <memory>

namespace coras {

namespace {

struct DaemonSetFlags
{
    oras::mesh::DaemonSetOptions options;
    bool no_prune = false;
    OutputFormat format = OutputFormat::text;
};

oras::Result<void> run_render_daemonset(const DaemonSetFlags& flags)
{
    auto options = flags.options;
    options.prune = !flags.no_prune;
    const auto document = ORAS_TRY(oras::mesh::render_daemonset(options));
    if (flags.format == OutputFormat::json) {
        return print_json_result(document);
    }
    fmt::print("{}", ORAS_TRY(yaml_from_json(document)));
    return {};
}

} // namespace

void add_render_daemonset_command(CLI::App& group, Runner& runner)
{
    auto flags = std::make_shared<DaemonSetFlags>();
    auto& options = flags->options;
    auto* command = group.add_subcommand("daemonset",
                                         "A Kubernetes DaemonSet running coras sync on every node");
    command->footer("Examples:\n"
                    "  coras render daemonset --list wasm-filters --image "
                    "registry.example.com/coras:1 --pull-secret regcred\n"
                    "  coras render daemonset --list wasm-filters --image "
                    "registry.example.com/coras:1 --namespace istio-system --interval 300");
    command
        ->add_option("--list",
                     options.list_config_map,
                     "The ConfigMap listing the references (one a line under --list-key)")
        ->required();
    command->add_option(
        "--list-key", options.list_key, "Its key holding the list (default filters)");
    command->add_option("--image", options.image, "An image holding coras")->required();
    command->add_option("--pull-secret",
                        options.pull_secret,
                        "A kubernetes.io/dockerconfigjson Secret coras pulls with");
    command->add_option(
        "--dir", options.dir, "The node directory (default /var/local/lib/wasm-filters)");
    command
        ->add_option("--interval", options.interval_seconds, "Seconds between rounds (default 60)")
        ->check(CLI::Range(1, 86400));
    command->add_flag("--no-prune", flags->no_prune, "Keep modules no reference needs any more");
    command->add_option("--name", options.name, "metadata.name (default coras-sync)");
    command->add_option("--namespace", options.namespace_, "metadata.namespace");
    command
        ->add_option("--run-as-user",
                     options.run_as_user,
                     "The sync container's user (default 65532; 0: root, no init container)")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{2147483647}));
    command->add_option("--init-image",
                        options.init_image,
                        "The init container's image, with chown (default busybox:1.36)");
    add_format_flag(*command, flags->format, {"yaml"});
    command->callback(
        [flags, &runner] { runner = [flags] { return run_render_daemonset(*flags); }; });
}

} // namespace coras
