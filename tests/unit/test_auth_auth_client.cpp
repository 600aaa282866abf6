// The auth decorator and the token fetcher against the in-process scripted server: Basic and
// Bearer challenges, the token cache, scope merging, refusals, and where secrets may go.
#include "auth/auth_client.hpp"
#include "auth/token.hpp"
#include "http/http_client.hpp"
#include "scripted_server.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>

using coras_test::Reply;
using coras_test::ScriptedServer;
using namespace oras;

namespace {

const std::string k_secret = "s3cret-Pa55";

struct Fixture
{
    ScriptedServer server;
    int credential_calls = 0;
    Credential credential{"alice", k_secret, "", ""};

    std::string origin() const { return "http://localhost:" + std::to_string(server.port()); }

    std::unique_ptr<http::Client> client(std::vector<std::string> hints = {
                                             "repository:demo/wasm:pull,push"})
    {
        auto curl = http::make_curl_client(http::ClientOptions{});
        REQUIRE(curl);
        auth::AuthOptions options;
        options.registry_url = origin();
        options.registry = "localhost:" + std::to_string(server.port());
        options.scope_hints = std::move(hints);
        options.credentials = [this](std::string_view) -> Result<Credential> {
            ++credential_calls;
            return credential;
        };
        return auth::make_auth_client(std::shared_ptr<http::Client>(std::move(curl).value()),
                                      std::move(options));
    }

    Result<http::Response> get(http::Client& client, const std::string& path)
    {
        http::Request request;
        request.url = origin() + path;
        return client.send(request);
    }

    std::string bearer_challenge(const std::string& scope, const std::string& error = "") const
    {
        std::string value = "Bearer realm=\"" + origin() + "/token\",service=\"reg\"";
        value += scope.empty() ? "" : ",scope=\"" + scope + "\"";
        value += error.empty() ? "" : ",error=\"" + error + "\"";
        return value;
    }
};

Reply unauthorized(const std::string& challenge)
{
    return Reply(401,
                 {{"WWW-Authenticate", challenge}, {"Content-Type", "application/json"}},
                 R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})");
}

Reply token_reply(const std::string& token, int expires_in = 300)
{
    return Reply(200,
                 {{"Content-Type", "application/json"}},
                 R"({"token":")" + token + R"(","expires_in":)" + std::to_string(expires_in) + "}");
}

} // namespace

TEST_CASE("auth::AuthClient answers a Bearer challenge with one token for the merged scopes")
{
    Fixture f;
    auto client = f.client();
    f.server.expect("GET /v2/demo/wasm/manifests/v1",
                    unauthorized(f.bearer_challenge("repository:demo/wasm:pull")));
    f.server.expect("GET /token?*", token_reply("T1"));
    f.server.expect("GET /v2/demo/wasm/manifests/v1", Reply(200, {}, "{}"));
    f.server.expect("HEAD /v2/demo/wasm/blobs/*", Reply(404));
    f.server.expect("POST /v2/demo/wasm/blobs/uploads/", Reply(202, {{"Location", "/up/1"}}));

    auto first = f.get(*client, "/v2/demo/wasm/manifests/v1");
    REQUIRE(first);
    CHECK(first->status == 200);
    http::Request head;
    head.method = "HEAD";
    head.url = f.origin() + "/v2/demo/wasm/blobs/sha256:00";
    CHECK(client->send(head)->status == 404);
    http::Request post;
    post.method = "POST";
    post.url = f.origin() + "/v2/demo/wasm/blobs/uploads/";
    post.body_size = 0;
    CHECK(client->send(post)->status == 202);

    const auto received = f.server.received();
    REQUIRE(received.size() == 5);
    CHECK_FALSE(received[0].header("authorization"));
    // pull from the challenge and pull,push from the hint merge into one scope.
    CHECK(received[1].target.find("service=reg") != std::string::npos);
    CHECK(received[1].target.find("scope=repository:demo%2Fwasm:pull%2Cpush") != std::string::npos);
    CHECK(received[1].target.find("account=alice") != std::string::npos);
    CHECK(received[1].header("authorization")->starts_with("Basic "));
    for (std::size_t i : {2U, 3U, 4U}) {
        CHECK(received[i].header("authorization") == "Bearer T1");
    }
    CHECK(f.credential_calls == 1);
}

