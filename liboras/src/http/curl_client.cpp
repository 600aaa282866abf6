// The libcurl implementation of http::Client: one easy handle reused across requests so that
// connections (and TLS sessions) are kept alive between the many small registry exchanges.
#include "http/curl_error.hpp"
#include "http/curl_handle.hpp"
#include "http/curl_transfer.hpp"
#include "http/http_client.hpp"
#include "http/url_redact.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace oras::http {

namespace {

constexpr long k_connect_timeout_seconds = 30;
constexpr long k_low_speed_bytes_per_second = 1;
// An exchange without a streamed body either way (a manifest, a token, an upload session, a
// HEAD) is over in this time, stalled or not.
constexpr std::chrono::milliseconds k_small_exchange_timeout{60'000};
constexpr std::uint64_t k_small_body = 4 * 1024 * 1024;
constexpr long k_max_redirects = 10;
constexpr long k_receive_buffer_bytes = 128 * 1024;
// 512 KiB pushed no faster than 128 KiB on loopback (256 MiB: 1.30-1.44 s both) and cost
// 2 MiB of RSS on a push of 50 files at five at once.
constexpr long k_upload_buffer_bytes = 128 * 1024;

// curl_easy_setopt for one option, turning a refusal into an Error naming the option.
template <typename Value> Result<void> set(CURL* handle, CURLoption option, Value value)
{
    if (const CURLcode code = curl_easy_setopt(handle, option, value); code != CURLE_OK) {
        return fail(ErrorCode::internal,
                    "libcurl refused option " + std::to_string(static_cast<int>(option)) + ": " +
                        curl_easy_strerror(code));
    }
    return {};
}

Result<void> require_file(const std::filesystem::path& path, std::string_view what)
{
    std::error_code error;
    if (!path.empty() && !std::filesystem::is_regular_file(path, error)) {
        return fail(ErrorCode::invalid_argument,
                    std::string(what) + " " + path.string() + " does not exist");
    }
    return {};
}

// One easy handle and its error buffer; a handle keeps its connections between requests.
struct PooledHandle
{
    CurlEasy handle;
    std::array<char, CURL_ERROR_SIZE> error_buffer{};
};

// http::Client over a pool of easy handles: each send() takes an idle handle (or makes one),
// so that threads send at once, each on connections kept alive from earlier requests.
class CurlClient final : public Client
{
  public:
    CurlClient(CurlEasy handle, ClientOptions options) : m_options(std::move(options))
    {
        m_idle.push_back(std::make_unique<PooledHandle>(PooledHandle{std::move(handle), {}}));
    }

    Result<Response> send(const Request& request) override;

  private:
    Result<std::unique_ptr<PooledHandle>> acquire();
    void release(std::unique_ptr<PooledHandle> pooled);
    Result<Response> send_on(PooledHandle& pooled, const Request& request);
    Result<void> apply_persistent_options(PooledHandle& pooled, Transfer& transfer) const;
    static Result<void> apply_method(CURL* h, const Request& request, CurlHeaderList& headers);
    static Result<CurlHeaderList> build_headers(const Request& request);
    Result<void> apply_timeout(CURL* h, const Request& request) const;
    Result<Response>
    finish(PooledHandle& pooled, const Request& request, Transfer& transfer, CURLcode code) const;
    void log(const Request& request, const Response* response, const std::string& url) const;

    ClientOptions m_options;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<PooledHandle>> m_idle;
};

Result<std::unique_ptr<PooledHandle>> CurlClient::acquire()
{
    {
        const std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            std::unique_ptr<PooledHandle> pooled = std::move(m_idle.back());
            m_idle.pop_back();
            return pooled;
        }
    }
    CurlEasy handle = ORAS_TRY(CurlEasy::create());
    return std::make_unique<PooledHandle>(PooledHandle{std::move(handle), {}});
}

void CurlClient::release(std::unique_ptr<PooledHandle> pooled)
{
    const std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(pooled));
}

