#include "oras/credentials.hpp"

#include "base64.hpp"
#include "credentials/podman_auth.hpp"

#include "test_credentials_fake_helper.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <pwd.h>
#include <unistd.h>

using namespace oras;
namespace fs = std::filesystem;
using coras_test::ScopedEnv;

namespace {

std::string auths_with(std::string_view key, std::string_view user_colon_password)
{
    return R"({"auths": {")" + std::string(key) + R"(": {"auth": ")" +
           base64_encode(user_colon_password) + R"("}}})";
}

std::shared_ptr<CredentialStore> open_store(CredentialStoreOptions options)
{
    auto store = open_credential_store(options);
    REQUIRE(store);
    return *store;
}

Credential must_get(CredentialStore& store, std::string_view server)
{
    auto credential = store.get(server);
    REQUIRE_MESSAGE(credential, (credential ? "" : credential.error().message));
    return *credential;
}

} // namespace

TEST_CASE("credentials::credential_key_for")
{
    CHECK(credential_key_for("docker.io") == "https://index.docker.io/v1/");
    CHECK(credential_key_for("index.docker.io") == "https://index.docker.io/v1/");
    CHECK(credential_key_for("registry-1.docker.io") == "https://index.docker.io/v1/");
    CHECK(credential_key_for("localhost:5000") == "localhost:5000");
    CHECK(credential_key_for("ghcr.io") == "ghcr.io");
}

TEST_CASE("credentials::default_docker_config_path")
{
    SUBCASE("DOCKER_CONFIG first")
    {
        const ScopedEnv docker("DOCKER_CONFIG", "/somewhere/docker");
        auto path = default_docker_config_path();
        REQUIRE(path);
        CHECK(*path == "/somewhere/docker/config.json");
    }
    SUBCASE("else ~/.docker")
    {
        const ScopedEnv docker("DOCKER_CONFIG", std::nullopt);
        const ScopedEnv home("HOME", "/home/someone");
        auto path = default_docker_config_path();
        REQUIRE(path);
        CHECK(*path == "/home/someone/.docker/config.json");
    }
    SUBCASE("without HOME, the password database")
    {
        const ScopedEnv docker("DOCKER_CONFIG", std::nullopt);
        const ScopedEnv home("HOME", std::nullopt);
        const passwd* entry = ::getpwuid(::getuid());
        REQUIRE(entry != nullptr);
        REQUIRE(entry->pw_dir != nullptr);
        const std::string pw_dir = entry->pw_dir;
        auto path = default_docker_config_path();
        if (pw_dir.empty()) {
            REQUIRE_FALSE(path);
            CHECK(path.error().code == ErrorCode::not_found);
        } else {
            REQUIRE(path);
            CHECK(*path == fs::path(pw_dir) / ".docker" / "config.json");
        }
    }
}

TEST_CASE("credentials::open_credential_store with --registry-config files")
{
    const fs::path dir = coras_test::temp_dir("store_fallbacks");
    const ScopedEnv podman("REGISTRY_AUTH_FILE", std::nullopt);
    const ScopedEnv runtime("XDG_RUNTIME_DIR", (dir / "no-runtime").string());
    const ScopedEnv config_home("XDG_CONFIG_HOME", (dir / "no-config").string());
    const fs::path primary = dir / "primary.json";
    const fs::path secret = dir / "pull-secret.json";
    const fs::path third = dir / "third.json";
    coras_test::write_file(secret, auths_with("reg.example", "from-secret:pw1"));
    coras_test::write_file(third, auths_with("reg.example", "from-third:pw2"));
    coras_test::write_file(dir / "t2.json", auths_with("other.example", "other:pw3"));

    CredentialStoreOptions options;
    options.config_files = {primary, secret, dir / "t2.json", third};
    auto store = open_store(options);

    CHECK(must_get(*store, "reg.example").username == "from-secret"); // first file that has it
    CHECK(must_get(*store, "other.example").username == "other");
    CHECK(must_get(*store, "absent.example").empty());

    REQUIRE(store->put("reg.example", Credential{"mine", "pw0", "", ""}));
    CHECK(must_get(*store, "reg.example").username == "mine"); // primary first
    CHECK(coras_test::read_file(secret) == auths_with("reg.example", "from-secret:pw1"));
    auto where = store->location("reg.example");
    REQUIRE(where);
    CHECK(where->config_file == primary);

    REQUIRE(store->erase("reg.example"));
    CHECK(must_get(*store, "reg.example").username == "from-secret"); // fallbacks are read-only
}

