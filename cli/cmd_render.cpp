// coras render wasmplugin|trafficextension|envoyextensionpolicy|envoyfilter|asmfilterdeployment
// REF, and coras render daemonset: the resources that make a mesh load a pushed filter.
#include "command.hpp"

namespace coras {

void add_render_command(CLI::App& app, Runner& runner)
{
    auto* group = app.add_subcommand(
        "render", "Print the mesh resources that load a filter (YAML, or JSON with --format json)");
    group->footer(
        "Examples:\n"
        "  coras render wasmplugin localhost:5000/filters/header:v1 --selector app=details\n"
        "  coras render envoyfilter localhost:5000/filters/header:v1 --workload "
        "app=details,version=v1\n"
        "  coras render daemonset --list wasm-filters --pull-secret regcred --image "
        "registry.example.com/coras:1");
    group->require_subcommand(1);
    add_render_resource_commands(*group, runner);
    add_render_daemonset_command(*group, runner);
}

} // namespace coras