// Options that hold for every request. curl_easy_reset() clears them between requests but
// keeps the connection cache, TLS sessions and DNS cache.
Result<void> CurlClient::apply_persistent_options(PooledHandle& pooled, Transfer& transfer) const
{
    CURL* h = pooled.handle.get();
    pooled.error_buffer.fill('\0');
    ORAS_TRY(set(h, CURLOPT_ERRORBUFFER, pooled.error_buffer.data()));
    ORAS_TRY(set(h, CURLOPT_NOSIGNAL, 1L));
    ORAS_TRY(set(h, CURLOPT_CONNECTTIMEOUT, k_connect_timeout_seconds));
    ORAS_TRY(set(h, CURLOPT_LOW_SPEED_LIMIT, k_low_speed_bytes_per_second));
    ORAS_TRY(set(h, CURLOPT_LOW_SPEED_TIME, static_cast<long>(m_options.stall_timeout.count())));
    ORAS_TRY(set(h, CURLOPT_TCP_KEEPALIVE, 1L));
    ORAS_TRY(set(h, CURLOPT_BUFFERSIZE, k_receive_buffer_bytes));
    ORAS_TRY(set(h, CURLOPT_UPLOAD_BUFFERSIZE, k_upload_buffer_bytes));
    ORAS_TRY(set(h, CURLOPT_PROTOCOLS_STR, "http,https"));
    ORAS_TRY(set(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"));
    if (!m_options.user_agent.empty()) {
        ORAS_TRY(set(h, CURLOPT_USERAGENT, m_options.user_agent.c_str()));
    }
    const bool verify = m_options.tls_verify == TlsVerify::yes;
    ORAS_TRY(set(h, CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L));
    ORAS_TRY(set(h, CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L));
    if (!m_options.ca_file.empty()) {
        ORAS_TRY(set(h, CURLOPT_CAINFO, m_options.ca_file.c_str()));
    }
    if (!m_options.cert_file.empty()) {
        ORAS_TRY(set(h, CURLOPT_SSLCERT, m_options.cert_file.c_str()));
    }
    if (!m_options.key_file.empty()) {
        ORAS_TRY(set(h, CURLOPT_SSLKEY, m_options.key_file.c_str()));
    }
    ORAS_TRY(set(h, CURLOPT_HEADERFUNCTION, &Transfer::on_header));
    ORAS_TRY(set(h, CURLOPT_HEADERDATA, static_cast<void*>(&transfer)));
    ORAS_TRY(set(h, CURLOPT_WRITEFUNCTION, &Transfer::on_write));
    ORAS_TRY(set(h, CURLOPT_WRITEDATA, static_cast<void*>(&transfer)));
    ORAS_TRY(set(h, CURLOPT_READFUNCTION, &Transfer::on_read));
    ORAS_TRY(set(h, CURLOPT_READDATA, static_cast<void*>(&transfer)));
    ORAS_TRY(set(h, CURLOPT_SEEKFUNCTION, &Transfer::on_seek));
    ORAS_TRY(set(h, CURLOPT_SEEKDATA, static_cast<void*>(&transfer)));
    if (m_options.cancelled) {
        ORAS_TRY(set(h, CURLOPT_NOPROGRESS, 0L));
        ORAS_TRY(set(h, CURLOPT_XFERINFOFUNCTION, &Transfer::on_progress));
        ORAS_TRY(set(h, CURLOPT_XFERINFODATA, static_cast<void*>(&transfer)));
    }
    return {};
}

// HEAD has no body; PUT, PATCH and other bodies are uploads (streamed through the read
// callback, chunked when the size is unknown); POST streams through the read callback too.
Result<void> CurlClient::apply_method(CURL* h, const Request& request, CurlHeaderList& headers)
{
    const std::string& method = request.method;
    const auto size = request.body_size ? static_cast<curl_off_t>(*request.body_size)
                                        : curl_off_t{request.body == nullptr ? 0 : -1};
    if (method == "GET") {
        return set(h, CURLOPT_HTTPGET, 1L);
    }
    if (method == "HEAD") {
        return set(h, CURLOPT_NOBODY, 1L);
    }
    if (method == "POST") {
        ORAS_TRY(set(h, CURLOPT_POST, 1L));
        ORAS_TRY(set(h, CURLOPT_POSTFIELDSIZE_LARGE, size));
        if (size < 0) {
            ORAS_TRY(headers.append("Transfer-Encoding: chunked"));
        }
        return {};
    }
    if (method == "PUT" || method == "PATCH" || request.body != nullptr) {
        ORAS_TRY(set(h, CURLOPT_UPLOAD, 1L));
        ORAS_TRY(set(h, CURLOPT_INFILESIZE_LARGE, size));
        if (method == "PUT") {
            return {};
        }
    }
    return set(h, CURLOPT_CUSTOMREQUEST, method.c_str());
}

// The whole exchange's limit: the short one of small exchanges, and never past the deadline.
Result<void> CurlClient::apply_timeout(CURL* h, const Request& request) const
{
    std::optional<std::chrono::milliseconds> limit;
    const bool small_body =
        request.body == nullptr || (request.body_size && *request.body_size <= k_small_body);
    if (request.sink == nullptr && small_body) {
        limit = k_small_exchange_timeout;
    }
    if (m_options.deadline) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            *m_options.deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return fail(ErrorCode::network,
                        request.method + " " + redact_url(request.url) +
                            ": timed out (the command's --timeout is over)");
        }
        limit = limit ? std::min(*limit, left) : left;
    }
    if (limit) {
        ORAS_TRY(set(h, CURLOPT_TIMEOUT_MS, static_cast<long>(limit->count())));
    }
    return {};
}

