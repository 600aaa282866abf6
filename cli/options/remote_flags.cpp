#include "options/remote_flags.hpp"

#include "options/interrupt.hpp"
#include "options/secret_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <utility>

namespace coras {

namespace {

// "-u,--username" without a prefix, "--from-username" with one (no short names then, as oras).
std::string flag_name(const FlagPrefix& prefix, std::string_view short_name, std::string_view name)
{
    if (!prefix.flag.empty()) {
        return "--" + prefix.flag + std::string(name);
    }
    return short_name.empty() ? "--" + std::string(name)
                              : "-" + std::string(short_name) + ",--" + std::string(name);
}

} // namespace

void add_registry_config_flag(CLI::App& command, CredentialFlags& flags, const FlagPrefix& prefix)
{
    command
        .add_option(flag_name(prefix, "", "registry-config"),
                    flags.registry_configs,
                    prefix.note + "Credentials file (docker config.json format; repeatable: the "
                                  "first is written, the rest are read in order)")
        ->allow_extra_args(false);
}

void add_credential_flags(CLI::App& command, CredentialFlags& flags, const FlagPrefix& prefix)
{
    const std::string& note = prefix.note;
    auto* user = command.add_option(
        flag_name(prefix, "u", "username"), flags.username, note + "Registry username");
    auto* password = command.add_option(flag_name(prefix, "p", "password"),
                                        flags.password,
                                        note + "Registry password or token (visible to other "
                                               "users: prefer --password-stdin)");
    auto* password_stdin =
        command.add_flag(flag_name(prefix, "", "password-stdin"),
                         flags.password_stdin,
                         note + "Read the password or token from standard input");
    auto* token = command.add_option(flag_name(prefix, "", "identity-token"),
                                     flags.identity_token,
                                     note + "Registry identity token (an OAuth2 refresh token)");
    auto* token_stdin = command.add_flag(flag_name(prefix, "", "identity-token-stdin"),
                                         flags.identity_token_stdin,
                                         note + "Read the identity token from standard input");
    password->excludes(password_stdin)->excludes(token)->excludes(token_stdin);
    password_stdin->excludes(token)->excludes(token_stdin);
    token->excludes(token_stdin)->excludes(user);
    token_stdin->excludes(user);
    add_registry_config_flag(command, flags, prefix);
}

void add_endpoint_flags(CLI::App& command, RemoteFlags& flags, const FlagPrefix& prefix)
{
    const std::string& note = prefix.note;
    add_credential_flags(command, flags.credentials, prefix);
    flags.plain_http_option =
        command.add_flag(flag_name(prefix, "", "plain-http"),
                         flags.plain_http,
                         note + "Use plain HTTP instead of HTTPS (implied for localhost; "
                                "--plain-http=false to refuse)");
    command.add_flag(flag_name(prefix, "", "insecure"),
                     flags.insecure,
                     note + "Allow connections to registries with TLS certificates that fail "
                            "verification");
    command
        .add_option(flag_name(prefix, "", "ca-file"),
                    flags.ca_file,
                    note + "Trust the CA certificates in this PEM file too")
        ->check(CLI::ExistingFile);
    auto* cert = command
                     .add_option(flag_name(prefix, "", "cert-file"),
                                 flags.cert_file,
                                 note + "Client certificate (PEM) for mutual TLS")
                     ->check(CLI::ExistingFile);
    auto* key = command
                    .add_option(flag_name(prefix, "", "key-file"),
                                flags.key_file,
                                note + "Client private key (PEM) for mutual TLS")
                    ->check(CLI::ExistingFile);
    cert->needs(key);
    key->needs(cert);
    command.add_option(flag_name(prefix, "H", "header"),
                       flags.headers,
                       note + "Add a header 'Name: value' to requests to the registry "
                              "(repeatable; never sent to a token server or redirect target "
                              "elsewhere)");
    command.add_option(flag_name(prefix, "", "resolve"),
                       flags.resolve,
                       note + "Connect to host:port at address[:address_port] instead of what "
                              "DNS says (repeatable; one IP address, IPv6 in brackets)");
}

void add_transport_flags(CLI::App& command, RemoteFlags& flags)
{
    command.add_flag("-d,--debug", flags.debug, "Print each HTTP request and its status on stderr");
    command
        .add_option("--retries",
                    flags.retries,
                    "Retries of a request after a connection failure, a timeout or a 408, 429 or "
                    "5xx answer (default 5)")
        ->check(CLI::Range(0, 100));
    command
        .add_option("--retry-max-wait",
                    flags.retry_max_wait,
                    "Longest wait in seconds before a retry, including a registry's Retry-After "
                    "(default 30)")
        ->check(CLI::Range(0, 3600));
    command
        .add_option("--stall-timeout",
                    flags.stall_timeout,
                    "Seconds without a byte moving before a request fails and is retried "
                    "(default 30)")
        ->check(CLI::Range(1, 3600));
    command
        .add_option("--timeout",
                    flags.timeout,
                    "Seconds the whole command may take talking to the registry, retries "
                    "included (default: no limit)")
        ->check(CLI::Range(1, 86400));
}

void add_remote_flags(CLI::App& command, RemoteFlags& flags)
{
    add_endpoint_flags(command, flags, FlagPrefix{});
    add_transport_flags(command, flags);
}

void share_transport_flags(const RemoteFlags& from, RemoteFlags& to)
{
    to.debug = from.debug;
    to.retries = from.retries;
    to.retry_max_wait = from.retry_max_wait;
    to.stall_timeout = from.stall_timeout;
    to.timeout = from.timeout;
}

oras::Result<std::shared_ptr<oras::CredentialStore>> open_store(const CredentialFlags& flags)
{
    oras::CredentialStoreOptions options;
    for (const auto& file : flags.registry_configs) {
        options.config_files.emplace_back(file);
    }
    return oras::open_credential_store(options);
}

oras::Result<oras::Credential> credential_from_flags(const CredentialFlags& flags)
{
    oras::Credential credential;
    credential.username = flags.username;
    credential.password = flags.password;
    credential.identity_token = flags.identity_token;
    if (!flags.password.empty()) {
        fmt::print(stderr,
                   "WARNING! Using --password on the command line is insecure: it is "
                   "visible to other users. Use --password-stdin.\n");
    }
    if (!flags.identity_token.empty()) {
        fmt::print(stderr,
                   "WARNING! Using --identity-token on the command line is insecure: it "
                   "is visible to other users. Use --identity-token-stdin.\n");
    }
    if (flags.password_stdin) {
        credential.password = ORAS_TRY(read_secret_from_stdin("the password"));
    }
    if (flags.identity_token_stdin) {
        credential.identity_token = ORAS_TRY(read_secret_from_stdin("the identity token"));
    }
    return credential;
}

namespace {

// "Name: value" split into a header; fails with invalid_argument for a name that is no HTTP
// token (RFC 9110 §5.1) or a value with a control character (a CR or LF would end the header).
oras::Result<std::pair<std::string, std::string>> parse_header_flag(const std::string& text)
{
    const auto colon = text.find(':');
    const std::string name = text.substr(0, colon);
    const bool token = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
               std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    });
    std::string value = colon == std::string::npos ? std::string() : text.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t") + 1);
    const bool printable = std::none_of(value.begin(), value.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    if (colon == std::string::npos || !token || !printable) {
        return oras::fail(oras::ErrorCode::invalid_argument,
                          "--header: expected 'Name: value' (a token name, a value without "
                          "control characters); the argument is not shown, as it may hold a "
                          "secret");
    }
    return std::pair{name, value};
}

} // namespace