TEST_CASE("credentials::open_credential_store falls back to podman's auth.json")
{
    const fs::path dir = coras_test::temp_dir("store_podman");
    const ScopedEnv docker("DOCKER_CONFIG", (dir / "docker").string());
    const ScopedEnv runtime("XDG_RUNTIME_DIR", (dir / "run").string());
    const ScopedEnv config_home("XDG_CONFIG_HOME", (dir / "config").string());
    const ScopedEnv auth_file("REGISTRY_AUTH_FILE", (dir / "explicit.json").string());
    fs::create_directories(dir / "run" / "containers");
    fs::create_directories(dir / "config" / "containers");
    fs::create_directories(dir / "docker");
    coras_test::write_file(dir / "explicit.json", auths_with("explicit.example", "e:1"));
    coras_test::write_file(dir / "run" / "containers" / "auth.json",
                           R"({"auths": {"docker.io": {"auth": ")" +
                               base64_encode("hubuser:hubpw") + R"("}, "quay.io": {"auth": ")" +
                               base64_encode("podman:pq") + R"("}}})");
    coras_test::write_file(dir / "config" / "containers" / "auth.json",
                           auths_with("late.example", "late:3"));
    coras_test::write_file(dir / "docker" / "config.json", auths_with("quay.io", "docker:dq"));

    CHECK(credentials::podman_auth_files() ==
          std::vector<fs::path>{dir / "explicit.json",
                                dir / "run" / "containers" / "auth.json",
                                dir / "config" / "containers" / "auth.json"});

    auto store = open_store({});
    CHECK(must_get(*store, "quay.io").username == "docker"); // docker's file wins
    CHECK(must_get(*store, "https://index.docker.io/v1/").username == "hubuser");
    CHECK(must_get(*store, "explicit.example").username == "e");
    CHECK(must_get(*store, "late.example").username == "late");

    auto provider = make_credential_provider(store);
    auto hub = provider("docker.io");
    REQUIRE(hub);
    CHECK(hub->password == "hubpw");

    CredentialStoreOptions no_podman;
    no_podman.podman_fallback = PodmanFallback::no;
    CHECK(must_get(*open_store(no_podman), "https://index.docker.io/v1/").empty());

    auto podman_only =
        credentials::open_podman_auth_store(dir / "explicit.json", std::chrono::seconds(1));
    auto put = podman_only->put("x", Credential{"u", "p", "", ""});
    REQUIRE_FALSE(put);
    CHECK(put.error().code == ErrorCode::unsupported);
}

TEST_CASE("credentials::make_credential_provider")
{
    const fs::path dir = coras_test::temp_dir("provider");
    coras_test::FakeHelpers fakes(dir);
    const fs::path config = dir / "config.json";
    coras_test::write_file(config,
                           R"({"credHelpers": {"broken.example": "broken"},
        "auths": {"https://index.docker.io/v1/": {"auth": ")" +
                               base64_encode("hub:pw") + R"("},
                  "localhost:5000": {"identitytoken": "refresh"}}})");
    CredentialStoreOptions options;
    options.config_files = {config};
    options.podman_fallback = PodmanFallback::no;
    const CredentialProvider provider = make_credential_provider(open_store(options));

    for (const char* host : {"docker.io", "registry-1.docker.io", "index.docker.io"}) {
        CAPTURE(host);
        auto credential = provider(host);
        REQUIRE(credential);
        CHECK(credential->username == "hub");
    }
    auto local = provider("localhost:5000");
    REQUIRE(local);
    CHECK(local->identity_token == "refresh");
    auto none = provider("ghcr.io");
    REQUIRE(none);
    CHECK(none->empty());
    auto broken = provider("broken.example");
    REQUIRE_FALSE(broken);
    CHECK(broken.error().message.find("credentials for broken.example: docker-credential-broken "
                                      "get broken.example: exit status 1") == 0);
}
