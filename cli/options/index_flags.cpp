#include "options/index_flags.hpp"

#include "display/content_view.hpp"
#include "display/index_view.hpp"
#include "display/json_output.hpp"
#include "options/annotation_flags.hpp"
#include "options/output_flags.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace coras {

void add_index_flags(CLI::App& command, IndexFlags& flags, const std::string& ref_help)
{
    add_target_flags(command, flags.target, ref_help);
    command.add_option(
        "--artifact-type", flags.artifact_type, "Artifact type of the index (a media type)");
    command
        .add_option("-a,--annotation", flags.annotations, "Index annotation key=value (repeatable)")
        ->allow_extra_args(false);
    command.add_option("-o,--output",
                       flags.output,
                       "Write the index to FILE (- for stdout) instead of pushing it");
    add_format_flag(command, flags.format);
}

oras::Result<oras::ops::IndexOptions> to_index_options(const IndexFlags& flags)
{
    if (flags.output == "-" && flags.format == OutputFormat::json) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "--format json cannot be used with --output -: standard output takes one",
                          "write the index to a file with --output FILE");
    }
    oras::ops::IndexOptions options;
    options.artifact_type = flags.artifact_type;
    options.annotations = ORAS_TRY(parse_annotations(flags.annotations));
    options.source_date_epoch = ORAS_TRY(source_date_epoch());
    options.delivery = flags.output.empty() ? oras::ops::IndexDelivery::push
                                            : oras::ops::IndexDelivery::local_only;
    return options;
}

oras::Result<oras::ops::OpenedTarget> open_index_target(const IndexFlags& flags)
{
    const bool local = !flags.output.empty();
    auto spec = ORAS_TRY(to_target_spec(
        flags.target, local ? oras::LayoutMode::read_only : oras::LayoutMode::read_write));
    if (!local) {
        spec.remote.access = oras::RepositoryAccess::push;
    }
    return oras::ops::open_target(spec);
}

oras::Result<void> report_index(const oras::ops::IndexResult& result,
                                const IndexFlags& flags,
                                const oras::ops::OpenedTarget& opened)
{
    const auto kind =
        flags.target.oci_layout ? oras::ops::TargetKind::oci_layout : oras::ops::TargetKind::remote;
    if (flags.output == "-") {
        std::fwrite(result.bytes.data(), 1, result.bytes.size(), stdout);
        return {};
    }
    if (!flags.output.empty()) {
        ORAS_TRY(write_output_file(flags.output, result.bytes));
    }
    if (flags.format == OutputFormat::json) {
        return print_json_result(
            pushed_json(result.desc, index_reference(result, opened.name, flags.target.reference)));
    }
    fmt::print("{}", index_text(result, kind, opened.name, flags.output));
    return {};
}

} // namespace coras
