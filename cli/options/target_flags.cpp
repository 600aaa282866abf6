#include "options/target_flags.hpp"

#include "display/json_output.hpp"

#include <algorithm>
#include <filesystem>
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

void add_format_flag(CLI::App& command,
                     OutputFormat& format,
                     const std::vector<std::string>& text_names)
{
    auto is_text = [text_names](const std::string& name) {
        return name == "text" ||
               std::find(text_names.begin(), text_names.end(), name) != text_names.end();
    };
    auto* format_option = command.add_option_function<std::string>(
        "--format",
        [&format, is_text](const std::string& name) {
            format = is_text(name) ? OutputFormat::text : OutputFormat::json;
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
            [is_text](const std::string& name) -> std::string {
                if (is_text(name) || name == "json" || name == "go-template" ||
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

void add_platform_flag(CLI::App& command, std::string& value)
{
    command.add_option("--platform",
                       value,
                       "Pick the manifest for this platform from an index: "
                       "os/arch[/variant][:os_version]");
}

void add_distribution_spec_flag(CLI::App& command, std::string& value)
{
    command
        .add_option("--distribution-spec",
                    value,
                    "v1.1-referrers-api (the registry's referrers API only) or "
                    "v1.1-referrers-tag (the sha256-<hex> tag schema only); default: the API "
                    "where the registry has it")
        ->check(CLI::IsMember({"v1.1-referrers-api", "v1.1-referrers-tag"}));
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

NewLayoutGuard::~NewLayoutGuard()
{
    if (m_keep || !m_opened.created) {
        return;
    }
    m_opened.target.reset(); // closes the layout before its directory goes
    std::error_code ignored;
    std::filesystem::remove_all(m_opened.name, ignored);
}

} // namespace coras
