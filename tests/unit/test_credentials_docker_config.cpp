#include "base64.hpp"
#include "credentials/docker_config.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using namespace oras;
using namespace oras::credentials;
using nlohmann::json;

namespace {

DockerConfig parse(std::string_view text)
{
    auto config = DockerConfig::parse(text, "config.json");
    REQUIRE(config);
    return std::move(*config);
}

Credential get(const DockerConfig& config, std::string_view server)
{
    auto credential = config.credential(server);
    REQUIRE(credential);
    return *credential;
}

std::string helper(const DockerConfig& config, std::string_view server)
{
    auto name = config.helper_for(server);
    REQUIRE(name);
    return *name;
}

std::string auth_entry(std::string_view user_colon_password)
{
    return base64_encode(user_colon_password);
}

} // namespace

TEST_CASE("credentials::DockerConfig reads auths entries")
{
    const DockerConfig config = parse(R"({
        "auths": {
            "plain:5000": {"auth": ")" +
                                      auth_entry("alice:pa:ss:word") + R"("},
            "token:5000": {"auth": ")" +
                                      auth_entry("<token>:refresh-1") + R"("},
            "idtoken:5000": {"auth": "", "identitytoken": "refresh-2"},
            "access:5000": {"registrytoken": "bearer-3"},
            "legacy:5000": {"username": "bob", "password": "hunter2"},
            "both:5000": {"username": "old", "password": "old", "auth": ")" +
                                      auth_entry("new:pw") + R"("},
            "empty:5000": {}
        }
    })");

    const Credential plain = get(config, "plain:5000");
    CHECK(plain.username == "alice");
    CHECK(plain.password == "pa:ss:word"); // split at the first ':'

    const Credential token = get(config, "token:5000");
    CHECK(token.username.empty());
    CHECK(token.password.empty());
    CHECK(token.identity_token == "refresh-1");

    CHECK(get(config, "idtoken:5000").identity_token == "refresh-2");
    CHECK(get(config, "access:5000").access_token == "bearer-3");
    CHECK(get(config, "legacy:5000").username == "bob");
    CHECK(get(config, "legacy:5000").password == "hunter2");
    CHECK(get(config, "both:5000").username == "new"); // auth overrides username/password
    CHECK(get(config, "empty:5000").empty());
    CHECK(get(config, "absent:5000").empty());
}

TEST_CASE("credentials::DockerConfig matches legacy key forms")
{
    for (const char* key : {"http://reg.example",
                            "https://reg.example",
                            "https://reg.example/",
                            "https://reg.example/v1/"}) {
        CAPTURE(key);
        const DockerConfig config = parse(std::string(R"({"auths":{")") + key + R"(":{"auth":")" +
                                          auth_entry("u:p") + R"("}}})");
        CHECK(get(config, "reg.example").username == "u");
        CHECK(get(config, "reg.example:5000").empty());
        CHECK(get(config, "other.example").empty());
    }
    const DockerConfig exact_first = parse(R"({"auths":{
        "https://reg.example/v1/": {"auth": ")" +
                                           auth_entry("legacy:x") + R"("},
        "reg.example": {"auth": ")" + auth_entry("exact:y") +
                                           R"("}}})");
    CHECK(get(exact_first, "reg.example").username == "exact");

    CHECK(key_matches_server("https://index.docker.io/v1/", "index.docker.io"));
    CHECK(key_matches_server("https://index.docker.io/v1/", "https://index.docker.io/v1/"));
    CHECK_FALSE(key_matches_server("reg.example/ns", "reg.example"));
    CHECK_FALSE(key_matches_server("https://reg.example.evil", "reg.example"));
    CHECK_FALSE(key_matches_server("ftp://reg.example", "reg.example"));
}

