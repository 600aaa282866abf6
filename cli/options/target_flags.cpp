#include "options/target_flags.hpp"

#include <map>

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
    const std::map<std::string, OutputFormat> names{{"text", OutputFormat::text},
                                                    {"json", OutputFormat::json}};
    command.add_option("--format", format, "Output format: text or json")
        ->transform(CLI::CheckedTransformer(names, CLI::ignore_case))
        ->default_str("text");
}

oras::ops::TargetSpec to_target_spec(const TargetFlags& flags, oras::LayoutMode mode)
{
    oras::ops::TargetSpec spec;
    spec.text = flags.reference;
    spec.kind = flags.oci_layout ? oras::ops::TargetKind::oci_layout : oras::ops::TargetKind::remote;
    spec.remote = to_remote_options(flags.remote);
    spec.layout_mode = mode;
    return spec;
}

} // namespace coras
