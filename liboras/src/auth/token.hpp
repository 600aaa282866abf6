// Getting a bearer token from a registry's token server: the distribution token protocol
// (docker/distribution docs/spec/auth/token.md: GET realm?service=&scope=) and its OAuth2
// flavour (docs/spec/auth/oauth.md: POST realm with a refresh_token or password grant).
#pragma once

#include "http/http_client.hpp"
#include "oras/credential.hpp"
#include "oras/result.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace oras::auth {

struct Token
{
    std::string value; // the bearer token; never logged
    std::chrono::steady_clock::time_point issued;
    std::chrono::steady_clock::time_point expires;
};

struct TokenRequest
{
    std::string realm;               // validated http(s) URL from the challenge
    std::string service;             // may be empty
    std::vector<std::string> scopes; // merged
    std::string registry;            // "localhost:5000", for messages
    std::string client_id = "coras"; // OAuth2 client_id
};

// Fetches a token for `request` with `credential` through `client`:
// - an identity token (refresh token) is exchanged by POST grant_type=refresh_token;
// - otherwise GET realm?service=&scope=... with Basic auth when there is a username or
//   password (anonymous when there is none), falling back to POST grant_type=password when
//   the realm answers the GET with 404 or 405.
// A token without expires_in lasts 60 s (token.md), one claiming more than a day lasts a day.
// Fails with unauthorized when the token server refuses the credentials ("wrong username or
// password"), network/tls as the transport does, invalid_format for an unreadable answer or a
// token holding spaces or control characters, too_large past 128 KiB. No error message
// contains a secret.
Result<Token>
fetch_token(http::Client& client, const TokenRequest& request, const Credential& credential);

// Whether `realm` may be used for a registry reached at `registry_url`: an absolute http(s)
// URL, and https when the registry is reached over https. Fails with forbidden otherwise.
// Where the realm may connect (not to an internal address the registry is not on) is the
// transport's check, on the address it connects to (http::ClientOptions::origin).
Result<void> check_realm(const std::string& realm, const std::string& registry_url);

} // namespace oras::auth
