// How a subcommand plugs into main: it registers its flags on a CLI11 subcommand and, when
// chosen, leaves a runner that main calls after parsing.
#pragma once

#include "oras/result.hpp"

#include <CLI/CLI.hpp>

#include <functional>

namespace coras {

// Set by the chosen subcommand's callback; returns the command's outcome.
using Runner = std::function<oras::Result<void>()>;

void add_version_command(CLI::App& app, Runner& runner);
void add_push_command(CLI::App& app, Runner& runner);
void add_pull_command(CLI::App& app, Runner& runner);
void add_inspect_command(CLI::App& app, Runner& runner);
void add_login_command(CLI::App& app, Runner& runner);
void add_logout_command(CLI::App& app, Runner& runner);
void add_copy_command(CLI::App& app, Runner& runner);
void add_backup_command(CLI::App& app, Runner& runner);
void add_restore_command(CLI::App& app, Runner& runner);
void add_tag_command(CLI::App& app, Runner& runner);
void add_resolve_command(CLI::App& app, Runner& runner);
// Command groups: cmd_<group>.cpp adds the group, cmd_<group>_<sub>.cpp each subcommand.
void add_repo_command(CLI::App& app, Runner& runner);
void add_repo_ls_command(CLI::App& group, Runner& runner);
void add_repo_tags_command(CLI::App& group, Runner& runner);
void add_manifest_delete_command(CLI::App& group, Runner& runner);
void add_blob_delete_command(CLI::App& group, Runner& runner);

void add_manifest_command(CLI::App& app, Runner& runner);
void add_manifest_fetch_command(CLI::App& group, Runner& runner);
void add_manifest_fetch_config_command(CLI::App& group, Runner& runner);
void add_manifest_push_command(CLI::App& group, Runner& runner);
// A group within the manifest group: coras manifest index create|update.
void add_manifest_index_command(CLI::App& group, Runner& runner);
void add_manifest_index_create_command(CLI::App& group, Runner& runner);
void add_manifest_index_update_command(CLI::App& group, Runner& runner);

void add_blob_command(CLI::App& app, Runner& runner);
void add_blob_fetch_command(CLI::App& group, Runner& runner);
void add_blob_push_command(CLI::App& group, Runner& runner);
void add_attach_command(CLI::App& app, Runner& runner);
void add_discover_command(CLI::App& app, Runner& runner);
void add_sync_command(CLI::App& app, Runner& runner);

void add_render_command(CLI::App& app, Runner& runner);
void add_render_resource_commands(CLI::App& group, Runner& runner);
void add_render_daemonset_command(CLI::App& group, Runner& runner);

} // namespace coras
