// Flags that say what a reference names and how results are shown (oras's Target and Format
// option groups).
#pragma once

#include "options/remote_flags.hpp"
#include "oras/ops/target.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace coras {

enum class OutputFormat
{
    text,
    json
};

struct TargetFlags
{
    std::string reference;
    bool oci_layout = false;
    RemoteFlags remote;
};

// Registers the positional REF (described by `ref_help`), --oci-layout and the remote flags.
void add_target_flags(CLI::App& command, TargetFlags& flags, const std::string& ref_help);

// Registers --format text|json|go-template[=TEMPLATE] and --template (see
// display/json_output.hpp; main checks the choice before the command runs).
// `text_names` are further names of the text format (discover's "tree").
void add_format_flag(CLI::App& command,
                     OutputFormat& format,
                     const std::vector<std::string>& text_names = {});

// Registers --platform os/arch[/variant][:os_version] (manifest fetch, fetch-config): pick a
// manifest of an index; parsed (oras::parse_platform) when the command runs.
void add_platform_flag(CLI::App& command, std::string& value);

// Registers --distribution-spec v1.1-referrers-api|v1.1-referrers-tag (attach, discover).
void add_distribution_spec_flag(CLI::App& command, std::string& value);

// The library's description of the target, opened for reading or (LayoutMode::create)
// writing: a remote target then asks for push access. Fails when a secret cannot be read or
// the credential store cannot be opened.
oras::Result<oras::ops::TargetSpec> to_target_spec(const TargetFlags& flags, oras::LayoutMode mode);

// Removes the OCI layout directory that opening `opened` created (OpenedTarget::created) when
// it goes out of scope before keep(): a command that fails leaves no empty skeleton and no
// half-filled layout behind. A directory that was there before is never removed.
class NewLayoutGuard
{
  public:
    explicit NewLayoutGuard(oras::ops::OpenedTarget& opened) : m_opened(opened) {}
    ~NewLayoutGuard();
    NewLayoutGuard(const NewLayoutGuard&) = delete;
    NewLayoutGuard& operator=(const NewLayoutGuard&) = delete;
    NewLayoutGuard(NewLayoutGuard&&) = delete;
    NewLayoutGuard& operator=(NewLayoutGuard&&) = delete;

    // The command succeeded: the layout stays.
    void keep() { m_keep = true; }

  private:
    oras::ops::OpenedTarget& m_opened;
    bool m_keep = false;
};

} // namespace coras
