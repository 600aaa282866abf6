#include "registry/error_response.hpp"

#include "json/parse.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>

namespace oras::registry {

namespace {

using json = nlohmann::ordered_json; // keeps the order the registry wrote

constexpr std::size_t k_max_detail_chars = 200;
constexpr std::size_t k_max_text_chars = 300;

std::string scalar_text(const json& value)
{
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_number() || value.is_boolean()) {
        return value.dump();
    }
    return {};
}

// A compact rendering of a "detail" member: a string as is; an object's scalar members as
// "Key=value"; an array's elements (for UNAUTHORIZED, access entries become
// "repository:demo/wasm:pull"); null and {} give nothing.
std::string render_detail(const json& detail)
{
    std::string out;
    const auto append = [&out](const std::string& part, std::string_view separator) {
        if (!part.empty()) {
            out += out.empty() ? "" : std::string(separator);
            out += part;
        }
    };
    if (detail.is_object()) {
        for (const auto& [key, value] : detail.items()) {
            const std::string text = scalar_text(value);
            append(text.empty() ? std::string() : key + "=" + text, ", ");
        }
    } else if (detail.is_array()) {
        for (const auto& element : detail) {
            std::string joined;
            if (element.is_object()) {
                for (const auto& member : element) {
                    const std::string text = scalar_text(member);
                    joined += (joined.empty() || text.empty() ? "" : ":") + text;
                }
            } else {
                joined = scalar_text(element);
            }
            append(joined, " ");
        }
    } else {
        out = scalar_text(detail);
    }
    return http::printable_text(out, k_max_detail_chars);
}

// What a request with `method` does to a repository, for an insufficient_scope message.
std::string_view refused_action(std::string_view method)
{
    if (method == "PUT" || method == "POST" || method == "PATCH") {
        return "push to";
    }
    if (method == "DELETE") {
        return "delete from";
    }
    return "pull from";
}

// "CODE: message (detail, detail)" per run of entries sharing code and message, joined "; ".
std::string render_errors(const std::vector<RegistryError>& errors)
{
    std::string text;
    std::size_t i = 0;
    while (i < errors.size()) {
        const RegistryError& first = errors[i];
        std::string details;
        for (; i < errors.size() && errors[i].code == first.code &&
               errors[i].message == first.message;
             ++i) {
            if (!errors[i].detail.empty()) {
                details += (details.empty() ? "" : ", ") + errors[i].detail;
            }
        }
        text += text.empty() ? "" : "; ";
        text += first.code.empty() ? first.message : first.code;
        text += !first.code.empty() && !first.message.empty() ? ": " + first.message : "";
        text += details.empty() ? "" : " (" + details + ")";
    }
    return text;
}

} // namespace

std::string short_digest(const Digest& digest)
{
    return digest.algorithm() + ":" + digest.short_hex() + "…";
}

std::vector<RegistryError> parse_registry_errors(std::string_view body)
{
    auto parsed = parse_ordered_json(body, "error body");
    const json document = parsed ? std::move(*parsed) : json();
    if (!document.is_object() || !document.contains("errors") || !document["errors"].is_array()) {
        return {};
    }
    std::vector<RegistryError> errors;
    for (const auto& entry : document["errors"]) {
        if (!entry.is_object()) {
            continue;
        }
        RegistryError error;
        error.code =
            http::printable_text(scalar_text(entry.value("code", json())), k_max_detail_chars);
        error.message =
            http::printable_text(scalar_text(entry.value("message", json())), k_max_detail_chars);
        error.detail = render_detail(entry.value("detail", json()));
        if (!error.code.empty() || !error.message.empty()) {
            errors.push_back(std::move(error));
        }
    }
    return errors;
}

std::string response_text(const http::Response& response)
{
    const auto errors = parse_registry_errors(response.body);
    if (!errors.empty()) {
        return http::printable_text(render_errors(errors), k_max_text_chars);
    }
    return http::body_text(response);
}

namespace {

// The 401 answer to `op` that says insufficient_scope: which action on which repository.
Error insufficient_scope_error(const Operation& op)
{
    const std::string_view target = op.target;
    const std::size_t slash = target.find('/');
    const std::string host(target.substr(0, slash));
    const std::string repository(slash == std::string_view::npos ? target
                                                                 : target.substr(slash + 1));
    return fail(ErrorCode::forbidden,
                op.describe() + ": 401 insufficient scope: the credentials do not allow " +
                    std::string(refused_action(op.method)) + " repository " + repository,
                "log in as a user with that access: coras login " + host);
}

} // namespace

Error error_from_response(const http::Response& response, const Operation& op)
{
    Error error = http::error_from_status(response, op);
    std::vector<RegistryError> errors = parse_registry_errors(response.body);
    if (response.status == 401 && error.code == ErrorCode::forbidden) {
        Error scope = insufficient_scope_error(op);
        error.message = std::move(scope.message);
        error.hint = std::move(scope.hint);
    } else if (!errors.empty()) {
        error.message = op.describe() + ": " + std::to_string(response.status) + " " +
                        http::printable_text(render_errors(errors), k_max_text_chars);
    }
    error.registry_errors = std::move(errors);
    return error;
}

} // namespace oras::registry
