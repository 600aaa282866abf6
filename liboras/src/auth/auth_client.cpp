#include "auth/auth_client.hpp"

#include "auth/challenge.hpp"
#include "auth/scope.hpp"
#include "auth/token.hpp"
#include "base64.hpp"
#include "http/url.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

namespace oras::auth {

namespace {

// A cached token this close to its expiry (or half its lifetime, if shorter) is not sent
// again: a fresh one is fetched first.
constexpr std::chrono::seconds k_expiry_margin{10};

bool is_fresh(const Token& token)
{
    const auto margin = std::min<std::chrono::steady_clock::duration>(
        k_expiry_margin, (token.expires - token.issued) / 2);
    return std::chrono::steady_clock::now() + margin < token.expires;
}

enum class Freshness
{
    required, // only a token that is not about to expire
    any       // the token just fetched, whatever its lifetime
};

class AuthClient final : public http::Client
{
  public:
    AuthClient(std::shared_ptr<http::Client> inner, AuthOptions options)
        : m_inner(std::move(inner)), m_options(std::move(options)),
          m_hint_key(scope_key(merge_scopes(m_options.scope_hints)))
    {
    }

    Result<http::Response> send(const http::Request& request) override;

  private:
    enum class Mode
    {
        unknown,
        basic,
        bearer
    };

    [[nodiscard]] const std::string& current_key() const
    {
        return m_last_key ? *m_last_key : m_hint_key;
    }
    std::optional<std::string> authorization(const std::string& key, Freshness freshness) const;
    Result<Credential> credential();
    Result<bool> prepare_basic(bool sent);
    Result<bool> prepare_bearer(const Challenge& challenge, const std::optional<std::string>& sent);
    Result<void> fetch_into_cache(const std::string& key, const std::vector<std::string>& scopes);
    Result<void> refresh_if_stale(const std::string& key);
    Result<http::Response> resend(const http::Request& request,
                                  const http::Response& refused,
                                  const std::optional<std::string>& authorization);

