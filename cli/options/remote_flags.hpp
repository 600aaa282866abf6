// The flag group of every command that talks to a registry (oras's Remote options).
#pragma once

#include "oras/remote.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace coras {

struct RemoteFlags
{
    bool plain_http = false;
    CLI::Option* plain_http_option = nullptr;
    bool insecure = false;
    std::string ca_file;
    std::string cert_file;
    std::string key_file;
    bool debug = false;
};

// Registers --plain-http, --insecure, --ca-file, --cert-file, --key-file and -d/--debug.
void add_remote_flags(CLI::App& command, RemoteFlags& flags);

// The library options the flags stand for; --debug traces go to stderr.
oras::RemoteOptions to_remote_options(const RemoteFlags& flags);

} // namespace coras
