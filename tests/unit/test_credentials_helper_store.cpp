#include "credentials/dynamic_store.hpp"
#include "credentials/helper_process.hpp"
#include "credentials/helper_store.hpp"

#include "base64.hpp"

#include "test_credentials_fake_helper.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fcntl.h>
#include <fstream>
#include <set>
#include <signal.h>
#include <thread>
#include <unistd.h>

using namespace oras;
using namespace oras::credentials;
namespace fs = std::filesystem;
using std::chrono::milliseconds;

namespace {

constexpr milliseconds k_timeout{10000};

Credential must_get(CredentialStore& store, std::string_view server)
{
    auto credential = store.get(server);
    REQUIRE_MESSAGE(credential, (credential ? "" : credential.error().message));
    return *credential;
}

bool process_gone(pid_t pid)
{
    for (int i = 0; i < 100; ++i) {
        std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
        std::string line;
        if (!std::getline(stat, line)) {
            return true;
        }
        const auto state = line.substr(line.rfind(')') + 2, 1);
        if (state == "Z") {
            return true; // dead, waiting for init to reap it
        }
        std::this_thread::sleep_for(milliseconds(20));
    }
    return false;
}

} // namespace

TEST_CASE("credentials::find_in_path")
{
    const fs::path dir = coras_test::temp_dir("find_in_path");
    coras_test::FakeHelpers fakes(dir);
    CHECK(find_in_path("docker-credential-keychain") == dir / "bin" / "docker-credential-keychain");
    CHECK_FALSE(find_in_path("docker-credential-no-such-helper").has_value());
    coras_test::write_file(dir / "bin" / "docker-credential-noexec", "#!/bin/sh\n");
    CHECK_FALSE(find_in_path("docker-credential-noexec").has_value());
}

TEST_CASE("credentials::HelperStore protocol with a keychain-style helper")
{
    const fs::path dir = coras_test::temp_dir("helper_keychain");
    coras_test::FakeHelpers fakes(dir);
    HelperStore store("keychain", k_timeout);

    CHECK(must_get(store, "localhost:5000").empty());
    CHECK(coras_test::read_file(dir / "argv") == "get\n");
    CHECK(coras_test::read_file(dir / "stdin-get") == "localhost:5000");

    // Quotes, backslashes and non-ASCII survive the JSON on both sides.
    const Credential alice{"alice", "s3\"cr\\et-é:x", "", ""};
    REQUIRE(store.put("localhost:5000", alice));
    const auto sent = nlohmann::json::parse(coras_test::read_file(dir / "stdin-store"));
    CHECK(sent == nlohmann::json{{"ServerURL", "localhost:5000"},
                                 {"Username", "alice"},
                                 {"Secret", alice.password}});
    const Credential got = must_get(store, "localhost:5000");
    CHECK(got.username == "alice");
    CHECK(got.password == alice.password);
    CHECK(got.identity_token.empty());

    SUBCASE("identity tokens travel as Username <token>")
    {
        REQUIRE(store.put("token.example", Credential{"", "", "refresh-xyz", ""}));
        const auto token = nlohmann::json::parse(coras_test::read_file(dir / "stdin-store"));
        CHECK(token["Username"] == "<token>");
        CHECK(token["Secret"] == "refresh-xyz");
        const Credential back = must_get(store, "token.example");
        CHECK(back.identity_token == "refresh-xyz");
        CHECK(back.username.empty());
        CHECK(back.password.empty());
    }
    SUBCASE("erase, and erase of a missing entry, succeed")
    {
        REQUIRE(store.erase("localhost:5000"));
        CHECK(coras_test::read_file(dir / "stdin-erase") == "localhost:5000");
        CHECK(must_get(store, "localhost:5000").empty());
        CHECK(store.erase("localhost:5000"));
    }
    SUBCASE("an access token alone cannot be kept by a helper")
    {
        auto put = store.put("h", Credential{"", "", "", "bearer-SECRET"});
        REQUIRE_FALSE(put);
        CHECK(put.error().code == ErrorCode::unsupported);
        CHECK(put.error().message.find("bearer-SECRET") == std::string::npos);
    }
    SUBCASE("the helper sees only stdin, stdout and stderr")
    {
        const int leaked = ::open("/dev/null", O_RDONLY); // no O_CLOEXEC on purpose
        REQUIRE(leaked > 2);
        CHECK(must_get(store, "localhost:5000").username == "alice");
        ::close(leaked);
        std::ifstream fds(dir / "fds");
        std::set<std::string> open_fds;
        for (std::string fd; std::getline(fds, fd);) {
            open_fds.insert(fd);
        }
        open_fds.erase("255"); // bash's own descriptor on its script
        CHECK(open_fds == std::set<std::string>{"0", "1", "2"});
    }
}