TEST_CASE("credentials::DockerConfig chooses the helper per host as docker does")
{
    const DockerConfig both = parse(R"({"credsStore": "desktop",
        "credHelpers": {"gcr.io": "gcloud", "https://legacy.example": "legacy"}})");
    CHECK(helper(both, "gcr.io") == "gcloud");
    CHECK(helper(both, "legacy.example") == "legacy");
    CHECK(helper(both, "localhost:5000") == "desktop");

    const DockerConfig helpers_only = parse(R"({"credHelpers": {"gcr.io": "gcloud"}})");
    CHECK(helper(helpers_only, "gcr.io") == "gcloud");
    CHECK(helper(helpers_only, "localhost:5000").empty());
    CHECK(helper(parse("{}"), "gcr.io").empty());

    auto bad = DockerConfig::parse(R"({"credHelpers": {"gcr.io": 5}})", "c.json");
    REQUIRE(bad);
    CHECK_FALSE(bad->helper_for("gcr.io"));
}

TEST_CASE("credentials::DockerConfig keeps members it does not know")
{
    const std::string original = R"({
        "psFormat": "table {{.ID}}",
        "auths": {
            "reg.example": {"auth": ")" +
                                 auth_entry("a:b") + R"(", "email": "a@example.invalid",
                            "x-extra": [1, 2.5, {"deep": null}]},
            "other.example": {"auth": ")" +
                                 auth_entry("c:d") + R"("}
        },
        "HttpHeaders": {"User-Agent": "x"},
        "proxies": {"default": {"httpProxy": "http://p:3128"}},
        "numbers": [0, -1, 18446744073709551615, 1e300, true, false],
        "currentContext": "desktop-linux"
    })";
    DockerConfig config = parse(original);
    config.set_credential("reg.example", Credential{"alice", "s3cret", "", ""});
    config.set_credential("new.example:5000", Credential{"", "", "refresh", ""});

    json before = json::parse(original);
    json after = json::parse(config.serialize());
    CHECK(after["auths"]["reg.example"]["email"] == "a@example.invalid");
    CHECK(after["auths"]["reg.example"]["x-extra"] == before["auths"]["reg.example"]["x-extra"]);
    CHECK(after["auths"]["reg.example"]["auth"] == base64_encode("alice:s3cret"));
    CHECK(after["auths"]["new.example:5000"] == json{{"identitytoken", "refresh"}});
    before["auths"].erase("reg.example");
    after["auths"].erase("reg.example");
    after["auths"].erase("new.example:5000");
    CHECK(after == before);

    // Member order survives a round trip and the output is docker's tab-indented style.
    const std::string text = config.serialize();
    CHECK(text.find("\n\t\"psFormat\"") != std::string::npos);
    CHECK(text.find("psFormat") < text.find("currentContext"));
    CHECK(text.back() == '\n');
    const DockerConfig again = parse(text);
    CHECK(again.serialize() == text);
    CHECK(get(again, "reg.example").password == "s3cret");
    CHECK(get(again, "new.example:5000").identity_token == "refresh");
}

TEST_CASE("credentials::DockerConfig set_credential writes auth, identitytoken, registrytoken")
{
    DockerConfig config("config.json");
    config.set_credential("h:1", Credential{"u", "p", "", ""});
    config.set_credential("h:2", Credential{"", "", "", "bearer"});
    config.set_credential("h:3", Credential{"u", "", "", ""});
    const json written = json::parse(config.serialize());
    CHECK(written["auths"]["h:1"] == json{{"auth", base64_encode("u:p")}});
    CHECK(written["auths"]["h:2"] == json{{"registrytoken", "bearer"}});
    CHECK(get(config, "h:3").username == "u");

    config.set_credential("h:1", Credential{"", "", "tok", ""});
    CHECK(json::parse(config.serialize())["auths"]["h:1"] == json{{"identitytoken", "tok"}});
}

