#include "http/curl_error.hpp"

#include <cerrno>
#include <string>

namespace oras::http {

namespace {

struct Kind
{
    ErrorCode code;
    std::string_view what;
};

bool is_tls_failure(CURLcode code)
{
    switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION: // also CURLE_SSL_CACERT since 7.62
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
        return true;
    default:
        return false;
    }
}

Kind classify(CURLcode code, long os_errno)
{
    if (is_tls_failure(code)) {
        if (code == CURLE_PEER_FAILED_VERIFICATION) {
            return {ErrorCode::tls, "certificate verification failed"};
        }
        if (code == CURLE_SSL_CERTPROBLEM || code == CURLE_SSL_CLIENTCERT) {
            return {ErrorCode::tls, "client certificate rejected"};
        }
        if (code == CURLE_SSL_CACERT_BADFILE) {
            return {ErrorCode::tls, "cannot use the CA file"};
        }
        return {ErrorCode::tls, "TLS handshake failed"};
    }
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
        return {ErrorCode::network, "cannot resolve host"};
    case CURLE_COULDNT_RESOLVE_PROXY:
        return {ErrorCode::network, "cannot resolve proxy"};
    case CURLE_COULDNT_CONNECT:
        return {ErrorCode::network,
                os_errno == ECONNREFUSED ? "connection refused" : "cannot connect"};
    case CURLE_OPERATION_TIMEDOUT:
        return {ErrorCode::network, "timed out"};
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
        return {ErrorCode::network, "connection lost"};
    case CURLE_PARTIAL_FILE:
        return {ErrorCode::network, "response ended early"};
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
        return {ErrorCode::network, "malformed response"};
    case CURLE_TOO_MANY_REDIRECTS:
        return {ErrorCode::http, "too many redirects"};
    case CURLE_UNSUPPORTED_PROTOCOL:
        return {ErrorCode::unsupported, "unsupported protocol"};
    case CURLE_URL_MALFORMAT:
        return {ErrorCode::invalid_argument, "malformed URL"};
    case CURLE_SEND_FAIL_REWIND:
        return {ErrorCode::unsupported, "cannot resend the request body"};
    case CURLE_READ_ERROR:
    case CURLE_WRITE_ERROR:
    case CURLE_ABORTED_BY_CALLBACK:
        return {ErrorCode::io, "transfer aborted"};
    case CURLE_OUT_OF_MEMORY:
        return {ErrorCode::internal, "out of memory"};
    default:
        return {ErrorCode::network, "transfer failed"};
    }
}

} // namespace

Error curl_error(const CurlFailure& failure)
{
    const Kind kind = classify(failure.code, failure.os_errno);
    std::string message;
    message.append(failure.method).append(" ").append(failure.url).append(": ");
    message.append(kind.what);
    std::string_view detail = failure.error_buffer;
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == '\r')) {
        detail.remove_suffix(1);
    }
    message.append(" (");
    message.append(detail.empty() ? std::string_view(curl_easy_strerror(failure.code)) : detail);
    message.append(")");
    return fail(kind.code, std::move(message));
}

} // namespace oras::http
