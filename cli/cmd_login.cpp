// coras login REGISTRY: flags as oras login (and docker login).
#include "command.hpp"
#include "options/remote_flags.hpp"
#include "options/secret_input.hpp"

#include "oras/ops/login.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

namespace coras {

namespace {

struct LoginFlags
{
    std::string registry;
    RemoteFlags remote;
};

// Asks on the terminal for what the flags left out, as oras does: a username, then the
// password, or an identity token when the username is left empty.
oras::Result<oras::Credential> complete_credential(oras::Credential credential)
{
    if (!credential.password.empty() || !credential.identity_token.empty()) {
        return credential;
    }
    if (!stdin_is_terminal()) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "no password given and standard input is not a terminal",
                          "use --password-stdin, or --identity-token-stdin");
    }
    if (credential.username.empty()) {
        credential.username = ORAS_TRY(prompt_line("Username: ", Echo::yes));
    }
    if (credential.username.empty()) {
        credential.identity_token = ORAS_TRY(prompt_line("Token: ", Echo::no));
    } else {
        credential.password = ORAS_TRY(prompt_line("Password: ", Echo::no));
    }
    if (credential.password.empty() && credential.identity_token.empty()) {
        return oras::fail(oras::ErrorCode::invalid_argument, "no password given");
    }
    return credential;
}

oras::Result<void> run_login(const LoginFlags& flags)
{
    oras::ops::LoginOptions options;
    options.registry = flags.registry;
    const oras::Credential given = ORAS_TRY(credential_from_flags(flags.remote.credentials));
    options.credential = ORAS_TRY(complete_credential(given));
    RemoteFlags remote = flags.remote;
    remote.credentials = {};
    remote.credentials.registry_configs = flags.remote.credentials.registry_configs;
    options.remote = ORAS_TRY(to_remote_options(remote));
    const auto store = ORAS_TRY(open_store(flags.remote.credentials));
    const auto result = ORAS_TRY(oras::ops::login(options, *store));
    if (result.location.helper.empty() && !result.location.config_file.empty()) {
        fmt::print(stderr,
                   "WARNING! Your credentials are stored unencrypted in '{}'. Configure a "
                   "credential helper (credsStore) to keep them in a keychain.\n",
                   result.location.config_file.string());
    }
    fmt::print("Login Succeeded\n");
    return {};
}

} // namespace

void add_login_command(CLI::App& app, Runner& runner)
{
    auto flags = std::make_shared<LoginFlags>();
    auto* command = app.add_subcommand("login", "Log in to a registry and store the credentials");
    command->footer("Examples:\n  coras login registry.example.com -u ci-bot --password-stdin < "
                    "token.txt\n  coras login localhost:5000 -u alice");
    command->add_option("REGISTRY", flags->registry, "Registry host[:port]")->required();
    add_remote_flags(*command, flags->remote);
    command->callback([flags, &runner] { runner = [flags] { return run_login(*flags); }; });
}

} // namespace coras
