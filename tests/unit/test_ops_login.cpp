// ops::login and ops::logout against the scripted server and real config files.
#include "oras/ops/login.hpp"

#include "base64.hpp"
#include "scripted_server.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

#include <fstream>

using coras_test::Reply;
using coras_test::ScriptedServer;
using namespace oras;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<CredentialStore> store_over(std::vector<fs::path> files)
{
    CredentialStoreOptions options;
    options.config_files = std::move(files);
    options.podman_fallback = PodmanFallback::no;
    auto store = open_credential_store(options);
    REQUIRE(store);
    return *store;
}

} // namespace

TEST_CASE("ops::registry_from_login_argument")
{
    CHECK(*ops::registry_from_login_argument("localhost:5000") == "localhost:5000");
    CHECK(*ops::registry_from_login_argument("https://ghcr.io/v2/") == "ghcr.io");
    CHECK(*ops::registry_from_login_argument("http://127.0.0.1:15000") == "127.0.0.1:15000");
    CHECK(*ops::registry_from_login_argument("docker.io") == "docker.io");
    CHECK(ops::registry_from_login_argument("").error().code == ErrorCode::invalid_argument);
    CHECK(ops::registry_from_login_argument("https://").error().code ==
          ErrorCode::invalid_argument);
    CHECK(ops::registry_from_login_argument("bad host").error().code ==
          ErrorCode::invalid_argument);
}

TEST_CASE("ops::login checks the credential before storing it")
{
    const fs::path dir = coras_test::temp_dir("login");
    const fs::path config = dir / "config.json";
    SUBCASE("accepted: stored under the registry's key")
    {
        ScriptedServer server;
        server.expect("GET /v2/", Reply(401, {{"WWW-Authenticate", "Basic realm=\"r\""}}));
        server.expect("GET /v2/", Reply(200, {}, "{}"));
        ops::LoginOptions options;
        options.registry = "localhost:" + std::to_string(server.port());
        options.credential = Credential{"alice", "s3cret", "", ""};
        auto store = store_over({config});
        auto result = ops::login(options, *store);
        REQUIRE_MESSAGE(result, (result ? "" : result.error().message));
        CHECK(result->key == options.registry);
        CHECK(result->location.helper.empty());
        CHECK(store->get(options.registry)->password == "s3cret");
        CHECK(server.received()[1].header("authorization") ==
              "Basic " + base64_encode("alice:s3cret"));
    }
    SUBCASE("refused: nothing is stored")
    {
        ScriptedServer server;
        server.expect("GET /v2/", Reply(401, {{"WWW-Authenticate", "Basic realm=\"r\""}}));
        server.expect("GET /v2/", Reply(401, {{"WWW-Authenticate", "Basic realm=\"r\""}}));
        ops::LoginOptions options;
        options.registry = "localhost:" + std::to_string(server.port());
        options.credential = Credential{"alice", "wrong", "", ""};
        auto store = store_over({config});
        auto result = ops::login(options, *store);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == ErrorCode::unauthorized);
        CHECK(result.error().message.find("wrong") != std::string::npos);
        CHECK(store->get(options.registry)->empty());
        CHECK_FALSE(fs::exists(config));
    }
}

TEST_CASE("ops::logout")
{
    const fs::path dir = coras_test::temp_dir("logout");
    const std::string entry =
        R"({"auths":{"reg.example":{"auth":")" + base64_encode("bob:pw") + R"("}}})";
    SUBCASE("removes the entry from the written file")
    {
        coras_test::write_file(dir / "a.json", entry);
        auto store = store_over({dir / "a.json"});
        const auto result = ops::logout("reg.example", *store);
        REQUIRE(result);
        CHECK(result->registry == "reg.example");
        CHECK(result->removal == ops::Removal::removed);
        CHECK(store->get("reg.example")->empty());
    }
    SUBCASE("nothing stored: nothing to do, as docker and oras")
    {
        auto store = store_over({dir / "none.json"});
        CHECK(ops::logout("reg.example", *store)->removal == ops::Removal::not_stored);
        CHECK_FALSE(fs::exists(dir / "none.json"));
    }
    SUBCASE("a credential in a read-only fallback is reported, not claimed removed")
    {
        coras_test::write_file(dir / "b.json", entry);
        auto store = store_over({dir / "primary.json", dir / "b.json"});
        auto result = ops::logout("reg.example", *store);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == ErrorCode::unsupported);
        CHECK(result.error().message.find("read-only") != std::string::npos);
    }
}
