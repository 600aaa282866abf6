// One docker config file as a credential store that picks the backend per server, in docker's
// order: `credHelpers[server]`, then `credsStore`, else plaintext `auths` (oras-go
// registry/remote/credentials DynamicStore with AllowPlaintextPut, as the oras CLI sets it;
// docker/cli cli/config/configfile GetCredentialsStore).
#pragma once

#include "oras/credentials.hpp"

#include <chrono>
#include <filesystem>

namespace oras::credentials {

class DynamicStore final : public CredentialStore
{
  public:
    // Each call reads `config_file` afresh; helpers get `helper_timeout` per call.
    DynamicStore(std::filesystem::path config_file, std::chrono::milliseconds helper_timeout);

    // Reads the plaintext entry, or asks the chosen helper (no fallback to `auths` then).
    Result<Credential> get(std::string_view server) override;

    // With a helper: stores through it, then strips any plaintext secret for `server` from
    // the file and keeps `auths[server]` as "{}" (docker's native store does the same).
    // Without: writes `auths[server]`. Both under the file lock.
    Result<void> put(std::string_view server, const Credential& credential) override;

    // Erases from the helper (if any) and removes the `auths` entries for `server`; the file
    // is not created when it does not exist.
    Result<void> erase(std::string_view server) override;

    Result<CredentialLocation> location(std::string_view server) override;

    [[nodiscard]] const std::filesystem::path& config_file() const { return m_config_file; }

  private:
    std::filesystem::path m_config_file;
    std::chrono::milliseconds m_helper_timeout;
};

} // namespace oras::credentials