TEST_CASE("credentials::DockerConfig clear_secret and erase")
{
    DockerConfig config = parse(R"({"auths": {
        "reg.example": {"auth": ")" +
                                auth_entry("a:SECRET1") + R"(", "email": "e"},
        "https://reg.example/v1/": {"password": "SECRET2", "identitytoken": "SECRET3"},
        "keep.example": {"auth": ")" +
                                auth_entry("k:keep") + R"("}}})");

    SUBCASE("clear_secret leaves an empty entry and no secret for the host")
    {
        config.clear_secret("reg.example");
        const std::string text = config.serialize();
        CHECK(text.find("SECRET") == std::string::npos);
        CHECK(text.find(auth_entry("a:SECRET1")) == std::string::npos);
        const json written = json::parse(text);
        CHECK(written["auths"]["reg.example"] == json{{"email", "e"}});
        CHECK(written["auths"]["https://reg.example/v1/"] == json::object());
        CHECK(get(config, "keep.example").password == "keep");

        config.clear_secret("fresh:5000");
        CHECK(json::parse(config.serialize())["auths"]["fresh:5000"] == json::object());
    }
    SUBCASE("erase removes every form of the host")
    {
        CHECK(config.erase("reg.example"));
        CHECK_FALSE(config.erase("reg.example"));
        const json written = json::parse(config.serialize());
        CHECK(written["auths"].size() == 1);
        CHECK(written["auths"].contains("keep.example"));
    }
}

TEST_CASE("credentials::DockerConfig errors never quote the file")
{
    const std::string secret_b64 = auth_entry("alice:TOPSECRET");
    SUBCASE("a JSON syntax error gives the byte offset only")
    {
        auto config = DockerConfig::parse(
            R"({"auths":{"h":{"auth":")" + secret_b64 + R"(" TOPSECRET}}})", "/x/config.json");
        REQUIRE_FALSE(config);
        CHECK(config.error().code == ErrorCode::invalid_format);
        CHECK(config.error().message.find("/x/config.json: not valid JSON at byte") == 0);
        CHECK(config.error().message.find("TOPSECRET") == std::string::npos);
        CHECK(config.error().message.find(secret_b64) == std::string::npos);
    }
    SUBCASE("a bad auth value is named, not shown")
    {
        const DockerConfig config = parse(R"({"auths":{"h":{"auth":"TOPSECRET!"}}})");
        auto credential = config.credential("h");
        REQUIRE_FALSE(credential);
        CHECK(credential.error().message == "config.json: auths[\"h\"].auth: invalid base64");
        const DockerConfig no_colon =
            parse(R"({"auths":{"h":{"auth":")" + base64_encode("TOPSECRET") + R"("}}})");
        auto split = no_colon.credential("h");
        REQUIRE_FALSE(split);
        CHECK(split.error().message.find("TOPSECRET") == std::string::npos);
    }
    SUBCASE("wrong shapes")
    {
        CHECK_FALSE(DockerConfig::parse("[]", "c"));
        CHECK_FALSE(DockerConfig::parse(R"({"auths": []})", "c"));
        CHECK_FALSE(DockerConfig::parse(R"({"credHelpers": "pass"})", "c"));
        CHECK_FALSE(DockerConfig::parse(R"({"credsStore": 1})", "c"));
        CHECK_FALSE(parse(R"({"auths":{"h":{"auth":5}}})").credential("h"));
        CHECK_FALSE(parse(R"({"auths":{"h":"TOPSECRET"}})").credential("h"));
        CHECK(DockerConfig::parse(R"({"auths": null})", "c"));
        CHECK_FALSE(DockerConfig::parse(std::string(1000, '[') + std::string(1000, ']'), "c"));
    }
    SUBCASE("nesting past the JSON limit is refused")
    {
        const auto nested = [](std::size_t depth) {
            return R"({"auths":{"h":{"auth":")" + auth_entry("a:b") + R"("}},"x":)" +
                   std::string(depth, '[') + std::string(depth, ']') + "}";
        };
        CHECK(DockerConfig::parse(nested(63), "c"));
        auto deep = DockerConfig::parse(nested(64), "c");
        REQUIRE_FALSE(deep);
        CHECK(deep.error().code == ErrorCode::invalid_format);
        CHECK(deep.error().message == "c: nested deeper than 64 levels");
    }
}