TEST_CASE("credentials::HelperStore with a pass-style helper (exit 0 and empty = not found)")
{
    const fs::path dir = coras_test::temp_dir("helper_passlike");
    coras_test::FakeHelpers fakes(dir);
    HelperStore store("passlike", k_timeout);
    CHECK(must_get(store, "127.0.0.1:15099").empty());
    REQUIRE(store.put("127.0.0.1:15001", Credential{"alice", "s3cret", "", ""}));
    CHECK(must_get(store, "127.0.0.1:15001").password == "s3cret");
    CHECK(store.erase("127.0.0.1:15001"));
    CHECK(store.erase("127.0.0.1:15001")); // "... is not in the password store." exit 1
    CHECK(must_get(store, "127.0.0.1:15001").empty());
}

TEST_CASE("credentials::HelperStore failures")
{
    const fs::path dir = coras_test::temp_dir("helper_failures");
    coras_test::FakeHelpers fakes(dir);

    SUBCASE("a missing helper program")
    {
        HelperStore store("no-such-helper", k_timeout);
        auto got = store.get("localhost:5000");
        REQUIRE_FALSE(got);
        CHECK(got.error().code == ErrorCode::not_found);
        CHECK(got.error().message ==
              "credential helper docker-credential-no-such-helper not found in PATH");
        CHECK_FALSE(store.put("localhost:5000", Credential{"u", "p", "", ""}));
        CHECK_FALSE(store.erase("localhost:5000"));
    }
    SUBCASE("an unusable helper name is refused before any lookup")
    {
        auto got = HelperStore("../../bin/sh", k_timeout).get("h");
        REQUIRE_FALSE(got);
        CHECK(got.error().code == ErrorCode::invalid_argument);
    }
    SUBCASE("output that is not JSON is an error that does not quote it")
    {
        auto got = HelperStore("garbage", k_timeout).get("localhost:5000");
        REQUIRE_FALSE(got);
        CHECK(got.error().code == ErrorCode::invalid_format);
        CHECK(got.error().message.find("docker-credential-garbage get localhost:5000") == 0);
        CHECK(got.error().message.find("GARBAGE-SECRET") == std::string::npos);
        CHECK(got.error().message.find(": reply: not valid JSON at byte 1: ") != std::string::npos);
    }
    SUBCASE("a reply nested past the JSON limit is refused")
    {
        // The keychain helper answers get with the file named after the server (see
        // test_credentials_fake_helper.hpp).
        std::string key = base64_encode("deep.example");
        for (char& c : key) {
            c = c == '/' ? '_' : c == '+' ? '.' : c == '=' ? '-' : c;
        }
        fs::create_directories(dir / "store-keychain");
        const auto reply = [](std::size_t depth) {
            return R"({"ServerURL":"deep.example","Username":"u","Secret":"s","x":)" +
                   std::string(depth, '[') + std::string(depth, ']') + "}";
        };
        HelperStore store("keychain", k_timeout);
        coras_test::write_file(dir / "store-keychain" / key, reply(63));
        CHECK(must_get(store, "deep.example").password == "s");
        coras_test::write_file(dir / "store-keychain" / key, reply(64));
        auto got = store.get("deep.example");
        REQUIRE_FALSE(got);
        CHECK(got.error().code == ErrorCode::invalid_format);
        CHECK(got.error().message ==
              "docker-credential-keychain get deep.example: reply: nested deeper than 64 levels");
    }
    SUBCASE("a failing helper's output is never quoted, only counted")
    {
        HelperStore store("broken", k_timeout);
        auto got = store.get("localhost:5000");
        REQUIRE_FALSE(got);
        CHECK(got.error().code == ErrorCode::io);
        CHECK(got.error().message ==
              "docker-credential-broken get localhost:5000: exit status 1 (86 bytes on stdout, 33 "
              "on stderr, not shown as they may hold a secret)");
        CHECK(got.error().hint == "run the helper by hand to see its message");
        auto put = store.put("localhost:5000", Credential{"u", "p", "", ""});
        REQUIRE_FALSE(put);
        CHECK(put.error().message.find("docker-credential-broken store localhost:5000: exit "
                                       "status 1 (") == 0);
        CHECK(put.error().message.find("pass not initialized") == std::string::npos);
        auto erase = store.erase("localhost:5000");
        REQUIRE_FALSE(erase);
        CHECK(erase.error().message.find("STDERR-SECRET") == std::string::npos);
    }
    SUBCASE("a helper that echoes the secret does not get it into the message")
    {
        auto put = HelperStore("echo", k_timeout)
                       .put("localhost:5000", Credential{"alice", "VERY-SECRET-PW", "", ""});
        REQUIRE_FALSE(put);
        CHECK(put.error().message.find("VERY-SECRET-PW") == std::string::npos);
        CHECK(put.error().message.find("invalid input") == std::string::npos);
        CHECK(put.error().message.find("exit status 1 (") != std::string::npos);
    }
    SUBCASE("a helper killed by a signal")
    {
        auto got = HelperStore("crash", k_timeout).get("localhost:5000");
        REQUIRE_FALSE(got);
        CHECK(got.error().message.find("exit status 137") != std::string::npos);
    }
    SUBCASE("a hanging helper is killed with its process group after the timeout")
    {
        const auto start = std::chrono::steady_clock::now();
        auto got = HelperStore("hang", milliseconds(500)).get("localhost:5000");
        const auto took = std::chrono::steady_clock::now() - start;
        REQUIRE_FALSE(got);
        CHECK(got.error().code == ErrorCode::io);
        CHECK(got.error().message == "docker-credential-hang get localhost:5000: timed out after "
                                     "500 ms");
        CHECK(took < std::chrono::seconds(5));
        const pid_t grandchild = std::stoi(coras_test::read_file(dir / "grandchild"));
        CHECK(process_gone(grandchild));
    }
}

