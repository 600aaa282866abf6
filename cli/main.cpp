// coras: a git-style CLI over liboras. main alone turns errors into messages and exit codes:
// 0 success, 1 failure, 2 usage error, 130 or 143 after SIGINT or SIGTERM.
#include "command.hpp"
#include "display/errors.hpp"
#include "display/json_output.hpp"
#include "options/interrupt.hpp"
#include "options/usage_advice.hpp"
#include "oras/version.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    coras::install_interrupt_handlers();
    CLI::App app{"coras: publish WebAssembly filters and other artifacts to OCI registries"};
    app.name("coras");
    app.require_subcommand(1);
    app.fallthrough(false);
    const auto info = oras::version_info();
    app.set_version_flag("--version",
                         "coras version " + info.version + " (commit " + info.git_commit + ")",
                         "Print the version and exit");
    app.footer("Run 'coras help COMMAND' (or 'coras COMMAND --help') for a command's flags and "
               "examples.");
    coras::Runner runner;
    coras::add_push_command(app, runner);
    coras::add_pull_command(app, runner);
    coras::add_inspect_command(app, runner);
    coras::add_login_command(app, runner);
    coras::add_logout_command(app, runner);
    coras::add_copy_command(app, runner);
    coras::add_backup_command(app, runner);
    coras::add_restore_command(app, runner);
    coras::add_tag_command(app, runner);
    coras::add_resolve_command(app, runner);
    coras::add_repo_command(app, runner);
    coras::add_manifest_command(app, runner);
    coras::add_blob_command(app, runner);
    coras::add_attach_command(app, runner);
    coras::add_discover_command(app, runner);
    coras::add_render_command(app, runner);
    coras::add_sync_command(app, runner);
    coras::add_version_command(app, runner);

    // `coras help pull` is `coras pull --help`.
    const auto args = coras::rewrite_help_command(std::vector<std::string>(argv + 1, argv + argc));
    std::vector<char*> arg_pointers{argv[0]};
    for (const auto& arg : args) {
        arg_pointers.push_back(const_cast<char*>(arg.c_str())); // CLI11 only reads them
    }
    try {
        app.parse(static_cast<int>(arg_pointers.size()), arg_pointers.data());
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        const auto advice = coras::advise(app, args, e);
        coras::print_usage_error(advice.message, advice.usage);
        return 2;
    }
    if (const auto checked = coras::check_output_format(); !checked) {
        coras::print_error(checked.error());
        return coras::exit_code(checked.error());
    }
    try {
        const auto outcome = runner();
        if (!outcome) {
            coras::print_error(outcome.error());
            return coras::interrupt_exit_code().value_or(coras::exit_code(outcome.error()));
        }
        return 0;
    } catch (const std::exception& e) {
        coras::print_usage_error(std::string("internal error: ") + e.what());
        return 1;
    }
}
