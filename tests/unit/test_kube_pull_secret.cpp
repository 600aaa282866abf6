#include "kube/kind.hpp"
#include "kube/pull_secret.hpp"

#include "base64.hpp"
#include "credentials/config_file_store.hpp"
#include "test_util.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

const std::string k_config = R"({"auths":{"registry.example:5000":{"auth":")" +
                             oras::base64_encode("robot:S3CR3T-CANARY") + R"("}}})";

} // namespace

TEST_CASE("kube::docker_config_from_secret")
{
    SUBCASE("a docker config (the .dockerconfigjson content) is not a Secret")
    {
        const auto result = oras::kube::docker_config_from_secret(k_config, "config.json");
        REQUIRE(result);
        CHECK_FALSE(*result);
    }

    SUBCASE("a Secret manifest in JSON, data base64")
    {
        const std::string secret =
            R"({"apiVersion":"v1","kind":"Secret","type":"kubernetes.io/dockerconfigjson",)"
            R"("metadata":{"name":"pull"},"data":{".dockerconfigjson":")" +
            oras::base64_encode(k_config) + R"("}})";
        const auto result = oras::kube::docker_config_from_secret(secret, "secret.json");
        REQUIRE(result);
        REQUIRE(*result);
        CHECK(**result == k_config);
    }

    SUBCASE("a Secret manifest in YAML, data base64 wrapped over lines, or stringData")
    {
        const std::string encoded = oras::base64_encode(k_config);
        const std::string wrapped =
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\n"
            "type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: |\n    " +
            encoded.substr(0, 20) + "\n    " + encoded.substr(20) + "\n";
        const auto result = oras::kube::docker_config_from_secret(wrapped, "secret.yaml");
        REQUIRE(result);
        REQUIRE(*result);
        CHECK(**result == k_config);

        const std::string plain =
            "kind: Secret\nstringData:\n  .dockerconfigjson: '" + k_config + "'\n";
        const auto from_string = oras::kube::docker_config_from_secret(plain, "secret.yaml");
        REQUIRE(from_string);
        REQUIRE(*from_string);
        CHECK(**from_string == k_config);
    }

    SUBCASE("the legacy kubernetes.io/dockercfg")
    {
        const std::string secret =
            "kind: Secret\ntype: kubernetes.io/dockercfg\ndata:\n  .dockercfg: " +
            oras::base64_encode(R"({"registry.example:5000":{"auth":"eA=="}})") + "\n";
        const auto result = oras::kube::docker_config_from_secret(secret, "secret.yaml");
        REQUIRE(result);
        REQUIRE(*result);
        CHECK(**result == R"({"auths":{"registry.example:5000":{"auth":"eA=="}}})");
    }

    SUBCASE("refusals name the file and never quote the secret")
    {
        for (const std::string text :
             {std::string("kind: ConfigMap\ndata:\n  a: S3CR3T-CANARY\n"),
              std::string("kind: Secret\ndata:\n  other: S3CR3T-CANARY\n"),
              std::string("kind: Secret\ndata:\n  .dockerconfigjson: S3CR3T-CANARY!!\n"),
              std::string("auths: S3CR3T-CANARY\n"),
              std::string("kind: Secret\ndata:\n  .dockerconfigjson: S3CR3T: CANARY\n"),
              std::string("kind: ConfigM9S3CR3T-CANARY\ndata:\n  a: b\n"),
              std::string(R"({"kind":"S3CR3T-CANARY","data":{"a":"b"}})")}) {
            CAPTURE(text);
            const auto result = oras::kube::docker_config_from_secret(text, "secret.yaml");
            REQUIRE_FALSE(result);
            CHECK(result.error().message.find("secret.yaml") != std::string::npos);
            CHECK(result.error().message.find("S3CR3T") == std::string::npos);
        }
    }
}

TEST_CASE("credentials::load_docker_config reads a pull secret, and never writes it")
{
    const auto dir = coras_test::temp_dir("pull_secret");
    const auto path = dir / "secret.yaml";
    coras_test::write_file(path,
                           "kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n"
                           "  .dockerconfigjson: " +
                               oras::base64_encode(k_config) + "\n");
    const auto config = oras::credentials::load_docker_config(path);
    REQUIRE(config);
    CHECK(config->from_secret());
    const auto credential = config->credential("registry.example:5000");
    REQUIRE(credential);
    CHECK(credential->username == "robot");
    CHECK(credential->password == "S3CR3T-CANARY");

    const auto updated = oras::credentials::update_docker_config(
        path, [](oras::credentials::DockerConfig&) -> oras::Result<bool> { return true; });
    REQUIRE_FALSE(updated);
    CHECK(updated.error().code == oras::ErrorCode::unsupported);
}

TEST_CASE("kube::kind_phrase quotes a kind name and nothing else")
{
    CHECK(oras::kube::kind_phrase("ConfigMap") == "a Kubernetes ConfigMap");
    CHECK(oras::kube::kind_phrase("V1beta1Thing") == "a Kubernetes V1beta1Thing");
    for (const std::string kind : {std::string(),
                                   std::string("S3CR3T-CANARY"),
                                   std::string("9Lives"),
                                   std::string("Config Map"),
                                   std::string(64, 'A')}) {
        CAPTURE(kind);
        CHECK(oras::kube::kind_phrase(kind) == "a Kubernetes object whose kind is not a kind name");
    }
    CHECK(oras::kube::kind_phrase(std::string(63, 'A')) == "a Kubernetes " + std::string(63, 'A'));
}
