#include "auth/token.hpp"

#include "base64.hpp"
#include "http/exchange_error.hpp"
#include "http/url.hpp"
#include "json/parse.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>

namespace oras::auth {

namespace {

// oras-go caps token responses at 128 KiB (auth.maxResponseBytes).
constexpr std::size_t k_max_token_response = 128 * 1024;
constexpr JsonLimits k_token_limits{k_max_token_response, k_json_max_depth};
// token.md: "If omitted, expires_in defaults to 60 seconds".
constexpr std::int64_t k_default_lifetime_seconds = 60;
// Longer lifetimes are cut to a day (and cannot overflow the clock's arithmetic).
constexpr std::int64_t k_max_lifetime_seconds = 24 * 60 * 60;

std::string join_scopes(const std::vector<std::string>& scopes)
{
    std::string joined;
    for (const auto& scope : scopes) {
        joined += (joined.empty() ? "" : " ") + scope;
    }
    return joined;
}

// "GET token from http://h/token for localhost:5000" (the realm carries no secret).
http::Operation token_operation(const TokenRequest& request, std::string method)
{
    return http::Operation{std::move(method), "token", request.realm + " for " + request.registry};
}

std::string who(const Credential& credential)
{
    return credential.username.empty() ? std::string("the identity token")
                                       : "user \"" + credential.username + "\"";
}

// The failure for a token server's non-2xx `response`: credentials refused (401, 403, or
// OAuth2's 400 invalid_grant) become unauthorized with a plain explanation of their own.
Error token_error(const http::Response& response,
                  const http::Operation& op,
                  const TokenRequest& request,
                  const Credential& credential)
{
    const bool refused =
        response.status == 401 || response.status == 403 ||
        (response.status == 400 && response.body.find("invalid_grant") != std::string::npos);
    if (!refused) {
        return http::error_from_status(response, op);
    }
    const std::string status = op.describe() + ": " + std::to_string(response.status) + " ";
    if (credential.empty()) {
        return fail(ErrorCode::unauthorized,
                    status + "anonymous access refused",
                    "log in first: coras login " + request.registry);
    }
    if (!credential.identity_token.empty()) {
        return fail(ErrorCode::unauthorized,
                    status + "unauthorized: the identity token was refused",
                    "log in again: coras login " + request.registry);
    }
    return fail(ErrorCode::unauthorized,
                status + "unauthorized: wrong username or password for " + who(credential),
                "check the username and password for " + request.registry);
}

Result<Token> parse_token(const http::Response& response, const http::Operation& op)
{
    const auto document =
        ORAS_TRY(parse_json(response.body, op.describe() + ": the answer", k_token_limits));
    if (!document.is_object()) {
        return fail(ErrorCode::invalid_format, op.describe() + ": the answer is not a JSON object");
    }
    Token token;
    for (const char* key : {"token", "access_token"}) {
        const auto found = document.find(key);
        if (found != document.end() && found->is_string() && !found->get<std::string>().empty()) {
            token.value = found->get<std::string>();
            break;
        }
    }
    if (token.value.empty()) {
        return fail(ErrorCode::invalid_format,
                    op.describe() + R"(: the answer has no "token" or "access_token")");
    }
    // RFC 6750 b64token characters and the like: nothing that could end a header line.
    const bool printable = std::all_of(
        token.value.begin(), token.value.end(), [](char c) { return c > 0x20 && c < 0x7f; });
    if (!printable) {
        return fail(ErrorCode::invalid_format,
                    op.describe() + ": the token holds characters a header cannot carry");
    }
    std::int64_t lifetime = k_default_lifetime_seconds;
    const auto expires_in = document.find("expires_in");
    if (expires_in != document.end() && expires_in->is_number_integer() &&
        expires_in->get<std::int64_t>() > 0) {
        lifetime = std::min(expires_in->get<std::int64_t>(), k_max_lifetime_seconds);
    }
    token.issued = std::chrono::steady_clock::now();
    token.expires = token.issued + std::chrono::seconds(lifetime);
    return token;
}

Result<http::Response>
exchange(http::Client& client, http::Request& request, const http::Operation& op)
{
    request.max_body = k_max_token_response;
    auto response = client.send(request);
    if (!response) {
        return http::error_from_transport(response.error(), op, request.url);
    }
    return response;
}

// token.md "Requesting a Token": GET with Basic credentials when there are any.
Result<http::Response> get_token(http::Client& client,
                                 const TokenRequest& request,
                                 const Credential& credential,
                                 const http::Operation& op)
{
    http::Request get;
    get.url = request.realm;
    if (!request.service.empty()) {
        get.url = http::with_query_parameter(get.url, "service", request.service);
    }
    for (const auto& scope : request.scopes) {
        get.url = http::with_query_parameter(get.url, "scope", scope);
    }
    if (!credential.username.empty()) {
        get.url = http::with_query_parameter(get.url, "account", credential.username);
    }
    if (!credential.username.empty() || !credential.password.empty()) {
        get.headers.emplace_back(
            "Authorization",
            "Basic " + base64_encode(credential.username + ":" + credential.password));
    }
    return exchange(client, get, op);
}

// oauth.md "Getting a token": POST application/x-www-form-urlencoded.
Result<http::Response> post_token(http::Client& client,
                                  const TokenRequest& request,
                                  const Credential& credential,
                                  const http::Operation& op)
{
    std::string form;
    const auto add = [&form](std::string_view key, std::string_view value) {
        form += (form.empty() ? "" : "&") + std::string(key) + "=" + http::percent_encode(value);
    };
    if (!credential.identity_token.empty()) {
        add("grant_type", "refresh_token");
        add("refresh_token", credential.identity_token);
    } else {
        add("grant_type", "password");
        add("username", credential.username);
        add("password", credential.password);
    }
    add("service", request.service);
    add("client_id", request.client_id);
    add("scope", join_scopes(request.scopes));
    MemorySource body(form);
    http::Request post;
    post.method = "POST";
    post.url = request.realm;
    post.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    post.body = &body;
    post.body_size = form.size();
    return exchange(client, post, op);
}

} // namespace

Result<Token>
fetch_token(http::Client& client, const TokenRequest& request, const Credential& credential)
{
    const bool oauth2 = !credential.identity_token.empty();
    http::Operation op = token_operation(request, oauth2 ? "POST" : "GET");
    http::Response response = oauth2 ? ORAS_TRY(post_token(client, request, credential, op))
                                     : ORAS_TRY(get_token(client, request, credential, op));
    const bool try_password_grant = !oauth2 && !credential.username.empty() &&
                                    (response.status == 404 || response.status == 405);
    if (try_password_grant) {
        op = token_operation(request, "POST");
        response = ORAS_TRY(post_token(client, request, credential, op));
    }
    if (response.status != 200) {
        return token_error(response, op, request, credential);
    }
    return parse_token(response, op);
}

Result<void> check_realm(const std::string& realm, const std::string& registry_url)
{
    const auto realm_parts = http::split_url(realm);
    if (!realm_parts) {
        return fail(ErrorCode::forbidden,
                    "the registry's token realm \"" + realm + "\" is not an http(s) URL");
    }
    const auto registry_parts = http::split_url(registry_url);
    if (registry_parts && registry_parts->scheme == "https" && realm_parts->scheme != "https") {
        return fail(ErrorCode::forbidden,
                    "the registry at " + registry_url + " names a plain-HTTP token realm (" +
                        realm + "): refusing to send credentials there");
    }
    return {};
}

} // namespace oras::auth
