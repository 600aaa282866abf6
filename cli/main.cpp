// coras: a git-style CLI over liboras. main alone turns errors into messages and exit codes:
// 0 success, 1 failure, 2 usage error, 130 or 143 after SIGINT or SIGTERM.
#include "command.hpp"
#include "display/errors.hpp"
#include "options/interrupt.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

int main(int argc, char** argv)
{
    coras::install_interrupt_handlers();
    CLI::App app{"coras: publish WebAssembly filters and other artifacts to OCI registries"};
    app.name("coras");
    app.require_subcommand(1);
    app.fallthrough(false);
    coras::Runner runner;
    coras::add_push_command(app, runner);
    coras::add_pull_command(app, runner);
    coras::add_inspect_command(app, runner);
    coras::add_login_command(app, runner);
    coras::add_logout_command(app, runner);
    coras::add_copy_command(app, runner);
    coras::add_version_command(app, runner);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        coras::print_usage_error(e.what());
        return 2;
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
