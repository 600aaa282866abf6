// Where registry credentials live: docker's config.json (plaintext `auths`, or a
// docker-credential-<name> helper chosen per host), extra `--registry-config` files, and
// podman's auth.json as a read-only fallback. Modelled on oras-go registry/remote/credentials
// (NewStoreFromDocker, DynamicStore, NewStoreWithFallbacks) and docker/cli cli/config.
#pragma once

#include "oras/credential.hpp"
#include "oras/result.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace oras {

// Where put() keeps the secret for one server.
struct CredentialLocation
{
    std::string helper;                // "pass" for docker-credential-pass; empty: plaintext
    std::filesystem::path config_file; // the config.json that is written
};

// A credential store keyed by server address: "localhost:5000", "ghcr.io", or
// "https://index.docker.io/v1/" for Docker Hub (see credential_key_for). Secrets never appear
// in an error message.
class CredentialStore
{
  public:
    virtual ~CredentialStore() = default;

    // Returns the credential stored for `server`, or an empty Credential when there is none.
    // Fails with io (unreadable file, helper failure or timeout), invalid_format (malformed
    // config file or helper reply) or not_found (helper program missing from PATH).
    virtual Result<Credential> get(std::string_view server) = 0;

    // Stores `credential` for `server`, replacing any previous one. Fails like get(), or with
    // unsupported when the backend cannot hold this kind of credential or the store is
    // read-only.
    virtual Result<void> put(std::string_view server, const Credential& credential) = 0;

    // Removes the credential for `server`; removing one that is absent succeeds. Fails like
    // put().
    virtual Result<void> erase(std::string_view server) = 0;

    // Says where put(`server`) would keep the secret (for a "stored unencrypted" warning).
    // The default says nothing (an empty location).
    virtual Result<CredentialLocation> location(std::string_view server)
    {
        static_cast<void>(server);
        return CredentialLocation{};
    }
};

// Whether reads fall back to podman/containers auth.json when no docker file has an entry.
enum class PodmanFallback
{
    yes,
    no
};

struct CredentialStoreOptions
{
    // `--registry-config` files in the order given: the first is read and written, the rest
    // are read-only fallbacks. Empty: default_docker_config_path().
    std::vector<std::filesystem::path> config_files;
    // Read $REGISTRY_AUTH_FILE, $XDG_RUNTIME_DIR/containers/auth.json and
    // $XDG_CONFIG_HOME/containers/auth.json (~/.config/...) last, as podman does.
    PodmanFallback podman_fallback = PodmanFallback::yes;
    // How long one docker-credential-<name> call may take before it is killed.
    std::chrono::milliseconds helper_timeout = std::chrono::seconds(60);
};

// The docker config file: $DOCKER_CONFIG/config.json, else ~/.docker/config.json ($HOME, else
// the password database). Fails with not_found when no home directory can be determined.
Result<std::filesystem::path> default_docker_config_path();

// Opens the store described by `options`. Nothing is read yet (each call reads the files
// afresh, so other processes' writes are seen). Fails like default_docker_config_path().
// Per server, docker's order picks the backend: `credHelpers[server]`, then `credsStore`, else
// plaintext `auths`. Writes keep unknown JSON members, replace the file atomically with mode
// 0600 (directory 0700, created when missing) under an flock on "<file>.lock".
Result<std::shared_ptr<CredentialStore>>
open_credential_store(const CredentialStoreOptions& options);

// The credential key of a registry as written in a reference: docker.io, index.docker.io and
// registry-1.docker.io give "https://index.docker.io/v1/" (oras-go
// ServerAddressFromRegistry); any other `registry` is returned unchanged.
std::string credential_key_for(std::string_view registry);

// Adapts `store` to the registry client: the provider maps the host it is given (the registry
// as written, "docker.io") through credential_key_for and returns store->get(key); errors are
// prefixed with "credentials for <host>".
CredentialProvider make_credential_provider(std::shared_ptr<CredentialStore> store);

} // namespace oras