bool has_header(const Headers& headers, std::string_view name)
{
    return std::ranges::any_of(
        headers, [name](const auto& header) { return equals_ignoring_case(header.first, name); });
}

Result<CurlHeaderList> CurlClient::build_headers(const Request& request)
{
    CurlHeaderList list;
    for (const auto& [name, value] : request.headers) {
        // "Name;" is how libcurl sends a header with an empty value.
        ORAS_TRY(list.append(value.empty() ? name + ";" : name + ": " + value));
    }
    if (request.range_from) {
        ORAS_TRY(list.append("Range: bytes=" + std::to_string(*request.range_from) + "-"));
    }
    // No "Expect: 100-continue" round trip: registries answer the PUT itself.
    ORAS_TRY(list.append("Expect:"));
    if (request.method == "POST" && !has_header(request.headers, "content-type")) {
        // libcurl would claim application/x-www-form-urlencoded, which makes Go's
        // FormValue() consume the body.
        ORAS_TRY(list.append("Content-Type:"));
    }
    return list;
}

Result<Response> CurlClient::send(const Request& request)
{
    std::unique_ptr<PooledHandle> pooled = ORAS_TRY(acquire());
    Result<Response> result = send_on(*pooled, request);
    release(std::move(pooled));
    return result;
}

Result<Response> CurlClient::send_on(PooledHandle& pooled, const Request& request)
{
    CURL* h = pooled.handle.get();
    curl_easy_reset(h);
    Transfer transfer(request, m_options.cancelled);
    ORAS_TRY(apply_persistent_options(pooled, transfer));
    ORAS_TRY(set(h, CURLOPT_URL, request.url.c_str()));
    if (request.follow == FollowRedirects::yes) {
        ORAS_TRY(set(h, CURLOPT_FOLLOWLOCATION, 1L));
        ORAS_TRY(set(h, CURLOPT_MAXREDIRS, k_max_redirects));
        ORAS_TRY(set(h, CURLOPT_UNRESTRICTED_AUTH, 0L));
    }
    ORAS_TRY(apply_timeout(h, request));
    CurlHeaderList headers = ORAS_TRY(build_headers(request));
    ORAS_TRY(apply_method(h, request, headers));
    ORAS_TRY(set(h, CURLOPT_HTTPHEADER, headers.get()));
    const CURLcode code = curl_easy_perform(h);
    Result<Response> result = finish(pooled, request, transfer, code);
    curl_easy_reset(h); // drop the pointers to `transfer` and `headers`; connections stay
    return result;
}

Result<Response> CurlClient::finish(PooledHandle& pooled,
                                    const Request& request,
                                    Transfer& transfer,
                                    CURLcode code) const
{
    CURL* h = pooled.handle.get();
    const std::string url = redact_url(request.url);
    const bool stopped_on_error_body =
        code == CURLE_WRITE_ERROR && transfer.error_body_truncated() && !transfer.failure();
    if (code != CURLE_OK && !stopped_on_error_body) {
        log(request, nullptr, url);
        if (transfer.failure()) {
            return *transfer.failure();
        }
        long os_errno = 0;
        curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &os_errno);
        return curl_error(
            CurlFailure{code, request.method, url, pooled.error_buffer.data(), os_errno});
    }
    Response response = std::move(transfer.response());
    long status = 0;
    if (curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK && status != 0) {
        response.status = status;
    }
    long redirects = 0;
    char* effective = nullptr;
    if (curl_easy_getinfo(h, CURLINFO_REDIRECT_COUNT, &redirects) == CURLE_OK && redirects > 0 &&
        curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK &&
        effective != nullptr) {
        response.effective_url = effective;
    } else {
        response.effective_url = request.url;
    }
    log(request, &response, url);
    return response;
}

// One line per exchange, "GET <url> -> 200"; never headers, never user-info, and only the
// origin and path of a redirect target.
void CurlClient::log(const Request& request, const Response* response, const std::string& url) const
{
    if (!m_options.debug) {
        return;
    }
    std::string line = request.method + " " + url + " -> ";
    if (response == nullptr) {
        line += "failed";
    } else {
        line += std::to_string(response->status);
        if (response->effective_url != request.url) {
            line += " (redirected to " + redact_url_and_query(response->effective_url) + ")";
        }
    }
    m_options.debug(line);
}

} // namespace

Result<std::unique_ptr<Client>> make_curl_client(const ClientOptions& options)
{
    ORAS_TRY(require_file(options.ca_file, "CA file"));
    ORAS_TRY(require_file(options.cert_file, "client certificate"));
    ORAS_TRY(require_file(options.key_file, "client key"));
    CurlEasy handle = ORAS_TRY(CurlEasy::create());
    return std::unique_ptr<Client>(std::make_unique<CurlClient>(std::move(handle), options));
}

std::string curl_version()
{
    const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
    return info != nullptr && info->version != nullptr ? info->version : "unknown";
}

} // namespace oras::http