TEST_CASE("auth::AuthClient stops at insufficient_scope and refreshes an invalid token")
{
    SUBCASE("insufficient_scope for the scopes the token holds: the 401 is returned")
    {
        Fixture f;
        auto client = f.client();
        const std::string scope = "repository:demo/wasm:pull,push";
        f.server.expect("GET /v2/demo/wasm/tags/list", unauthorized(f.bearer_challenge(scope)));
        f.server.expect("GET /token?*", token_reply("PULL-ONLY"));
        f.server.expect("GET /v2/demo/wasm/tags/list", Reply(200, {}, "{}"));
        f.server.expect("PUT /v2/demo/wasm/manifests/v1",
                        unauthorized(f.bearer_challenge(scope, "insufficient_scope")));
        REQUIRE(f.get(*client, "/v2/demo/wasm/tags/list"));
        http::Request put;
        put.method = "PUT";
        put.url = f.origin() + "/v2/demo/wasm/manifests/v1";
        put.body_size = 0;
        auto response = client->send(put);
        REQUIRE(response);
        CHECK(response->status == 401);
    }
    SUBCASE("invalid_token: a new token is fetched and the request resent once")
    {
        Fixture f;
        auto client = f.client({});
        f.server.expect("GET /v2/", unauthorized(f.bearer_challenge("")));
        f.server.expect("GET /token?*", token_reply("OLD"));
        f.server.expect("GET /v2/", Reply(200, {}, "{}"));
        f.server.expect("GET /v2/", unauthorized(f.bearer_challenge("", "invalid_token")));
        f.server.expect("GET /token?*", token_reply("NEW"));
        f.server.expect("GET /v2/", Reply(200, {}, "{}"));
        REQUIRE(f.get(*client, "/v2/")->status == 200);
        REQUIRE(f.get(*client, "/v2/")->status == 200);
        const auto received = f.server.received();
        REQUIRE(received.size() == 6);
        CHECK(received[3].header("authorization") == "Bearer OLD");
        CHECK(received[5].header("authorization") == "Bearer NEW");
    }
    SUBCASE("a token about to expire is renewed before the request goes out")
    {
        Fixture f;
        auto client = f.client({});
        f.server.expect("GET /v2/", unauthorized(f.bearer_challenge("")));
        f.server.expect("GET /token?*", token_reply("SHORT", 1));
        f.server.expect("GET /v2/", Reply(200, {}, "{}"));
        f.server.expect("GET /token?*", token_reply("NEXT"));
        f.server.expect("GET /v2/", Reply(200, {}, "{}"));
        REQUIRE(f.get(*client, "/v2/")->status == 200);
        // Past half of its one-second life the token counts as about to expire.
        std::this_thread::sleep_for(std::chrono::milliseconds(600));
        REQUIRE(f.get(*client, "/v2/")->status == 200);
        CHECK(f.server.received()[4].header("authorization") == "Bearer NEXT");
    }
}

TEST_CASE("auth::AuthClient answers Basic challenges")
{
    SUBCASE("right credentials: resent with Basic, then sent up front")
    {
        Fixture f;
        auto client = f.client();
        f.server.expect("GET /v2/", unauthorized("Basic realm=\"test\""));
        f.server.expect("GET /v2/", Reply(200, {}, "{}"));
        f.server.expect("GET /v2/demo/wasm/tags/list", Reply(200, {}, "{}"));
        REQUIRE(f.get(*client, "/v2/")->status == 200);
        REQUIRE(f.get(*client, "/v2/demo/wasm/tags/list")->status == 200);
        const auto received = f.server.received();
        CHECK(received[1].header("authorization") == "Basic YWxpY2U6czNjcmV0LVBhNTU=");
        CHECK(received[2].header("authorization") == "Basic YWxpY2U6czNjcmV0LVBhNTU=");
    }
    SUBCASE("wrong credentials: unauthorized, without the password")
    {
        Fixture f;
        auto client = f.client();
        f.server.expect("GET /v2/", unauthorized("Basic realm=\"test\""));
        f.server.expect("GET /v2/", unauthorized("Basic realm=\"test\""));
        auto result = f.get(*client, "/v2/");
        REQUIRE_FALSE(result);
        CHECK(result.error().code == ErrorCode::unauthorized);
        CHECK(result.error().message.find("wrong username or password") != std::string::npos);
        CHECK(result.error().message.find(k_secret) == std::string::npos);
    }
    SUBCASE("no credentials: the 401 is returned after one request")
    {
        Fixture f;
        f.credential = Credential{};
        auto client = f.client();
        f.server.expect("GET /v2/", unauthorized("Basic realm=\"test\""));
        auto result = f.get(*client, "/v2/");
        REQUIRE(result);
        CHECK(result->status == 401);
    }
    SUBCASE("a streamed body is replayed on the retry")
    {
        Fixture f;
        auto client = f.client();
        f.server.expect("PUT /v2/demo/wasm/blobs/up", unauthorized("Basic realm=\"test\""));
        f.server.expect("PUT /v2/demo/wasm/blobs/up", Reply(201));
        MemorySource body("payload");
        http::Request put;
        put.method = "PUT";
        put.url = f.origin() + "/v2/demo/wasm/blobs/up";
        put.body = &body;
        put.body_size = 7;
        REQUIRE(client->send(put)->status == 201);
        const auto received = f.server.received();
        CHECK(received[0].body == "payload");
        CHECK(received[1].body == "payload");
    }
}

