#include "credentials/config_file_store.hpp"
#include "credentials/dynamic_store.hpp"

#include "test_util.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace oras;
using namespace oras::credentials;
namespace fs = std::filesystem;

namespace {

mode_t mode_of(const fs::path& path)
{
    struct stat info
    {
    };
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 07777;
}

// Files in `dir` other than config.json and its lock (temporaries left behind).
int stray_files(const fs::path& dir)
{
    int count = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name != "config.json" && name != "config.json.lock") {
            ++count;
        }
    }
    return count;
}

Result<bool> put_plain(DockerConfig& config, std::string_view server, std::string_view user)
{
    config.set_credential(server, Credential{std::string(user), "pw", "", ""});
    return true;
}

} // namespace

TEST_CASE("credentials::load_docker_config")
{
    const fs::path dir = coras_test::temp_dir("load");
    SUBCASE("a missing file is an empty configuration")
    {
        auto config = load_docker_config(dir / "absent" / "config.json");
        REQUIRE(config);
        CHECK(config->serialize() == "{}\n");
    }
    SUBCASE("an empty file too, as docker reads it")
    {
        coras_test::write_file(dir / "config.json", "  \n");
        CHECK(load_docker_config(dir / "config.json"));
    }
    SUBCASE("a Kubernetes pull secret's .dockerconfigjson is a config file")
    {
        coras_test::write_file(dir / "pull-secret.json",
                               R"({"auths":{"reg.example":{"username":"u","password":"p",)"
                               R"("auth":"dTpw"}}})");
        auto config = load_docker_config(dir / "pull-secret.json");
        REQUIRE(config);
        auto credential = config->credential("reg.example");
        REQUIRE(credential);
        CHECK(credential->password == "p");
    }
    SUBCASE("a syntax error names the file and not its content")
    {
        coras_test::write_file(dir / "config.json", R"({"auths": {"h": {"auth": "SECRET")");
        auto config = load_docker_config(dir / "config.json");
        REQUIRE_FALSE(config);
        CHECK(config.error().message.find((dir / "config.json").string()) == 0);
        CHECK(config.error().message.find("SECRET") == std::string::npos);
    }
    SUBCASE("a directory in the way is an io error")
    {
        fs::create_directories(dir / "config.json");
        auto config = load_docker_config(dir / "config.json");
        REQUIRE_FALSE(config);
        CHECK(config.error().code == ErrorCode::io);
    }
}

TEST_CASE("credentials::save_docker_config: mode 0600, directory 0700, atomic")
{
    const fs::path dir = coras_test::temp_dir("save") / "a" / "b";
    const fs::path path = dir / "config.json";
    DockerConfig config("config.json");
    config.set_credential("h", Credential{"u", "p", "", ""});
    const mode_t old_mask = ::umask(0);
    auto saved = save_docker_config(path, config);
    ::umask(old_mask);
    REQUIRE(saved);
    CHECK(mode_of(path) == 0600);
    CHECK(mode_of(dir) == 0700);
    CHECK(mode_of(dir.parent_path()) == 0700);
    CHECK(coras_test::read_file(path) == config.serialize());
    CHECK(stray_files(dir) == 0);

    SUBCASE("an existing group-readable file becomes 0600")
    {
        ::chmod(path.c_str(), 0644);
        REQUIRE(save_docker_config(path, config));
        CHECK(mode_of(path) == 0600);
    }
    SUBCASE("a symbolic link is followed, as docker does")
    {
        const fs::path real = dir / "real.json";
        fs::rename(path, real);
        fs::create_symlink(real, path);
        REQUIRE(save_docker_config(path, config));
        CHECK(fs::is_symlink(fs::symlink_status(path)));
        CHECK(coras_test::read_file(real) == config.serialize());
    }
    SUBCASE("an unwritable directory fails with io and leaves nothing")
    {
        if (::geteuid() == 0) {
            return; // root writes anywhere
        }
        ::chmod(dir.c_str(), 0500);
        auto failed = save_docker_config(path, config);
        ::chmod(dir.c_str(), 0700);
        REQUIRE_FALSE(failed);
        CHECK(failed.error().code == ErrorCode::io);
    }
}

TEST_CASE("credentials::update_docker_config")
{
    const fs::path dir = coras_test::temp_dir("update");
    const fs::path path = dir / "config.json";
    coras_test::write_file(path, R"({"psFormat": "x", "auths": {"a": {"auth": "YTpi"}}})");

    SUBCASE("read, modify, write keeps what was there")
    {
        REQUIRE(update_docker_config(
            path, [](DockerConfig& config) { return put_plain(config, "b", "bob"); }));
        const auto written = nlohmann::json::parse(coras_test::read_file(path));
        CHECK(written["psFormat"] == "x");
        CHECK(written["auths"]["a"]["auth"] == "YTpi");
        CHECK(written["auths"].contains("b"));
        CHECK(mode_of(path) == 0600);
        CHECK(fs::exists(dir / "config.json.lock"));
    }
    SUBCASE("nothing is written when the change says so or fails")
    {
        const std::string before = coras_test::read_file(path);
        REQUIRE(update_docker_config(path, [](DockerConfig&) -> Result<bool> { return false; }));
        auto failed = update_docker_config(path, [](DockerConfig& config) -> Result<bool> {
            config.erase("a");
            return fail(ErrorCode::io, "helper failed");
        });
        REQUIRE_FALSE(failed);
        CHECK(failed.error().message == "helper failed");
        CHECK(coras_test::read_file(path) == before);
    }
}

TEST_CASE("credentials: concurrent writers never lose an entry")
{
    const fs::path dir = coras_test::temp_dir("concurrent") / "docker";
    const fs::path path = dir / "config.json";
    constexpr int k_writers = 8;
    constexpr int k_puts_each = 5;
    std::vector<pid_t> children;
    for (int writer = 0; writer < k_writers; ++writer) {
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            DynamicStore store(path, std::chrono::seconds(10));
            int failures = 0;
            for (int i = 0; i < k_puts_each; ++i) {
                const std::string host =
                    "host-" + std::to_string(writer) + "-" + std::to_string(i) + ":5000";
                if (!store.put(host, Credential{"user" + std::to_string(writer), "pw", "", ""})) {
                    ++failures;
                }
            }
            ::_exit(failures == 0 ? 0 : 1);
        }
        children.push_back(pid);
    }
    for (const pid_t pid : children) {
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }
    DynamicStore store(path, std::chrono::seconds(10));
    for (int writer = 0; writer < k_writers; ++writer) {
        for (int i = 0; i < k_puts_each; ++i) {
            const std::string host =
                "host-" + std::to_string(writer) + "-" + std::to_string(i) + ":5000";
            CAPTURE(host);
            auto credential = store.get(host);
            REQUIRE(credential);
            CHECK(credential->username == "user" + std::to_string(writer));
        }
    }
    CHECK(stray_files(dir) == 0);
    CHECK(mode_of(path) == 0600);
    CHECK(mode_of(dir) == 0700);
}
