#include "credentials/dynamic_store.hpp"

#include "credentials/config_file_store.hpp"
#include "credentials/docker_config.hpp"
#include "credentials/helper_store.hpp"

#include <system_error>

namespace oras::credentials {

DynamicStore::DynamicStore(std::filesystem::path config_file,
                           std::chrono::milliseconds helper_timeout)
    : m_config_file(std::move(config_file)), m_helper_timeout(helper_timeout)
{
}

Result<Credential> DynamicStore::get(std::string_view server)
{
    const DockerConfig config = ORAS_TRY(load_docker_config(m_config_file));
    const std::string helper = ORAS_TRY(config.helper_for(server));
    if (!helper.empty()) {
        return HelperStore(helper, m_helper_timeout).get(server);
    }
    return config.credential(server);
}

Result<void> DynamicStore::put(std::string_view server, const Credential& credential)
{
    return update_docker_config(m_config_file, [&](DockerConfig& config) -> Result<bool> {
        const std::string helper = ORAS_TRY(config.helper_for(server));
        if (helper.empty()) {
            config.set_credential(server, credential);
            return true;
        }
        ORAS_TRY(HelperStore(helper, m_helper_timeout).put(server, credential));
        config.clear_secret(server);
        return true;
    });
}

Result<void> DynamicStore::erase(std::string_view server)
{
    std::error_code error;
    if (!std::filesystem::exists(m_config_file, error)) {
        return {}; // no entry and no helper configured
    }
    return update_docker_config(m_config_file, [&](DockerConfig& config) -> Result<bool> {
        const std::string helper = ORAS_TRY(config.helper_for(server));
        if (!helper.empty()) {
            ORAS_TRY(HelperStore(helper, m_helper_timeout).erase(server));
        }
        return config.erase(server);
    });
}

Result<CredentialLocation> DynamicStore::location(std::string_view server)
{
    const DockerConfig config = ORAS_TRY(load_docker_config(m_config_file));
    std::string helper = ORAS_TRY(config.helper_for(server));
    return CredentialLocation{std::move(helper), m_config_file};
}

} // namespace oras::credentials
