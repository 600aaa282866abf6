#include "credentials/helper_store.hpp"

#include "credentials/docker_config.hpp"
#include "credentials/helper_process.hpp"
#include "credentials/helper_reply.hpp"

#include <nlohmann/json.hpp>

namespace oras::credentials {

namespace {

using nlohmann::json;

constexpr std::size_t k_max_quoted_output = 300;
// What docker-credential-pass 0.6.4 prints when erasing an absent entry
// (reference/registry-facts.md §3).
constexpr std::string_view k_pass_missing_text = "is not in the password store";

std::string_view trimmed(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

// The helper's stdout as a one-line message: trimmed, control characters replaced, capped,
// and `secret` (what was sent, when known) masked in case the helper echoed it.
std::string quoted_output(std::string_view output, std::string_view secret)
{
    std::string text(trimmed(output));
    if (!secret.empty()) {
        for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
            text.replace(at, secret.size(), "<redacted>");
            at += 10;
        }
    }
    for (char& c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            c = ' ';
        }
    }
    if (text.size() > k_max_quoted_output) {
        text = text.substr(0, k_max_quoted_output) + "...";
    }
    return text;
}

// "`step`: exit status N[: <stdout>]".
Error helper_failed(const std::string& step,
                    int exit_code,
                    std::string_view output,
                    std::string_view secret)
{
    std::string message = step + ": exit status " + std::to_string(exit_code);
    if (const std::string text = quoted_output(output, secret); !text.empty()) {
        message += ": " + text;
    }
    return fail(ErrorCode::io, message);
}

bool is_not_found(std::string_view output)
{
    return trimmed(output) == k_not_found_text;
}

} // namespace

HelperStore::HelperStore(std::string suffix, std::chrono::milliseconds timeout)
    : m_suffix(std::move(suffix)), m_timeout(timeout)
{
}

std::string HelperStore::program() const
{
    return "docker-credential-" + m_suffix;
}

Result<HelperStore::Reply>
HelperStore::call(std::string_view action, std::string input, std::string_view server)
{
    const std::string name = program();
    const std::string step = name + " " + std::string(action) + " " + std::string(server);
    if (m_suffix.empty() || m_suffix.find('/') != std::string::npos) {
        return fail(ErrorCode::invalid_argument,
                    step + ": invalid credential helper name \"" + m_suffix + "\"");
    }
    const auto path = find_in_path(name);
    if (!path) {
        return fail(ErrorCode::not_found,
                    "credential helper " + name + " not found in PATH",
                    "install " + name +
                        ", or change credsStore/credHelpers in the docker "
                        "config file");
    }
    ProcessRequest request;
    request.program = *path;
    request.args = {std::string(action)};
    request.input = std::move(input);
    request.timeout = m_timeout;
    Result<ProcessResult> result = run_process(request);
    if (!result) {
        return result.error().with_context(step);
    }
    return Reply{result->exit_code, std::move(result->output)};
}

Result<Credential> HelperStore::get(std::string_view server)
{
    const Reply reply = ORAS_TRY(call("get", std::string(server), server));
    const std::string step = program() + " get " + std::string(server);
    if (reply.exit_code != 0) {
        if (is_not_found(reply.output)) {
            return Credential{};
        }
        return helper_failed(step, reply.exit_code, reply.output, {});
    }
    return parse_get_reply(reply.output, step);
}

Result<void> HelperStore::put(std::string_view server, const Credential& credential)
{
    const bool token = !credential.identity_token.empty();
    if (!token && credential.username.empty() && credential.password.empty() &&
        !credential.access_token.empty()) {
        return fail(ErrorCode::unsupported,
                    program() + " store " + std::string(server) +
                        ": a credential helper cannot keep a registry access token");
    }
    const std::string& secret = token ? credential.identity_token : credential.password;
    const json request = {
        {"ServerURL", std::string(server)},
        {"Username", token ? std::string(k_token_username) : credential.username},
        {"Secret", secret},
    };
    const Reply reply = ORAS_TRY(
        call("store", request.dump(-1, ' ', false, json::error_handler_t::replace), server));
    if (reply.exit_code != 0) {
        return helper_failed(
            program() + " store " + std::string(server), reply.exit_code, reply.output, secret);
    }
    return {};
}

Result<void> HelperStore::erase(std::string_view server)
{
    const Reply reply = ORAS_TRY(call("erase", std::string(server), server));
    if (reply.exit_code == 0 || is_not_found(reply.output) ||
        reply.output.find(k_pass_missing_text) != std::string::npos) {
        return {};
    }
    return helper_failed(
        program() + " erase " + std::string(server), reply.exit_code, reply.output, {});
}

Result<CredentialLocation> HelperStore::location(std::string_view server)
{
    static_cast<void>(server);
    return CredentialLocation{m_suffix, {}};
}

} // namespace oras::credentials
