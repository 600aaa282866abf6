// A repository on an OCI distribution registry, as a Target (distribution-spec v1.1).
#pragma once

#include "oras/content.hpp"
#include "oras/reference.hpp"
#include "oras/result.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace oras {

// Whether to speak plain HTTP: auto means HTTPS except for "localhost" (as oras does).
enum class PlainHttp
{
    auto_detect,
    yes,
    no
};

// Whether to verify the registry's TLS certificate (`--insecure` sets no).
enum class TlsVerify
{
    yes,
    no
};

// Credentials for one registry host; all empty means anonymous.
struct Credential
{
    std::string username;
    std::string password;
    std::string identity_token; // OAuth2 refresh token
    std::string access_token;   // used directly as the Bearer token

    [[nodiscard]] bool empty() const
    {
        return username.empty() && password.empty() && identity_token.empty() &&
               access_token.empty();
    }
};

// Returns the credential for `host` ("registry:port" as written in the reference).
using CredentialProvider = std::function<Result<Credential>(std::string_view host)>;

// Receives one line per HTTP exchange for --debug ("GET https://h/v2/ -> 200"), with
// Authorization and URL user-info never included.
using DebugLog = std::function<void(std::string_view line)>;

// What a command will do to the repository: the token it asks for up front covers this, so
// that one token serves every request (a push asks for pull and push).
enum class RepositoryAccess
{
    pull,
    push
};

struct RemoteOptions
{
    PlainHttp plain_http = PlainHttp::auto_detect;
    TlsVerify tls_verify = TlsVerify::yes;
    std::filesystem::path ca_file;   // extra trust anchors (PEM); empty: system store only
    std::filesystem::path cert_file; // client certificate for mutual TLS
    std::filesystem::path key_file;
    std::string user_agent;          // empty: "coras/<version>"
    CredentialProvider credentials;  // empty: anonymous
    RepositoryAccess access = RepositoryAccess::pull;
    DebugLog debug;                  // empty: silent
};

// Opens the repository named by `ref` (its tag and digest are ignored). Nothing is sent yet.
// Fails with invalid_argument for unusable options (a missing CA file).
Result<std::unique_ptr<Target>> open_remote_repository(const Reference& ref,
                                                       const RemoteOptions& options);

// GET /v2/ on the registry of `ref` with the options' credentials: succeeds when the registry
// answers 200; fails with unauthorized, tls, network or http naming the registry.
Result<void> ping_registry(const Reference& ref, const RemoteOptions& options);

} // namespace oras