TEST_CASE("auth::AuthClient keeps credentials on the registry's origin")
{
    Fixture f;
    auto client = f.client();
    f.server.expect("GET /v2/", unauthorized("Basic realm=\"test\""));
    f.server.expect("GET /v2/", Reply(200, {}, "{}"));
    f.server.expect("GET /elsewhere", Reply(401, {{"WWW-Authenticate", "Basic realm=\"x\""}}));
    REQUIRE(f.get(*client, "/v2/")->status == 200);
    // 127.0.0.1 is another origin than localhost: no Authorization, and its 401 is not answered.
    http::Request other;
    other.url = "http://127.0.0.1:" + std::to_string(f.server.port()) + "/elsewhere";
    auto response = client->send(other);
    REQUIRE(response);
    CHECK(response->status == 401);
    CHECK_FALSE(f.server.received()[2].header("authorization"));
}

TEST_CASE("auth::fetch_token")
{
    SUBCASE("an identity token is exchanged by an OAuth2 refresh_token POST")
    {
        Fixture f;
        f.credential = Credential{"", "", "REFRESH-1", ""};
        auto client = f.client();
        f.server.expect("GET /v2/demo/wasm/manifests/v1",
                        unauthorized(f.bearer_challenge("repository:demo/wasm:pull")));
        f.server.expect("POST /token", Reply(200, {}, R"({"access_token":"A1"})"));
        f.server.expect("GET /v2/demo/wasm/manifests/v1", Reply(200, {}, "{}"));
        REQUIRE(f.get(*client, "/v2/demo/wasm/manifests/v1")->status == 200);
        const auto post = f.server.received()[1];
        CHECK(post.header("content-type") == "application/x-www-form-urlencoded");
        CHECK(post.body.find("grant_type=refresh_token") != std::string::npos);
        CHECK(post.body.find("refresh_token=REFRESH-1") != std::string::npos);
        CHECK(post.body.find("client_id=coras") != std::string::npos);
        CHECK(post.body.find("scope=repository:demo%2Fwasm:pull%2Cpush") != std::string::npos);
        CHECK(f.server.received()[2].header("authorization") == "Bearer A1");
    }
    SUBCASE("refused credentials are unauthorized and name the user, not the password")
    {
        Fixture f;
        auto client = f.client();
        f.server.expect("GET /v2/", unauthorized(f.bearer_challenge("")));
        f.server.expect("GET /token?*", unauthorized("Basic realm=\"token\""));
        auto result = f.get(*client, "/v2/");
        REQUIRE_FALSE(result);
        CHECK(result.error().code == ErrorCode::unauthorized);
        CHECK(result.error().message.find("wrong username or password for user \"alice\"") !=
              std::string::npos);
        CHECK(result.error().message.find(k_secret) == std::string::npos);
    }
    SUBCASE("a realm that only answers POST gets the password grant")
    {
        Fixture f;
        auto client = f.client({});
        f.server.expect("GET /v2/", unauthorized(f.bearer_challenge("")));
        f.server.expect("GET /token?*", Reply(405));
        f.server.expect("POST /token", Reply(200, {}, R"({"access_token":"P1"})"));
        f.server.expect("GET /v2/", Reply(200, {}, "{}"));
        REQUIRE(f.get(*client, "/v2/")->status == 200);
        CHECK(f.server.received()[2].body.find("grant_type=password") != std::string::npos);
    }
    SUBCASE("an answer without a token is invalid_format")
    {
        Fixture f;
        auto client = f.client({});
        f.server.expect("GET /v2/", unauthorized(f.bearer_challenge("")));
        f.server.expect("GET /token?*", Reply(200, {}, R"({"nothing":1})"));
        auto result = f.get(*client, "/v2/");
        REQUIRE_FALSE(result);
        CHECK(result.error().code == ErrorCode::invalid_format);
    }
    SUBCASE("an answer nested past the JSON limit is refused")
    {
        const auto answer = [](std::size_t depth) {
            return R"({"token":"T1","x":)" + std::string(depth, '[') + std::string(depth, ']') +
                   "}";
        };
        Fixture f;
        auto client = f.client({});
        f.server.expect("GET /v2/", unauthorized(f.bearer_challenge("")));
        f.server.expect("GET /token?*", Reply(200, {}, answer(63)));
        f.server.expect("GET /v2/", Reply(200, {}, "{}"));
        REQUIRE(f.get(*client, "/v2/")->status == 200);
        CHECK(f.server.received()[2].header("authorization") == "Bearer T1");

        Fixture deep;
        auto refused_client = deep.client({});
        deep.server.expect("GET /v2/", unauthorized(deep.bearer_challenge("")));
        deep.server.expect("GET /token?*", Reply(200, {}, answer(64)));
        auto result = deep.get(*refused_client, "/v2/");
        REQUIRE_FALSE(result);
        CHECK(result.error().code == ErrorCode::invalid_format);
        CHECK(result.error().message.find(": the answer: nested deeper than 64 levels") !=
              std::string::npos);
    }
}

