#include "credentials/podman_auth.hpp"

#include "credentials/dynamic_store.hpp"

#include <cstdlib>
#include <unistd.h>

namespace oras::credentials {

namespace {

namespace fs = std::filesystem;

std::string env(const char* name)
{
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

class PodmanAuthStore final : public CredentialStore
{
  public:
    PodmanAuthStore(fs::path auth_file, std::chrono::milliseconds helper_timeout)
        : m_auth_file(auth_file), m_store(std::move(auth_file), helper_timeout)
    {
    }

    Result<Credential> get(std::string_view server) override
    {
        for (const std::string& key : podman_keys(server)) {
            Credential credential = ORAS_TRY(m_store.get(key));
            if (!credential.empty()) {
                return credential;
            }
        }
        return Credential{};
    }

    Result<void> put(std::string_view server, const Credential&) override
    {
        return read_only(server);
    }

    Result<void> erase(std::string_view server) override { return read_only(server); }

  private:
    Error read_only(std::string_view server) const
    {
        return fail(ErrorCode::unsupported,
                    "credentials for " + std::string(server) + ": " + m_auth_file.string() +
                        " is read-only for coras");
    }

    fs::path m_auth_file;
    DynamicStore m_store;
};

} // namespace

std::vector<fs::path> podman_auth_files()
{
    std::vector<fs::path> files;
    if (const std::string explicit_file = env("REGISTRY_AUTH_FILE"); !explicit_file.empty()) {
        files.emplace_back(explicit_file);
    }
    if (const std::string runtime = env("XDG_RUNTIME_DIR"); !runtime.empty()) {
        files.push_back(fs::path(runtime) / "containers" / "auth.json");
    } else {
        files.push_back(fs::path("/run/containers") / std::to_string(::getuid()) / "auth.json");
    }
    if (const std::string config = env("XDG_CONFIG_HOME"); !config.empty()) {
        files.push_back(fs::path(config) / "containers" / "auth.json");
    } else if (const std::string home = env("HOME"); !home.empty()) {
        files.push_back(fs::path(home) / ".config" / "containers" / "auth.json");
    }
    return files;
}

std::vector<std::string> podman_keys(std::string_view server)
{
    if (server == credential_key_for("docker.io")) {
        return {"docker.io", "index.docker.io", std::string(server)};
    }
    return {std::string(server)};
}

std::shared_ptr<CredentialStore> open_podman_auth_store(fs::path auth_file,
                                                        std::chrono::milliseconds helper_timeout)
{
    return std::make_shared<PodmanAuthStore>(std::move(auth_file), helper_timeout);
}

} // namespace oras::credentials