TEST_CASE("credentials::run_process")
{
    ProcessRequest request;
    request.program = "/bin/sh";
    SUBCASE("large input and output are pumped without deadlock")
    {
        request.args = {"-c", "cat; cat >&2 </dev/null"};
        request.input = std::string(1U << 20U, 'x');
        request.output_limit = 2U << 20U;
        auto result = run_process(request);
        REQUIRE(result);
        CHECK(result->exit_code == 0);
        CHECK(result->output == request.input);
    }
    SUBCASE("output over the limit")
    {
        request.args = {"-c", "head -c 5000 /dev/zero"};
        request.output_limit = 1000;
        auto result = run_process(request);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == ErrorCode::too_large);
        CHECK(result.error().message == "more than 1000 bytes on stdout");
    }
    SUBCASE("stderr is read, counted and dropped")
    {
        request.args = {"-c", "echo out; head -c 300000 /dev/zero >&2; echo more"};
        auto result = run_process(request);
        REQUIRE(result);
        CHECK(result->output == "out\nmore\n");
        CHECK(result->error_bytes == 300000);
    }
    SUBCASE("stderr written after stdout closes is still drained")
    {
        request.args = {"-c", "exec >&-; head -c 200000 /dev/zero >&2; exit 4"};
        auto result = run_process(request);
        REQUIRE(result);
        CHECK(result->exit_code == 4);
        CHECK(result->error_bytes == 200000);
    }
    SUBCASE("stderr over the limit kills the program")
    {
        request.args = {"-c", "exec >&-; cat /dev/zero >&2"};
        request.error_limit = 100000;
        const auto start = std::chrono::steady_clock::now();
        auto result = run_process(request);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == ErrorCode::too_large);
        CHECK(result.error().message == "more than 100000 bytes on stderr");
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    }
    SUBCASE("a helper that exits without reading its input does not kill us (SIGPIPE)")
    {
        request.args = {"-c", "exit 3"};
        request.input = std::string(1U << 20U, 'x');
        auto result = run_process(request);
        REQUIRE(result);
        CHECK(result->exit_code == 3);
    }
    SUBCASE("a program that cannot be started")
    {
        request.program = "/nonexistent/docker-credential-x";
        auto result = run_process(request);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == ErrorCode::io);
    }
}

// Run by tests/integration/test_credential_helpers.sh with the real docker-credential-pass,
// after it has set up gpg and pass in CORAS_TEST_PASS_HOME (which is also $HOME). Skipped
// otherwise.
namespace {

const char* pass_home()
{
    return std::getenv("CORAS_TEST_PASS_HOME");
}

std::string env_or(const char* name, const char* fallback)
{
    const char* value = std::getenv(name);
    return value != nullptr ? value : fallback;
}

} // namespace

