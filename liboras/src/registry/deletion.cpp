#include "registry/deletion.hpp"

#include "oras/media_types.hpp"
#include "registry/response_headers.hpp"

namespace oras::registry {

Result<void> delete_content(const RepositoryContext& context, const Descriptor& desc)
{
    const bool manifest = media_type::is_manifest(desc.media_type);
    const Operation op = context.operation(
        "DELETE", std::string(manifest ? "manifest " : "blob ") + desc.digest.str());
    http::Request request;
    request.method = "DELETE";
    request.url =
        manifest ? context.urls.manifest(desc.digest.str()) : context.urls.blob(desc.digest);
    request.max_body = 64 * 1024;
    const http::Response response = ORAS_TRY(context.send(request, op));
    if (response.status == 202 || response.status == 200 || response.status == 204) {
        return check_digest_header(response, desc.digest, op);
    }
    if (response.status == 405) {
        Error error = error_from_response(response, op);
        error.code = ErrorCode::unsupported;
        error.message = op.describe() + ": deletion is disabled on the registry (405 " +
                        std::string(reason_phrase(405)) + ")";
        error.hint = "the registry must allow deletes (distribution: storage.delete.enabled)";
        return error;
    }
    return error_from_response(response, op);
}

} // namespace oras::registry
