#include "registry/response_headers.hpp"

#include <charconv>
#include <string_view>

namespace oras::registry {

std::optional<std::uint64_t> content_length(const http::Response& response)
{
    const auto header = response.header("content-length");
    if (!header) {
        return std::nullopt;
    }
    const std::string_view text = http::trim_ows(*header);
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::string content_media_type(const http::Response& response)
{
    const auto header = response.header("content-type");
    if (!header) {
        return {};
    }
    const std::string_view text = *header;
    return std::string(http::trim_ows(text.substr(0, text.find(';'))));
}

Result<std::optional<Digest>> content_digest(const http::Response& response)
{
    const auto header = response.header("docker-content-digest");
    if (!header) {
        return std::optional<Digest>();
    }
    auto digest = Digest::parse(http::trim_ows(*header));
    if (!digest) {
        return fail(ErrorCode::invalid_format,
                    "the registry sent an invalid Docker-Content-Digest: " +
                        digest.error().message);
    }
    return std::optional<Digest>(std::move(digest).value());
}

Result<void>
check_digest_header(const http::Response& response, const Digest& expected, const Operation& op)
{
    const auto header = content_digest(response);
    if (!header) {
        return header.error().with_context(op.describe());
    }
    if (*header && **header != expected) {
        return fail(ErrorCode::digest_mismatch,
                    op.describe() + ": the registry reports digest " + (*header)->str() +
                        ", expected " + expected.str());
    }
    return {};
}

} // namespace oras::registry
