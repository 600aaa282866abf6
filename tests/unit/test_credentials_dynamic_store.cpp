#include "base64.hpp"
#include "credentials/dynamic_store.hpp"

#include "test_credentials_fake_helper.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using namespace oras;
using namespace oras::credentials;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::chrono::milliseconds k_timeout{10000};

Credential must_get(CredentialStore& store, std::string_view server)
{
    auto credential = store.get(server);
    REQUIRE_MESSAGE(credential, (credential ? "" : credential.error().message));
    return *credential;
}

json read_json(const fs::path& path)
{
    return json::parse(coras_test::read_file(path));
}

} // namespace

TEST_CASE("credentials::DynamicStore without helpers keeps plaintext auths")
{
    const fs::path dir = coras_test::temp_dir("dynamic_plain");
    const fs::path config = dir / "docker" / "config.json";
    DynamicStore store(config, k_timeout);

    CHECK(must_get(store, "localhost:5000").empty());
    REQUIRE(store.erase("localhost:5000"));
    CHECK_FALSE(fs::exists(config)); // erase never creates the file

    REQUIRE(store.put("localhost:5000", Credential{"alice", "pw", "", ""}));
    CHECK(read_json(config)["auths"]["localhost:5000"]["auth"] == base64_encode("alice:pw"));
    CHECK(must_get(store, "localhost:5000").username == "alice");
    auto where = store.location("localhost:5000");
    REQUIRE(where);
    CHECK(where->helper.empty());
    CHECK(where->config_file == config);

    REQUIRE(store.erase("localhost:5000"));
    CHECK(must_get(store, "localhost:5000").empty());
    CHECK(read_json(config)["auths"] == json::object());
}

TEST_CASE("credentials::DynamicStore routes each host to its backend")
{
    const fs::path dir = coras_test::temp_dir("dynamic_helpers");
    coras_test::FakeHelpers fakes(dir);
    const fs::path config = dir / "config.json";
    const std::string stale = base64_encode("old:STALE-SECRET");
    coras_test::write_file(config,
                           R"({
        "credsStore": "keychain",
        "credHelpers": {"pass.example": "passlike", "https://legacy.example": "passlike"},
        "auths": {
            "localhost:5000": {"auth": ")" +
                               stale + R"(", "email": "a@example.invalid"},
            "https://localhost:5000/v1/": {"auth": ")" +
                               stale + R"("},
            "pass.example": {"auth": ")" +
                               stale + R"("}
        },
        "experimental": "enabled"
    })");
    DynamicStore store(config, k_timeout);

    SUBCASE("get asks the helper and does not fall back to a stale auths entry")
    {
        CHECK(must_get(store, "localhost:5000").empty());
        CHECK(coras_test::read_file(dir / "stdin-get") == "localhost:5000");
        CHECK(must_get(store, "pass.example").empty());
    }
    SUBCASE("put through credsStore leaves no secret in config.json")
    {
        REQUIRE(store.put("localhost:5000", Credential{"alice", "NEW-SECRET", "", ""}));
        CHECK(fs::exists(dir / "store-keychain"));
        CHECK(must_get(store, "localhost:5000").password == "NEW-SECRET");
        const std::string text = coras_test::read_file(config);
        CHECK(text.find("NEW-SECRET") == std::string::npos);
        CHECK(text.find(base64_encode("alice:NEW-SECRET")) == std::string::npos);
        const json written = json::parse(text);
        CHECK(written["auths"]["localhost:5000"] == json{{"email", "a@example.invalid"}});
        CHECK(written["auths"]["https://localhost:5000/v1/"] == json::object());
        CHECK(written["auths"]["pass.example"]["auth"] == stale); // another host: untouched
        CHECK(written["experimental"] == "enabled");
        CHECK(written["credsStore"] == "keychain");
        auto where = store.location("localhost:5000");
        REQUIRE(where);
        CHECK(where->helper == "keychain");
    }
    SUBCASE("credHelpers wins over credsStore, also for a legacy key")
    {
        REQUIRE(store.put("pass.example", Credential{"bob", "PASS-SECRET", "", ""}));
        REQUIRE(store.put("legacy.example", Credential{"", "", "REFRESH", ""}));
        CHECK(fs::exists(dir / "store-passlike"));
        CHECK_FALSE(fs::exists(dir / "store-keychain")); // the keychain helper never ran
        CHECK(must_get(store, "pass.example").password == "PASS-SECRET");
        CHECK(must_get(store, "legacy.example").identity_token == "REFRESH");
        const std::string text = coras_test::read_file(config);
        CHECK(text.find("SECRET") == std::string::npos);
        CHECK(text.find("REFRESH") == std::string::npos);
    }
    SUBCASE("erase goes to the helper and drops the auths entries")
    {
        REQUIRE(store.put("localhost:5000", Credential{"alice", "NEW-SECRET", "", ""}));
        REQUIRE(store.erase("localhost:5000"));
        CHECK(must_get(store, "localhost:5000").empty());
        const json written = read_json(config);
        CHECK_FALSE(written["auths"].contains("localhost:5000"));
        CHECK_FALSE(written["auths"].contains("https://localhost:5000/v1/"));
        REQUIRE(store.erase("localhost:5000")); // not found: fine
    }
    SUBCASE("a failing helper leaves the file as it was")
    {
        coras_test::write_file(config, R"({"credsStore": "broken", "auths": {}})");
        const std::string broken = coras_test::read_file(config);
        auto put = store.put("localhost:5000", Credential{"alice", "NEW-SECRET", "", ""});
        REQUIRE_FALSE(put);
        CHECK(put.error().message.find("NEW-SECRET") == std::string::npos);
        CHECK(coras_test::read_file(config) == broken);
    }
    SUBCASE("a missing helper is a clear error")
    {
        coras_test::write_file(config, R"({"credsStore": "pass-not-installed"})");
        auto got = store.get("localhost:5000");
        REQUIRE_FALSE(got);
        CHECK(got.error().message ==
              "credential helper docker-credential-pass-not-installed not found in PATH");
    }
}
