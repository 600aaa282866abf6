#include "registry/blob_resolve.hpp"

#include "registry/response_headers.hpp"

namespace oras::registry {

Result<Descriptor> resolve_blob(const RepositoryContext& context, const Digest& digest)
{
    const Operation op = context.operation("HEAD", "blob " + digest.str());
    http::Request request;
    request.method = "HEAD";
    request.url = context.urls.blob(digest);
    request.max_body = 64 * 1024;
    const http::Response response = ORAS_TRY(context.send(request, op));
    if (response.status != 200) {
        return error_from_response(response, op);
    }
    const auto length = content_length(response);
    if (!length) {
        return fail(ErrorCode::invalid_format,
                    op.describe() + ": the answer has no Content-Length");
    }
    ORAS_TRY(check_digest_header(response, digest, op));
    Descriptor desc;
    desc.media_type = "application/octet-stream";
    desc.digest = digest;
    desc.size = *length;
    return desc;
}

} // namespace oras::registry
