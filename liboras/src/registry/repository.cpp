#include "registry/repository.hpp"

#include "oras/media_types.hpp"
#include "oras/reference.hpp"
#include "registry/deletion.hpp"
#include "registry/error_response.hpp"
#include "registry/paged_list.hpp"
#include "registry/referrers_api.hpp"
#include "registry/registry_client.hpp"
#include "registry/stream_upload.hpp"

namespace oras::registry {

namespace {

Result<void> require_manifest(const Descriptor& desc, std::string_view step)
{
    if (!media_type::is_manifest(desc.media_type)) {
        return fail(ErrorCode::invalid_argument,
                    std::string(step) + ": " + desc.digest.str() + " has media type \"" +
                        desc.media_type + "\", not a manifest type");
    }
    return {};
}

Result<void> require_tag(std::string_view tag)
{
    if (!is_valid_tag(tag)) {
        return fail(ErrorCode::invalid_argument, "invalid tag \"" + std::string(tag) + "\"");
    }
    return {};
}

} // namespace

RemoteRepository::RemoteRepository(const Reference& ref,
                                   PlainHttp plain_http,
                                   std::shared_ptr<http::Client> client,
                                   RetryOptions retry,
                                   DebugLog debug,
                                   std::optional<std::uint64_t> chunk_size)
    : m_context{std::move(client),
                RepositoryUrls(ref, plain_http),
                ref.repository_str(),
                std::move(retry),
                std::move(debug),
                chunk_size,
                {}},
      m_blobs(m_context), m_manifests(m_context)
{
}

Result<void> RemoteRepository::fetch(const Descriptor& desc, ByteSink& sink)
{
    if (media_type::is_manifest(desc.media_type)) {
        return m_manifests.fetch(desc, sink);
    }
    return m_blobs.fetch(desc, sink);
}

Result<void> RemoteRepository::push(const Descriptor& desc, ByteSource& content)
{
    if (media_type::is_manifest(desc.media_type)) {
        return m_manifests.push(desc, content, {});
    }
    return m_blobs.push(desc, content);
}

Result<bool> RemoteRepository::mount(const Descriptor& desc, std::string_view from_repository)
{
    // The reference grammar validates the name; the registry part is a placeholder.
    const auto parsed = Reference::parse("registry.invalid/" + std::string(from_repository));
    if (!parsed || parsed->repository != from_repository) {
        return fail(ErrorCode::invalid_argument,
                    "invalid repository \"" + std::string(from_repository) + "\" to mount from");
    }
    return m_blobs.mount(desc, from_repository);
}

Result<Descriptor> RemoteRepository::push_stream(ByteSource& content,
                                                 std::string_view media_type,
                                                 const StreamExpectation& expected)
{
    return registry::push_stream(m_context, content, media_type, expected);
}

Result<Descriptor> RemoteRepository::resolve_blob(const Digest& digest)
{
    return m_blobs.resolve(digest);
}

void RemoteRepository::set_manifest_media_types(const std::vector<std::string>& media_types)
{
    m_context.manifest_accept.clear();
    for (const auto& type : media_types) {
        m_context.manifest_accept += (m_context.manifest_accept.empty() ? "" : ", ") + type;
    }
}

Result<bool> RemoteRepository::exists(const Descriptor& desc)
{
    if (media_type::is_manifest(desc.media_type)) {
        return m_manifests.exists(desc);
    }
    return m_blobs.exists(desc);
}

Result<Descriptor> RemoteRepository::resolve(std::string_view reference)
{
    return m_manifests.resolve(reference);
}

Result<FetchedManifest> RemoteRepository::fetch_reference(std::string_view reference,
                                                          std::size_t max_bytes)
{
    return m_manifests.fetch_reference(reference, max_bytes);
}

Result<void> RemoteRepository::tag(const Descriptor& desc, std::string_view tag)
{
    ORAS_TRY(require_manifest(desc, "tag " + std::string(tag)));
    ORAS_TRY(require_tag(tag));
    const std::string bytes = ORAS_TRY(m_manifests.fetch_bytes(desc));
    return m_manifests.put(desc, bytes, tag);
}

Result<void>
RemoteRepository::push_tagged(const Descriptor& desc, ByteSource& content, std::string_view tag)
{
    ORAS_TRY(require_manifest(desc, "push " + std::string(tag)));
    ORAS_TRY(require_tag(tag));
    return m_manifests.push(desc, content, tag);
}

Result<std::vector<std::string>> RemoteRepository::tags(const ListOptions& options)
{
    const PagedList list{m_context.urls.tags(), "tags", "tag list", m_context.name};
    return read_paged_list(*m_context.client, list, options);
}

Result<void> RemoteRepository::remove(const Descriptor& desc)
{
    return delete_content(m_context, desc);
}

Result<std::optional<std::vector<Descriptor>>>
RemoteRepository::referrers_api(const Descriptor& subject, std::string_view artifact_type)
{
    return get_referrers(m_context, subject, artifact_type);
}

} // namespace oras::registry

namespace oras {

Result<std::unique_ptr<Target>> open_remote_repository(const Reference& ref,
                                                       const RemoteOptions& options)
{
    const RemoteOptions timed = registry::with_deadline(options);
    std::shared_ptr<http::Client> client =
        ORAS_TRY(registry::make_registry_client(ref, timed, registry::ScopeHint::repository));
    auto repository = std::make_unique<registry::RemoteRepository>(
        ref, timed.plain_http, std::move(client), timed.retry, timed.debug, timed.chunk_size);
    repository->set_manifest_media_types(timed.manifest_media_types);
    return std::unique_ptr<Target>(std::move(repository));
}

// distribution-spec v1.1, "Determining support": GET /v2/ answers 200 (or 401 to ask for
// credentials).
Result<void> ping_registry(std::string_view registry, const RemoteOptions& options)
{
    const RemoteOptions timed = registry::with_deadline(options);
    const Reference ref = ORAS_TRY(registry::registry_reference(registry));
    std::shared_ptr<http::Client> client =
        ORAS_TRY(registry::make_registry_client(ref, timed, registry::ScopeHint::none));
    const registry::RepositoryUrls urls(ref, options.plain_http);
    const registry::Operation op{"GET", "/v2/", ref.registry};
    http::Request request;
    request.url = urls.ping();
    request.max_body = 64 * 1024;
    auto response = client->send(request);
    if (!response) {
        return registry::error_from_transport(response.error(), op, request.url);
    }
    if (response->status != 200) {
        return registry::error_from_response(*response, op);
    }
    return {};
}

} // namespace oras
