#include "credentials/helper_reply.hpp"

#include "credentials/docker_config.hpp"
#include "json/parse.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace oras::credentials {

namespace {

using nlohmann::json;

// A reply is three short strings; run_process caps the output at 1 MiB already.
constexpr JsonLimits k_reply_limits{1024U * 1024U, k_json_max_depth};

// Reads member `name` of the get reply: absent or null is empty, as Go's json.Unmarshal.
std::optional<std::string> reply_member(const json& reply, const char* name)
{
    const auto found = reply.find(name);
    if (found == reply.end() || found->is_null()) {
        return std::string();
    }
    if (!found->is_string()) {
        return std::nullopt;
    }
    return found->get<std::string>();
}

} // namespace

Result<Credential> parse_get_reply(std::string_view output, const std::string& step)
{
    // Errors name the byte, never the text: the reply holds the secret.
    const json parsed = ORAS_TRY(parse_json(output, step + ": reply", k_reply_limits));
    const auto username = parsed.is_object() ? reply_member(parsed, "Username") : std::nullopt;
    const auto secret = parsed.is_object() ? reply_member(parsed, "Secret") : std::nullopt;
    if (!username || !secret) {
        return fail(ErrorCode::invalid_format,
                    step + R"(: invalid reply (expected {"ServerURL","Username","Secret"}))");
    }
    Credential credential;
    if (*username == k_token_username) {
        credential.identity_token = *secret;
    } else {
        credential.username = *username;
        credential.password = *secret;
    }
    return credential;
}

} // namespace oras::credentials
