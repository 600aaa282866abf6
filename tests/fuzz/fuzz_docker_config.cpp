// docker's config.json (credentials/docker_config.hpp): the input is the file. A file that
// parses answers every lookup, survives the edits `coras login` and `logout` make, and
// serialises to a file that parses again.
#include "fuzz_support.hpp"

#include "credentials/docker_config.hpp"
#include "oras/credentials.hpp"

#include <array>

using coras_fuzz::require;

namespace {

constexpr std::array<std::string_view, 4> k_servers = {
    "https://index.docker.io/v1/", "localhost:5000", "ghcr.io", "registry.example.com:443"};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto config =
        oras::credentials::DockerConfig::parse(coras_fuzz::as_text(data, size), "config.json");
    if (!config) {
        return 0;
    }
    for (const std::string_view server : k_servers) {
        static_cast<void>(config->helper_for(server));
        static_cast<void>(config->credential(server));
    }
    const auto reread = oras::credentials::DockerConfig::parse(config->serialize(), "config.json");
    require(reread.has_value(), "a serialised config does not parse");
    oras::Credential credential;
    credential.username = "user";
    credential.password = "secret";
    config->set_credential(k_servers[1], credential);
    const auto stored = config->credential(k_servers[1]);
    require(stored && stored->username == "user" && stored->password == "secret",
            "set_credential() did not store the credential");
    config->clear_secret(k_servers[0]);
    static_cast<void>(config->erase(k_servers[2]));
    require(oras::credentials::DockerConfig::parse(config->serialize(), "config.json").has_value(),
            "an edited config does not parse");
    return 0;
}
