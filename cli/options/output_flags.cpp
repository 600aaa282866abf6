#include "options/output_flags.hpp"

#include "oras/io.hpp"

namespace coras {

void add_content_flags(CLI::App& command, ContentFlags& flags, const std::string& output_help)
{
    command.add_option("-o,--output", flags.output, output_help);
    command.add_flag("--descriptor", flags.descriptor, "Print the descriptor instead");
    command.add_flag("--pretty", flags.pretty, "Indent the JSON printed");
}

oras::Result<void> check_content_flags(const ContentFlags& flags)
{
    if (flags.descriptor && flags.to_stdout()) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "--descriptor cannot be used with --output -: standard output takes one",
                          "write the content to a file with --output FILE");
    }
    return {};
}

oras::Result<void> write_output_file(const std::string& path, std::string_view bytes)
{
    auto sink = ORAS_TRY(oras::FileSink::create(path, oras::Durability::unsynced));
    ORAS_TRY(sink->write(bytes));
    return sink->commit(oras::Overwrite::yes);
}

} // namespace coras
