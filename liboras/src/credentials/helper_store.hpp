// A docker-credential-<name> helper as a credential store: docker-credential-helpers
// client/client.go and oras-go registry/remote/credentials/native_store.go. The action is
// argv[1]; stdin is the server URL (get, erase) or {"ServerURL","Username","Secret"} (store);
// stdout is that JSON for get, or an error text with a non-zero exit code.
#pragma once

#include "oras/credentials.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace oras::credentials {

// The text helpers print (exit code 1) when get finds nothing (credentials/error.go).
inline constexpr std::string_view k_not_found_text = "credentials not found in native keychain";

class HelperStore final : public CredentialStore
{
  public:
    // `suffix` names docker-credential-`suffix`, searched in $PATH at each call.
    HelperStore(std::string suffix, std::chrono::milliseconds timeout);

    // A missing entry is an empty Credential: the not-found text, or exit 0 with an empty
    // Username and Secret (docker-credential-pass 0.6.4). Username "<token>" gives an identity
    // token. Fails with not_found when the program is not in $PATH, io when it fails or times
    // out, too_large when it prints more than 1 MiB, invalid_format when its reply is not the
    // expected JSON. The helper's output is never quoted (it may hold the secret): a failure
    // names the helper, the action, the server, the exit status and how many bytes it printed.
    Result<Credential> get(std::string_view server) override;

    // Stores username/password, or "<token>"/identity token. Fails with unsupported for a
    // credential holding only an access token, otherwise as get().
    Result<void> put(std::string_view server, const Credential& credential) override;

    // Erases the entry; a missing one (not-found text, or pass's "is not in the password
    // store") succeeds. Fails as get().
    Result<void> erase(std::string_view server) override;

    Result<CredentialLocation> location(std::string_view server) override;

  private:
    struct Reply
    {
        int exit_code = 0;
        std::string output;          // stdout
        std::size_t error_bytes = 0; // how much went to stderr (dropped)
    };
    Result<Reply> call(std::string_view action, std::string input, std::string_view server);
    [[nodiscard]] std::string program() const;

    std::string m_suffix;
    std::chrono::milliseconds m_timeout;
};

} // namespace oras::credentials