    std::shared_ptr<http::Client> m_inner;
    AuthOptions m_options;
    std::string m_hint_key;
    Mode m_mode = Mode::unknown;
    std::string m_basic;                   // "Basic <base64>"; never logged
    std::map<std::string, Token> m_tokens; // by scope key
    std::optional<std::string> m_last_key;
    std::optional<Credential> m_credential;
    std::string m_realm;   // of the last Bearer challenge
    std::string m_service; // of the last Bearer challenge
    // Guards every member above; held while a token is fetched (other threads then wait for
    // that token rather than fetch their own), never while a request to the registry is sent.
    std::mutex m_mutex;
};

// The Authorization value for the scope set `key`, if one is cached.
std::optional<std::string> AuthClient::authorization(const std::string& key,
                                                     Freshness freshness) const
{
    if (m_mode == Mode::basic) {
        return m_basic;
    }
    if (m_mode != Mode::bearer) {
        return std::nullopt;
    }
    const auto found = m_tokens.find(key);
    if (found == m_tokens.end()) {
        return std::nullopt;
    }
    if (freshness == Freshness::required && !is_fresh(found->second)) {
        return std::nullopt;
    }
    return "Bearer " + found->second.value;
}

Result<Credential> AuthClient::credential()
{
    if (!m_credential) {
        m_credential = m_options.credentials ? ORAS_TRY(m_options.credentials(m_options.registry))
                                             : Credential{};
    }
    return *m_credential;
}

// Basic (RFC 7617). Returns false when there is nothing (else) to send.
Result<bool> AuthClient::prepare_basic(bool sent)
{
    if (sent && m_mode == Mode::basic) {
        return fail(ErrorCode::unauthorized,
                    "401 unauthorized: wrong username or password for user \"" +
                        m_credential.value_or(Credential{}).username + "\"");
    }
    const Credential cred = ORAS_TRY(credential());
    if (cred.username.empty() && cred.password.empty()) {
        return false;
    }
    m_basic = "Basic " + base64_encode(cred.username + ":" + cred.password);
    m_mode = Mode::basic;
    return true;
}

// Bearer (distribution token.md "How to authenticate"). `sent` is the scope key of the token
// the refused request carried, if it carried one. Returns false when a new token would not
// help: the refusal was insufficient_scope for exactly the scopes that token holds.
Result<bool> AuthClient::prepare_bearer(const Challenge& challenge,
                                        const std::optional<std::string>& sent)
{
    const auto realm = challenge.param("realm");
    if (!realm) {
        return false;
    }
    ORAS_TRY(check_realm(*realm, m_options.registry_url));
    std::vector<std::string> scopes = m_options.scope_hints;
    for (auto& scope : split_scopes(challenge.param("scope").value_or(""))) {
        scopes.push_back(std::move(scope));
    }
    scopes = merge_scopes(scopes);
    const std::string key = scope_key(scopes);
    const bool same_token = sent && *sent == key;
    if (same_token && challenge.param("error") == "insufficient_scope") {
        if (ORAS_TRY(credential()).empty()) {
            return fail(ErrorCode::unauthorized,
                        "401 unauthorized: anonymous access refused for " + key,
                        "log in first (coras login " + m_options.registry + ") or pass -u/-p");
        }
        return false;
    }
    m_mode = Mode::bearer;
    m_last_key = key;
    if (!same_token && authorization(key, Freshness::required)) {
        return true; // a cached token for these scopes
    }
    const Credential cred = ORAS_TRY(credential());
    if (!cred.access_token.empty()) {
        const auto now = std::chrono::steady_clock::now();
        m_tokens[key] = Token{cred.access_token, now, std::chrono::steady_clock::time_point::max()};
        return !same_token;
    }
    m_realm = *realm;
    m_service = challenge.param("service").value_or("");
    ORAS_TRY(fetch_into_cache(key, scopes));
    return true;
}

Result<void> AuthClient::fetch_into_cache(const std::string& key,
                                          const std::vector<std::string>& scopes)
{
    TokenRequest token_request;
    token_request.realm = m_realm;
    token_request.service = m_service;
    token_request.scopes = scopes;
    token_request.registry = m_options.registry;
    const Credential cred = ORAS_TRY(credential());
    m_tokens[key] = ORAS_TRY(fetch_token(*m_inner, token_request, cred));
    return {};
}

// A cached token about to expire is replaced before the request goes out, so that no request
// is sent without credentials only to be challenged.
Result<void> AuthClient::refresh_if_stale(const std::string& key)
{
    const auto found = m_tokens.find(key);
    if (m_mode != Mode::bearer || m_realm.empty() || found == m_tokens.end() ||
        is_fresh(found->second)) {
        return {};
    }
    return fetch_into_cache(key, split_scopes(key));
}

// Sends `request` again with the credentials just prepared; `refused` is returned when the
// body cannot be replayed.
Result<http::Response> AuthClient::resend(const http::Request& request,
                                          const http::Response& refused,
                                          const std::optional<std::string>& authorization)
{
    if (request.body != nullptr && !request.body->rewind()) {
        return refused;
    }
    http::Request retry = request;
    if (authorization) {
        retry.headers.emplace_back("Authorization", *authorization);
    }
    http::Response response = ORAS_TRY(m_inner->send(retry));
    if (response.status == 401) {
        const std::lock_guard lock(m_mutex);
        if (m_mode == Mode::basic) {
            ORAS_TRY(prepare_basic(true));
        }
    }
    return response;
}

Result<http::Response> AuthClient::send(const http::Request& request)
{
    if (!http::same_origin(request.url, m_options.registry_url)) {
        return m_inner->send(request);
    }
    http::Request first = request;
    std::optional<std::string> sent_key;
    {
        const std::lock_guard lock(m_mutex);
        ORAS_TRY(refresh_if_stale(current_key()));
        if (const auto value = authorization(current_key(), Freshness::required)) {
            first.headers.emplace_back("Authorization", *value);
            sent_key = current_key();
        }
    }
    http::Response response = ORAS_TRY(m_inner->send(first));
    // A 401 from another origin (after a redirect) is not the registry's to answer.
    if (response.status != 401 ||
        !http::same_origin(response.effective_url, m_options.registry_url)) {
        return response;
    }
    const auto challenges = parse_challenges(response.header_values("www-authenticate"));
    const auto find = [&challenges](Scheme scheme) {
        return std::find_if(challenges.begin(), challenges.end(), [scheme](const Challenge& c) {
            return c.scheme == scheme;
        });
    };
    std::optional<std::string> retry_authorization;
    {
        const std::lock_guard lock(m_mutex);
        bool ready = false;
        if (const auto bearer = find(Scheme::bearer); bearer != challenges.end()) {
            ready = ORAS_TRY(prepare_bearer(*bearer, sent_key));
        } else if (find(Scheme::basic) != challenges.end()) {
            ready = ORAS_TRY(prepare_basic(sent_key.has_value() && m_mode == Mode::basic));
        }
        if (!ready) {
            return response;
        }
        retry_authorization = authorization(current_key(), Freshness::any);
    }
    return resend(request, response, retry_authorization);
}

} // namespace

std::unique_ptr<http::Client> make_auth_client(std::shared_ptr<http::Client> inner,
                                               AuthOptions options)
{
    return std::make_unique<AuthClient>(std::move(inner), std::move(options));
}

} // namespace oras::auth