TEST_CASE("credentials: real docker-credential-pass through credsStore")
{
    if (pass_home() == nullptr) {
        MESSAGE("CORAS_TEST_PASS_HOME not set: skipped");
        return;
    }
    const std::string secret = env_or("CORAS_TEST_PASS_SECRET", "s3cret-from-coras");
    const fs::path config = fs::path(pass_home()) / "credsstore" / "config.json";
    fs::create_directories(config.parent_path());
    coras_test::write_file(config,
                           R"({"credsStore": "pass", "psFormat": "keep-me",)"
                           R"( "auths": {"keep.example:5000": {"auth": "c3RhbGU6c3RhbGU="}}})");
    DynamicStore store(config, milliseconds(60000));

    CHECK(must_get(store, "127.0.0.1:15099").empty()); // pass 0.6.4: exit 0, empty fields
    REQUIRE(store.put("127.0.0.1:15001", Credential{"alice", "first-pw", "", ""}));
    CHECK(must_get(store, "127.0.0.1:15001").password == "first-pw");
    REQUIRE(store.put("127.0.0.1:15001", Credential{"alice", "second-pw", "", ""}));
    CHECK(must_get(store, "127.0.0.1:15001").password == "second-pw");
    REQUIRE(store.erase("127.0.0.1:15001"));
    CHECK(must_get(store, "127.0.0.1:15001").empty());
    CHECK(store.erase("127.0.0.1:15001")); // pass: "... is not in the password store."

    REQUIRE(store.put("token.example:5000", Credential{"", "", "refresh-token-1", ""}));
    CHECK(must_get(store, "token.example:5000").identity_token == "refresh-token-1");
    REQUIRE(store.erase("token.example:5000"));

    // Left in place for the suite to check with pass itself.
    REQUIRE(store.put("keep.example:5000", Credential{"alice", secret, "", ""}));
    const Credential kept = must_get(store, "keep.example:5000");
    CHECK(kept.username == "alice");
    CHECK(kept.password == secret);
    const auto written = nlohmann::json::parse(coras_test::read_file(config));
    CHECK(written["psFormat"] == "keep-me");
    CHECK(written["auths"]["keep.example:5000"] == nlohmann::json::object());
}

TEST_CASE("credentials: real docker-credential-pass through credHelpers")
{
    if (pass_home() == nullptr) {
        MESSAGE("CORAS_TEST_PASS_HOME not set: skipped");
        return;
    }
    const std::string secret = env_or("CORAS_TEST_PASS_SECRET", "s3cret-from-coras");
    const fs::path config = fs::path(pass_home()) / "credhelpers" / "config.json";
    fs::create_directories(config.parent_path());
    coras_test::write_file(config, R"({"credHelpers": {"helped.example:5000": "pass"}})");
    DynamicStore store(config, milliseconds(60000));

    REQUIRE(store.put("helped.example:5000", Credential{"bob", secret, "", ""}));
    REQUIRE(store.put("plain.example:5000", Credential{"carol", "plaintext-pw", "", ""}));
    CHECK(must_get(store, "helped.example:5000").password == secret);
    CHECK(must_get(store, "plain.example:5000").password == "plaintext-pw");
    auto where = store.location("helped.example:5000");
    REQUIRE(where);
    CHECK(where->helper == "pass");
    const auto written = nlohmann::json::parse(coras_test::read_file(config));
    CHECK(written["auths"]["helped.example:5000"] == nlohmann::json::object());
    CHECK(written["auths"]["plain.example:5000"].contains("auth"));

    // A credential the suite stored with docker-credential-pass itself.
    const std::string prestored = env_or("CORAS_TEST_PASS_PRESTORED", "");
    if (!prestored.empty()) {
        const fs::path other = fs::path(pass_home()) / "prestored" / "config.json";
        fs::create_directories(other.parent_path());
        coras_test::write_file(other, R"({"credHelpers": {")" + prestored + R"(": "pass"}})");
        DynamicStore reader(other, milliseconds(60000));
        const Credential theirs = must_get(reader, prestored);
        CHECK(theirs.username == "dave");
        CHECK(theirs.password == env_or("CORAS_TEST_PASS_PRESTORED_SECRET", ""));
    }
}