TEST_CASE("auth::check_realm")
{
    CHECK(auth::check_realm("https://auth.example/token", "https://reg.example"));
    CHECK(auth::check_realm("http://127.0.0.1:5001/token", "http://localhost:5000"));
    CHECK(auth::check_realm("https://auth.example/token", "http://localhost:5000"));
    const auto downgrade = auth::check_realm("http://auth.example/token", "https://reg.example");
    REQUIRE_FALSE(downgrade);
    CHECK(downgrade.error().code == ErrorCode::forbidden);
    CHECK_FALSE(auth::check_realm("ftp://auth.example/token", "https://reg.example"));
    CHECK_FALSE(auth::check_realm("/token", "https://reg.example"));

    // Addresses are not judged here: an internal realm is refused by the transport when it
    // connects (tests/unit/test_http_curl_client.cpp, tests/integration/test_hostile_origin.sh).
    CHECK(auth::check_realm("http://10.0.0.5/t", "http://10.0.0.5:5000"));
}

TEST_CASE("auth::fetch_token refuses tokens a header cannot carry and caps lifetimes")
{
    Fixture f;
    auto curl = http::make_curl_client(http::ClientOptions{});
    REQUIRE(curl);
    auth::TokenRequest request;
    request.realm = f.origin() + "/token";
    request.registry = "reg";
    f.server.expect("GET /token*", Reply(200, {}, R"({"token":"abc\r\nX-Evil: 1"})"));
    f.server.expect("GET /token*", Reply(200, {}, R"({"token":"ok","expires_in":100000000000})"));
    const auto evil = auth::fetch_token(**curl, request, Credential{});
    REQUIRE_FALSE(evil);
    CHECK(evil.error().code == ErrorCode::invalid_format);
    const auto capped = auth::fetch_token(**curl, request, Credential{});
    REQUIRE(capped);
    CHECK(capped->expires - capped->issued == std::chrono::hours(24));
}

TEST_CASE("auth::AuthClient: a redirect to another origin drops the Authorization header")
{
    Fixture f;
    auto client = f.client();
    const std::string elsewhere = "http://127.0.0.1:" + std::to_string(f.server.port());
    f.server.expect("GET /v2/demo/wasm/blobs/sha256:aa", unauthorized("Basic realm=\"test\""));
    f.server.expect("GET /v2/demo/wasm/blobs/sha256:aa",
                    Reply(307, {{"Location", elsewhere + "/storage/aa"}}));
    f.server.expect("GET /storage/aa", Reply(200, {}, "blob"));
    http::Request request;
    request.url = f.origin() + "/v2/demo/wasm/blobs/sha256:aa";
    request.follow = http::FollowRedirects::yes;
    auto response = client->send(request);
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->body == "blob");
    const auto received = f.server.received();
    REQUIRE(received.size() == 3);
    CHECK(received[1].header("authorization"));
    CHECK_FALSE(received[2].header("authorization"));
}
