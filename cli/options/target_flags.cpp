#include "options/target_flags.hpp"

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
    command
        .add_option_function<std::string>(
            "--format",
            [&format](const std::string& name) {
                format = name == "json" ? OutputFormat::json : OutputFormat::text;
            },
            "Output format: text or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->default_str("text");
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
