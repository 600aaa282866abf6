#include "credentials/docker_config.hpp"

#include "base64.hpp"
#include "json/parse.hpp"

#include <array>

namespace oras::credentials {

namespace {

using nlohmann::ordered_json;

// As large as ConfigFileStore reads; nesting is held to json/'s default.
constexpr JsonLimits k_config_limits{16U * 1024U * 1024U, k_json_max_depth};

constexpr std::array<std::string_view, 5> k_secret_members = {
    "auth", "username", "password", "identitytoken", "registrytoken"};

// `"key"` as it appears in messages; server keys are not secret.
std::string quoted(std::string_view key)
{
    return "\"" + std::string(key) + "\"";
}

Error invalid(const std::string& origin, const std::string& what)
{
    return fail(ErrorCode::invalid_format, origin + ": " + what);
}

// The object member `name` of `root`; null when absent. Fails when present but not an object.
Result<const ordered_json*>
object_member(const ordered_json& root, std::string_view name, const std::string& origin)
{
    const auto found = root.find(name);
    if (found == root.end() || found->is_null()) {
        return static_cast<const ordered_json*>(nullptr);
    }
    if (!found->is_object()) {
        return invalid(origin, std::string(name) + ": not an object");
    }
    return &*found;
}

// The first key of `object` naming `server`: the exact key, else a legacy URL form.
const ordered_json* find_entry(const ordered_json& object, std::string_view server)
{
    if (const auto exact = object.find(server); exact != object.end()) {
        return &*exact;
    }
    for (const auto& [key, value] : object.items()) {
        if (key_matches_server(key, server)) {
            return &value;
        }
    }
    return nullptr;
}

// Reads the string member `name` of auths entry `where`; empty when absent or null.
Result<std::string>
string_member(const ordered_json& entry, std::string_view name, const std::string& where)
{
    const auto found = entry.find(name);
    if (found == entry.end() || found->is_null()) {
        return std::string();
    }
    if (!found->is_string()) {
        return fail(ErrorCode::invalid_format, where + "." + std::string(name) + ": not a string");
    }
    return found->get<std::string>();
}

Result<Credential> entry_credential(const ordered_json& entry, const std::string& where)
{
    if (!entry.is_object()) {
        return fail(ErrorCode::invalid_format, where + ": not an object");
    }
    Credential credential;
    credential.username = ORAS_TRY(string_member(entry, "username", where));
    credential.password = ORAS_TRY(string_member(entry, "password", where));
    credential.identity_token = ORAS_TRY(string_member(entry, "identitytoken", where));
    credential.access_token = ORAS_TRY(string_member(entry, "registrytoken", where));
    const std::string auth = ORAS_TRY(string_member(entry, "auth", where));
    if (!auth.empty()) {
        const auto decoded = base64_decode(auth, Padding::optional);
        if (!decoded) {
            return fail(ErrorCode::invalid_format, where + ".auth: invalid base64");
        }
        const auto colon = decoded->find(':');
        if (colon == std::string::npos) {
            return fail(ErrorCode::invalid_format,
                        where + ".auth: not of the form base64(\"username:password\")");
        }
        credential.username = decoded->substr(0, colon);
        credential.password = decoded->substr(colon + 1);
    }
    if (credential.username == k_token_username) {
        if (credential.identity_token.empty()) {
            credential.identity_token = credential.password;
        }
        credential.username.clear();
        credential.password.clear();
    }
    return credential;
}

void strip_secrets(ordered_json& entry)
{
    for (const std::string_view member : k_secret_members) {
        entry.erase(std::string(member));
    }
}

ordered_json& auths_of(ordered_json& root)
{
    ordered_json& auths = root["auths"];
    if (!auths.is_object()) {
        auths = ordered_json::object();
    }
    return auths;
}

} // namespace

bool key_matches_server(std::string_view key, std::string_view server)
{
    if (key == server) {
        return true;
    }
    for (const std::string_view scheme : {"http://", "https://"}) {
        if (key.substr(0, scheme.size()) == scheme) {
            const std::string_view rest = key.substr(scheme.size());
            return rest.substr(0, rest.find('/')) == server;
        }
    }
    return false;
}

DockerConfig::DockerConfig(std::string origin)
    : m_root(ordered_json::object()), m_origin(std::move(origin))
{
}

Result<DockerConfig> DockerConfig::parse(std::string_view text, std::string origin)
{
    DockerConfig config(std::move(origin));
    // Member order is kept so that a rewritten file differs from its owner's only where coras
    // changed it; parse errors never quote the text, which holds passwords.
    config.m_root = ORAS_TRY(parse_ordered_json(text, config.m_origin, k_config_limits));
    if (!config.m_root.is_object()) {
        return invalid(config.m_origin, "not a JSON object");
    }
    ORAS_TRY(object_member(config.m_root, "auths", config.m_origin));
    ORAS_TRY(object_member(config.m_root, "credHelpers", config.m_origin));
    const auto store = config.m_root.find("credsStore");
    if (store != config.m_root.end() && !store->is_null() && !store->is_string()) {
        return invalid(config.m_origin, "credsStore: not a string");
    }
    return config;
}

std::string DockerConfig::serialize() const
{
    return m_root.dump(1, '\t', false, ordered_json::error_handler_t::replace) + "\n";
}

Result<std::string> DockerConfig::helper_for(std::string_view server) const
{
    const ordered_json* helpers = ORAS_TRY(object_member(m_root, "credHelpers", m_origin));
    if (helpers != nullptr) {
        if (const ordered_json* helper = find_entry(*helpers, server)) {
            if (!helper->is_string()) {
                return invalid(m_origin, "credHelpers[" + quoted(server) + "]: not a string");
            }
            return helper->get<std::string>();
        }
    }
    const auto store = m_root.find("credsStore");
    if (store != m_root.end() && store->is_string()) {
        return store->get<std::string>();
    }
    return std::string();
}

Result<Credential> DockerConfig::credential(std::string_view server) const
{
    const ordered_json* auths = ORAS_TRY(object_member(m_root, "auths", m_origin));
    if (auths == nullptr) {
        return Credential{};
    }
    const ordered_json* entry = find_entry(*auths, server);
    if (entry == nullptr || entry->is_null()) {
        return Credential{};
    }
    return entry_credential(*entry, m_origin + ": auths[" + quoted(server) + "]");
}

void DockerConfig::set_credential(std::string_view server, const Credential& credential)
{
    ordered_json& entry = auths_of(m_root)[std::string(server)];
    if (!entry.is_object()) {
        entry = ordered_json::object();
    }
    strip_secrets(entry);
    if (!credential.username.empty() || !credential.password.empty()) {
        entry["auth"] = base64_encode(credential.username + ":" + credential.password);
    }
    if (!credential.identity_token.empty()) {
        entry["identitytoken"] = credential.identity_token;
    }
    if (!credential.access_token.empty()) {
        entry["registrytoken"] = credential.access_token;
    }
}

void DockerConfig::clear_secret(std::string_view server)
{
    ordered_json& auths = auths_of(m_root);
    for (auto& [key, value] : auths.items()) {
        if (key_matches_server(key, server)) {
            if (value.is_object()) {
                strip_secrets(value);
            } else {
                value = ordered_json::object();
            }
        }
    }
    ordered_json& entry = auths[std::string(server)];
    if (!entry.is_object()) {
        entry = ordered_json::object();
    }
}

bool DockerConfig::erase(std::string_view server)
{
    const auto auths = m_root.find("auths");
    if (auths == m_root.end() || !auths->is_object()) {
        return false;
    }
    bool erased = false;
    for (auto it = auths->begin(); it != auths->end();) {
        if (key_matches_server(it.key(), server)) {
            it = auths->erase(it);
            erased = true;
        } else {
            ++it;
        }
    }
    return erased;
}

} // namespace oras::credentials
