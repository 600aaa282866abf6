#include "options/remote_flags.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace coras {

void add_remote_flags(CLI::App& command, RemoteFlags& flags)
{
    flags.plain_http_option = command.add_flag(
        "--plain-http",
        flags.plain_http,
        "Use plain HTTP instead of HTTPS (implied for localhost; --plain-http=false to refuse)");
    command.add_flag("--insecure", flags.insecure, "Allow connections to registries with TLS certificates that fail verification");
    command.add_option("--ca-file", flags.ca_file, "Trust the CA certificates in this PEM file too")
        ->check(CLI::ExistingFile);
    auto* cert = command.add_option("--cert-file", flags.cert_file, "Client certificate (PEM) for mutual TLS")
                     ->check(CLI::ExistingFile);
    auto* key = command.add_option("--key-file", flags.key_file, "Client private key (PEM) for mutual TLS")
                    ->check(CLI::ExistingFile);
    cert->needs(key);
    key->needs(cert);
    command.add_flag("-d,--debug", flags.debug, "Print each HTTP request and its status on stderr");
}

oras::RemoteOptions to_remote_options(const RemoteFlags& flags)
{
    oras::RemoteOptions options;
    if (flags.plain_http_option != nullptr && flags.plain_http_option->count() > 0) {
        options.plain_http = flags.plain_http ? oras::PlainHttp::yes : oras::PlainHttp::no;
    }
    options.tls_verify = flags.insecure ? oras::TlsVerify::no : oras::TlsVerify::yes;
    options.ca_file = flags.ca_file;
    options.cert_file = flags.cert_file;
    options.key_file = flags.key_file;
    if (flags.debug) {
        options.debug = [](std::string_view line) { fmt::print(stderr, "[debug] {}\n", line); };
    }
    return options;
}

} // namespace coras
