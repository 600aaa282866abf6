#include "registry/manifest_store.hpp"

#include "oras/manifest.hpp"
#include "oras/media_types.hpp"
#include "oras/reference.hpp"
#include "registry/response_headers.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

namespace oras::registry {

namespace {

constexpr std::size_t k_read_block = 64 * 1024;

// A tag, or a digest when `reference` contains ':'; fails with invalid_argument otherwise.
Result<std::optional<Digest>> parse_reference(std::string_view reference)
{
    if (reference.find(':') != std::string_view::npos) {
        auto digest = Digest::parse(reference);
        if (!digest) {
            return digest.error();
        }
        return std::optional<Digest>(std::move(digest).value());
    }
    if (!is_valid_tag(reference)) {
        return fail(ErrorCode::invalid_argument, "invalid tag \"" + std::string(reference) + "\"");
    }
    return std::optional<Digest>();
}

std::string manifest_name(std::string_view reference)
{
    auto digest = Digest::parse(reference);
    return "manifest " + (digest ? short_digest(*digest) : std::string(reference));
}

Result<std::string> read_all(ByteSource& content, std::size_t limit)
{
    std::string bytes;
    std::array<char, k_read_block> block{};
    for (;;) {
        const std::size_t count = ORAS_TRY(content.read(block));
        if (count == 0) {
            return bytes;
        }
        if (bytes.size() + count > limit) {
            return fail(ErrorCode::too_large,
                        "manifest is over the " + std::to_string(limit) + "-byte limit");
        }
        bytes.append(block.data(), count);
    }
}

// Size and (for sha256) digest of `bytes` against `desc`.
Result<void> check_bytes(const Descriptor& desc, std::string_view bytes, const std::string& what)
{
    if (bytes.size() != desc.size) {
        return fail(ErrorCode::size_mismatch,
                    what + ": " + std::to_string(bytes.size()) + " bytes, expected " +
                        std::to_string(desc.size));
    }
    if (desc.digest.algorithm() == "sha256") {
        const Digest actual = sha256_of(bytes);
        if (actual != desc.digest) {
            return fail(ErrorCode::digest_mismatch,
                        what + ": digest " + actual.str() + ", expected " + desc.digest.str());
        }
    }
    return {};
}

std::string_view accept_of(const RepositoryContext& context)
{
    return context.manifest_accept.empty() ? media_type::manifest_accept
                                           : std::string_view(context.manifest_accept);
}

http::Request manifest_request(std::string method, std::string url, std::string_view accept)
{
    http::Request request;
    request.method = std::move(method);
    request.url = std::move(url);
    request.headers = {{"Accept", std::string(accept)}};
    request.max_body = k_max_manifest_bytes;
    return request;
}

} // namespace

// distribution-spec v1.1, "Pulling manifests" / "Checking if content exists"; the rules of
// oras-go's manifestStore.Resolve (oras-parity.md §3.4).
Result<Descriptor> ManifestStore::resolve(std::string_view reference) const
{
    const std::optional<Digest> wanted = ORAS_TRY(parse_reference(reference));
    const Operation op = m_context.operation("HEAD", manifest_name(reference));
    const http::Request request =
        manifest_request("HEAD", m_context.urls.manifest(reference), accept_of(m_context));
    const http::Response response = ORAS_TRY(m_context.send(request, op));
    if (response.status != 200) {
        Error error = error_from_response(response, op);
        if (response.status == 404 && !wanted) {
            error.hint =
                "check that the tag \"" + std::string(reference) + "\" exists in " + m_context.name;
        }
        return error;
    }
    const std::optional<Digest> digest = ORAS_TRY(content_digest(response));
    const auto length = content_length(response);
    const std::string type = content_media_type(response);
    if (!digest || !length || type.empty()) {
        return resolve_by_get(reference, op);
    }
    if (wanted && *digest != *wanted) {
        return fail(ErrorCode::digest_mismatch,
                    op.describe() + ": the registry answered with digest " + digest->str());
    }
    Descriptor desc;
    desc.media_type = type;
    desc.digest = *digest;
    desc.size = *length;
    return desc;
}

// A HEAD that did not say enough: GET the manifest and hash the exact bytes received.
Result<Descriptor> ManifestStore::resolve_by_get(std::string_view reference,
                                                 const Operation& head) const
{
    auto fetched = ORAS_TRY(get_by_reference(reference, head.object, k_max_manifest_bytes));
    return std::move(fetched.descriptor);
}

Result<FetchedManifest> ManifestStore::fetch_reference(std::string_view reference,
                                                       std::size_t max_bytes) const
{
    ORAS_TRY(parse_reference(reference));
    return get_by_reference(reference, manifest_name(reference), max_bytes);
}

// distribution-spec v1.1, "Pulling manifests": GET by tag or digest; the descriptor is built
// from the exact bytes received, checked against Docker-Content-Digest, Content-Length and a
// digest reference.
Result<FetchedManifest> ManifestStore::get_by_reference(std::string_view reference,
                                                        const std::string& object,
                                                        std::size_t max_bytes) const
{
    const Operation op = m_context.operation("GET", object);
    http::Request request =
        manifest_request("GET", m_context.urls.manifest(reference), accept_of(m_context));
    request.max_body = std::min(max_bytes, k_max_manifest_bytes);
    auto response = m_context.send(request, op);
    if (!response) {
        return std::move(response).error(); // it names `op` already
    }
    if (response->status != 200) {
        Error error = error_from_response(*response, op);
        if (response->status == 404 && !Digest::parse(reference)) {
            error.hint =
                "check that the tag \"" + std::string(reference) + "\" exists in " + m_context.name;
        }
        return error;
    }
    const auto length = content_length(*response);
    if (length && *length != response->body.size()) {
        return fail(ErrorCode::size_mismatch,
                    op.describe() + ": Content-Length " + std::to_string(*length) + ", received " +
                        std::to_string(response->body.size()) + " bytes");
    }
    const Digest computed = sha256_of(response->body);
    ORAS_TRY(check_digest_header(*response, computed, op));
    const auto wanted = parse_reference(reference);
    if (wanted && *wanted && **wanted != computed) {
        return fail(ErrorCode::digest_mismatch,
                    op.describe() + ": the registry sent content with digest " + computed.str());
    }
    FetchedManifest fetched;
    fetched.descriptor.media_type = content_media_type(*response);
    if (fetched.descriptor.media_type.empty()) {
        fetched.descriptor.media_type = ORAS_TRY(detect_manifest_media_type(response->body));
    }
    fetched.descriptor.digest = computed;
    fetched.descriptor.size = response->body.size();
    fetched.bytes = std::move(response->body);
    return fetched;
}

Result<bool> ManifestStore::exists(const Descriptor& desc) const
{
    const Operation op = m_context.operation("HEAD", manifest_name(desc.digest.str()));
    const std::string_view accept =
        media_type::is_manifest(desc.media_type) ? desc.media_type : media_type::manifest_accept;
    const http::Request request =
        manifest_request("HEAD", m_context.urls.manifest(desc.digest.str()), accept);
    const http::Response response = ORAS_TRY(m_context.send(request, op));
    if (response.status == 404) {
        return false;
    }
    if (response.status != 200) {
        return error_from_response(response, op);
    }
    ORAS_TRY(check_digest_header(response, desc.digest, op));
    return true;
}

Result<std::string> ManifestStore::fetch_bytes(const Descriptor& desc) const
{
    const Operation op = m_context.operation("GET", manifest_name(desc.digest.str()));
    if (desc.size > k_max_manifest_bytes) {
        return fail(ErrorCode::too_large,
                    op.describe() + ": " + std::to_string(desc.size) + " bytes is over the " +
                        std::to_string(k_max_manifest_bytes) + "-byte manifest limit");
    }
    const std::string_view accept =
        media_type::is_manifest(desc.media_type) ? desc.media_type : media_type::manifest_accept;
    const http::Request request =
        manifest_request("GET", m_context.urls.manifest(desc.digest.str()), accept);
    auto response = m_context.send(request, op);
    if (!response) {
        return std::move(response).error(); // it names `op` already
    }
    if (response->status != 200) {
        return error_from_response(*response, op);
    }
    const auto length = content_length(*response);
    if (length && *length != desc.size) {
        return fail(ErrorCode::size_mismatch,
                    op.describe() + ": Content-Length " + std::to_string(*length) + ", expected " +
                        std::to_string(desc.size));
    }
    ORAS_TRY(check_digest_header(*response, desc.digest, op));
    ORAS_TRY(check_bytes(desc, response->body, op.describe()));
    return std::move(response->body);
}

Result<void> ManifestStore::fetch(const Descriptor& desc, ByteSink& sink) const
{
    const std::string bytes = ORAS_TRY(fetch_bytes(desc));
    return sink.write(bytes);
}

Result<void>
ManifestStore::push(const Descriptor& desc, ByteSource& content, std::string_view reference) const
{
    const std::string target = reference.empty() ? desc.digest.str() : std::string(reference);
    const std::string what = "PUT " + manifest_name(target) + " to " + m_context.name;
    auto bytes = read_all(content, k_max_manifest_bytes);
    if (!bytes) {
        return bytes.error().with_context(what);
    }
    ORAS_TRY(check_bytes(desc, *bytes, what));
    return put(desc, *bytes, target);
}

// distribution-spec v1.1, "Pushing manifests".
Result<void>
ManifestStore::put(const Descriptor& desc, std::string_view bytes, std::string_view reference) const
{
    const std::string target = reference.empty() ? desc.digest.str() : std::string(reference);
    const Operation op = m_context.operation("PUT", manifest_name(target));
    MemorySource body(bytes);
    http::Request request;
    request.method = "PUT";
    request.url = m_context.urls.manifest(target);
    request.headers = {{"Content-Type", desc.media_type}};
    request.body = &body;
    request.body_size = bytes.size();
    request.max_body = 64 * 1024;
    const http::Response response = ORAS_TRY(m_context.send(request, op));
    if (response.status != 201) {
        return error_from_response(response, op);
    }
    return check_digest_header(response, desc.digest, op);
}

} // namespace oras::registry
