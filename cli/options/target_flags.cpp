#include "options/target_flags.hpp"

#include "display/json_output.hpp"

#include <optional>
#include <string_view>

namespace coras {

void add_target_flags(CLI::App& command, TargetFlags& flags, const std::string& ref_help)
{
    command.add_option("REF", flags.reference, ref_help)->required();
    command.add_flag("--oci-layout",
                     flags.oci_layout,
                     "REF is an OCI image layout directory: DIR[:TAG|@DIGEST]");
    add_remote_flags(command, flags.remote);
}

void add_format_flag(CLI::App& command, OutputFormat& format)
{
    auto* format_option = command.add_option_function<std::string>(
        "--format",
        [&format](const std::string& name) {
            format = name == "text" ? OutputFormat::text : OutputFormat::json;
            if (name == "go-template") {
                select_go_template(std::nullopt);
            } else if (name.starts_with("go-template=")) {
                select_go_template(name.substr(std::string_view("go-template=").size()));
            }
        },
        "Output format: text, json, or go-template=TEMPLATE (Go template over the JSON result, "
        "e.g. '{{.digest}}')");
    format_option
        ->check(
            [](const std::string& name) -> std::string {
                if (name == "text" || name == "json" || name == "go-template" ||
                    name.starts_with("go-template=")) {
                    return {};
                }
                return "expected text, json or go-template=TEMPLATE, not '" + name + "'";
            },
            "FORMAT")
        ->default_str("text");
    command.add_option_function<std::string>(
        "--template",
        [](const std::string& text) { set_template_text(text); },
        "The Go template for --format go-template");
}

oras::Result<oras::ops::TargetSpec> to_target_spec(const TargetFlags& flags, oras::LayoutMode mode)
{
    oras::ops::TargetSpec spec;
    spec.text = flags.reference;
    spec.kind =
        flags.oci_layout ? oras::ops::TargetKind::oci_layout : oras::ops::TargetKind::remote;
    spec.layout_mode = mode;
    if (spec.kind == oras::ops::TargetKind::remote) {
        spec.remote = ORAS_TRY(to_remote_options(flags.remote));
        spec.remote.access = mode == oras::LayoutMode::create ? oras::RepositoryAccess::push
                                                              : oras::RepositoryAccess::pull;
    }
    return spec;
}

} // namespace coras
