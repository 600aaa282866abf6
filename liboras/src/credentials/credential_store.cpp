// The public entry points: the default docker config path, the store with fallbacks
// (oras-go NewStoreWithFallbacks), Docker Hub's credential key and the provider adapter
// (oras-go credentials.Credential).
#include "oras/credentials.hpp"

#include "credentials/dynamic_store.hpp"
#include "credentials/podman_auth.hpp"

#include <cstdlib>
#include <pwd.h>
#include <unistd.h>
#include <vector>

namespace oras {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_docker_hub_key = "https://index.docker.io/v1/";

// Get searches every store in order and returns the first non-empty credential; put, erase and
// location go to the first store only.
class StoreWithFallbacks final : public CredentialStore
{
  public:
    explicit StoreWithFallbacks(std::vector<std::shared_ptr<CredentialStore>> stores)
        : m_stores(std::move(stores))
    {
    }

    Result<Credential> get(std::string_view server) override
    {
        for (const auto& store : m_stores) {
            Credential credential = ORAS_TRY(store->get(server));
            if (!credential.empty()) {
                return credential;
            }
        }
        return Credential{};
    }

    Result<void> put(std::string_view server, const Credential& credential) override
    {
        return m_stores.front()->put(server, credential);
    }

    Result<void> erase(std::string_view server) override { return m_stores.front()->erase(server); }

    Result<CredentialLocation> location(std::string_view server) override
    {
        return m_stores.front()->location(server);
    }

  private:
    std::vector<std::shared_ptr<CredentialStore>> m_stores;
};

Result<fs::path> home_directory()
{
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        return fs::path(home);
    }
    std::vector<char> buffer(16384);
    passwd entry{};
    passwd* found = nullptr;
    if (::getpwuid_r(::getuid(), &entry, buffer.data(), buffer.size(), &found) == 0 &&
        found != nullptr && found->pw_dir != nullptr && *found->pw_dir != '\0') {
        return fs::path(found->pw_dir);
    }
    return fail(ErrorCode::not_found,
                "cannot locate the docker config file: neither DOCKER_CONFIG nor HOME is set",
                "set DOCKER_CONFIG or pass --registry-config");
}

} // namespace

Result<fs::path> default_docker_config_path()
{
    if (const char* dir = std::getenv("DOCKER_CONFIG"); dir != nullptr && *dir != '\0') {
        return fs::path(dir) / "config.json";
    }
    const fs::path home = ORAS_TRY(home_directory());
    return home / ".docker" / "config.json";
}

Result<std::shared_ptr<CredentialStore>>
open_credential_store(const CredentialStoreOptions& options)
{
    std::vector<fs::path> files = options.config_files;
    if (files.empty()) {
        files.push_back(ORAS_TRY(default_docker_config_path()));
    }
    std::vector<std::shared_ptr<CredentialStore>> stores;
    for (fs::path& file : files) {
        stores.push_back(
            std::make_shared<credentials::DynamicStore>(std::move(file), options.helper_timeout));
    }
    if (options.podman_fallback == PodmanFallback::yes) {
        for (fs::path& file : credentials::podman_auth_files()) {
            stores.push_back(
                credentials::open_podman_auth_store(std::move(file), options.helper_timeout));
        }
    }
    return std::shared_ptr<CredentialStore>(
        std::make_shared<StoreWithFallbacks>(std::move(stores)));
}

std::string credential_key_for(std::string_view registry)
{
    if (registry == "docker.io" || registry == "index.docker.io" ||
        registry == "registry-1.docker.io") {
        return std::string(k_docker_hub_key);
    }
    return std::string(registry);
}

CredentialProvider make_credential_provider(std::shared_ptr<CredentialStore> store)
{
    return [store = std::move(store)](std::string_view host) -> Result<Credential> {
        Result<Credential> credential = store->get(credential_key_for(host));
        if (!credential) {
            return credential.error().with_context("credentials for " + std::string(host));
        }
        return credential;
    };
}

} // namespace oras
