// The docker config file (config.json) as a JSON object that keeps every member coras does not
// know: docker/cli cli/config/configfile/file.go and oras-go
// registry/remote/credentials/internal/config/config.go. A Kubernetes pull secret's
// `.dockerconfigjson` and podman's auth.json have the same shape.
#pragma once

#include "oras/remote.hpp"
#include "oras/result.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace oras::credentials {

// The user name that marks an identity (refresh) token, in helpers and in `auth`.
inline constexpr std::string_view k_token_username = "<token>";

class DockerConfig
{
  public:
    // An empty configuration ("{}"); `origin` names the file in error messages.
    explicit DockerConfig(std::string origin);

    // Parses `text`, the content of the file `origin`. Fails with invalid_format as
    // "<origin>: invalid JSON at byte N", "<origin>: not a JSON object" or
    // "<origin>: auths: not an object"; the text itself is never quoted (it holds secrets).
    static Result<DockerConfig> parse(std::string_view text, std::string origin);

    // The whole object, tab-indented as docker writes it, with a final newline.
    [[nodiscard]] std::string serialize() const;

    // The helper suffix for `server` in docker's order: `credHelpers[server]` (exact key, then
    // a legacy "http(s)://server/..." key), else `credsStore`, else empty (plaintext).
    [[nodiscard]] Result<std::string> helper_for(std::string_view server) const;

    // The plaintext credential in `auths` for `server` (exact key first, then the legacy
    // "http://server", "https://server", "https://server/", "https://server/v1/" forms):
    // `auth` is base64 "user:pass" split at the first ':'; `identitytoken`, `registrytoken`
    // and legacy `username`/`password` are read too; user name "<token>" means the password
    // is an identity token. Empty when absent. Fails with invalid_format naming the entry and
    // member, never its value.
    [[nodiscard]] Result<Credential> credential(std::string_view server) const;

    // Stores `credential` in `auths[server]` (auth, identitytoken, registrytoken; empty ones
    // omitted), keeping the entry's other members.
    void set_credential(std::string_view server, const Credential& credential);

    // For a server whose secret lives in a helper: strips the secret members from every
    // `auths` entry for `server` and leaves `auths[server]` as docker does (at most "{}" plus
    // members coras does not know).
    void clear_secret(std::string_view server);

    // Removes every `auths` entry for `server` (exact and legacy forms); true when one was.
    bool erase(std::string_view server);

    [[nodiscard]] const std::string& origin() const { return m_origin; }

    // Whether the configuration was read out of a Kubernetes Secret (kube/pull_secret.hpp),
    // which coras never rewrites.
    [[nodiscard]] bool from_secret() const { return m_from_secret; }
    void mark_from_secret() { m_from_secret = true; }

  private:
    nlohmann::ordered_json m_root;
    std::string m_origin;
    bool m_from_secret = false;
};

// True when the `auths`/`credHelpers` key `key` names `server`: equal, or an "http://" or
// "https://" URL whose host part (up to the first '/') equals `server` (docker's
// ConvertToHostname).
bool key_matches_server(std::string_view key, std::string_view server);

} // namespace oras::credentials
