// coras logout REGISTRY: flags as oras logout.
#include "command.hpp"
#include "options/remote_flags.hpp"

#include "oras/ops/login.hpp"

#include <fmt/format.h>

#include <memory>

namespace coras {

namespace {

struct LogoutFlags
{
    std::string registry;
    CredentialFlags credentials;
    bool debug = false;
};

oras::Result<void> run_logout(const LogoutFlags& flags)
{
    const auto store = ORAS_TRY(open_store(flags.credentials));
    const auto result = ORAS_TRY(oras::ops::logout(flags.registry, *store));
    if (result.removal == oras::ops::Removal::not_stored) {
        fmt::print("Not logged in to {}\n", result.registry);
    } else {
        fmt::print("Removing login credentials for {}\n", result.registry);
    }
    return {};
}

} // namespace

void add_logout_command(CLI::App& app, Runner& runner)
{
    auto flags = std::make_shared<LogoutFlags>();
    auto* command = app.add_subcommand("logout", "Remove the stored credentials of a registry");
    command->footer("Examples:\n  coras logout registry.example.com");
    command->add_option("REGISTRY", flags->registry, "Registry host[:port]")->required();
    add_registry_config_flag(*command, flags->credentials);
    command->add_flag(
        "-d,--debug", flags->debug, "Accepted for oras compatibility (logout sends no request)");
    command->callback([flags, &runner] { runner = [flags] { return run_logout(*flags); }; });
}

} // namespace coras