oras::Result<oras::RemoteOptions> to_remote_options(const RemoteFlags& flags)
{
    oras::RemoteOptions options;
    if (flags.plain_http_option != nullptr && flags.plain_http_option->count() > 0) {
        options.plain_http = flags.plain_http ? oras::PlainHttp::yes : oras::PlainHttp::no;
    }
    options.tls_verify = flags.insecure ? oras::TlsVerify::no : oras::TlsVerify::yes;
    options.ca_file = flags.ca_file;
    options.cert_file = flags.cert_file;
    options.key_file = flags.key_file;
    for (const std::string& header : flags.headers) {
        options.headers.push_back(ORAS_TRY(parse_header_flag(header)));
    }
    options.resolve = flags.resolve;
    options.retry.max_retries = flags.retries;
    options.retry.max_wait = std::chrono::seconds(flags.retry_max_wait);
    options.stall_timeout = std::chrono::seconds(flags.stall_timeout);
    options.cancelled = interrupted;
    options.retry.sleep = interruptible_sleep;
    if (flags.timeout > 0) {
        options.timeout = std::chrono::seconds(flags.timeout);
    }
    if (flags.debug) {
        options.debug = [](std::string_view line) { fmt::print(stderr, "[debug] {}\n", line); };
    }
    if (flags.credentials.given()) {
        const oras::Credential credential = ORAS_TRY(credential_from_flags(flags.credentials));
        options.credentials = [credential](std::string_view) -> oras::Result<oras::Credential> {
            return credential;
        };
    } else {
        options.credentials =
            oras::make_credential_provider(ORAS_TRY(open_store(flags.credentials)));
    }
    return options;
}

} // namespace coras
