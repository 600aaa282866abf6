// The flag group of every command that talks to a registry (oras's Remote options).
#pragma once

#include "oras/credentials.hpp"
#include "oras/remote.hpp"
#include "oras/result.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace coras {

// -u/-p/--password-stdin/--identity-token(-stdin)/--registry-config.
struct CredentialFlags
{
    std::string username;
    std::string password;
    bool password_stdin = false;
    std::string identity_token;
    bool identity_token_stdin = false;
    std::vector<std::string> registry_configs;

    // True when a username, password or identity token was given in any form.
    [[nodiscard]] bool given() const
    {
        return !username.empty() || !password.empty() || password_stdin ||
               !identity_token.empty() || identity_token_stdin;
    }
};

struct RemoteFlags
{
    bool plain_http = false;
    CLI::Option* plain_http_option = nullptr;
    bool insecure = false;
    std::string ca_file;
    std::string cert_file;
    std::string key_file;
    std::vector<std::string> headers; // -H "Name: value"
    std::vector<std::string> resolve; // host:port:address[:address_port]
    bool debug = false;
    int retries = 5;
    int retry_max_wait = 30; // seconds
    int stall_timeout = 30;  // seconds
    int timeout = 0;         // seconds; 0: none
    CredentialFlags credentials;
};

// How a two-target command names one side's flags (oras's ApplyFlagsWithPrefix): `flag` goes
// before each long name ("from-" gives --from-username) and short names are dropped; `note`
// starts each description ("Source: "). Empty: the plain names.
struct FlagPrefix
{
    std::string flag;
    std::string note;
};

// Registers --registry-config (repeatable).
void add_registry_config_flag(CLI::App& command,
                              CredentialFlags& flags,
                              const FlagPrefix& prefix = {});

// Registers -u/--username, -p/--password, --password-stdin, --identity-token,
// --identity-token-stdin and --registry-config.
void add_credential_flags(CLI::App& command, CredentialFlags& flags, const FlagPrefix& prefix = {});

// Registers what differs between two registries: the credential flags and --plain-http,
// --insecure, --ca-file, --cert-file, --key-file, -H/--header and --resolve, named by `prefix`.
void add_endpoint_flags(CLI::App& command, RemoteFlags& flags, const FlagPrefix& prefix);

// Registers what a command sets once for all its registries: -d/--debug, --retries,
// --retry-max-wait, --stall-timeout and --timeout.
void add_transport_flags(CLI::App& command, RemoteFlags& flags);

// add_endpoint_flags() without a prefix, then add_transport_flags().
void add_remote_flags(CLI::App& command, RemoteFlags& flags);

// Gives `to` the transport flags (add_transport_flags) registered on `from`.
void share_transport_flags(const RemoteFlags& from, RemoteFlags& to);

// The credential store the --registry-config files name (docker's config.json when none).
oras::Result<std::shared_ptr<oras::CredentialStore>> open_store(const CredentialFlags& flags);

// The credential given on the command line (secrets read from stdin where asked; a warning
// on stderr for a secret given on argv), or an empty one.
oras::Result<oras::Credential> credential_from_flags(const CredentialFlags& flags);

// The library options the flags stand for: --debug traces go to stderr; credentials come from
// the flags when given, else from the credential store, asked only when a registry wants them.
oras::Result<oras::RemoteOptions> to_remote_options(const RemoteFlags& flags);

} // namespace coras
