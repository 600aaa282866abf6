// The libcurl implementation of http::Client: one easy handle reused across requests so that
// connections (and TLS sessions) are kept alive between the many small registry exchanges.
#include "http/curl_error.hpp"
#include "http/curl_handle.hpp"
#include "http/curl_socket_guard.hpp"
#include "http/curl_transfer.hpp"
#include "http/http_client.hpp"
#include "http/proxy_env.hpp"
#include "http/redirects.hpp"
#include "http/resolve_entries.hpp"
#include "http/url.hpp"
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

// --resolve entries as the curl_slist CURLOPT_CONNECT_TO takes.
Result<CurlHeaderList> make_connect_to_list(const std::vector<std::string>& entries)
{
    CurlHeaderList list;
    for (const std::string& line : ORAS_TRY(parse_resolve_entries(entries))) {
        ORAS_TRY(list.append(line));
    }
    return list;
}

// http::Client over a pool of easy handles: each send() takes an idle handle (or makes one),
// so that threads send at once, each on connections kept alive from earlier requests. Only
// requests to ClientOptions::origin get the client certificate and the custom headers; every
// connection is opened through open_guarded_socket.
class CurlClient final : public Client
{
  public:
    CurlClient(CurlEasy handle, ClientOptions options, CurlHeaderList connect_to)
        : m_options(std::move(options)), m_connect_to(std::move(connect_to))
    {
        m_idle.push_back(std::make_unique<PooledHandle>(PooledHandle{std::move(handle), {}}));
    }

    Result<Response> send(const Request& request) override;

  private:
    Result<std::unique_ptr<PooledHandle>> acquire();
    void release(std::unique_ptr<PooledHandle> pooled);
    Result<Response> send_on(PooledHandle& pooled, const Request& request);
    Result<void> apply_persistent_options(PooledHandle& pooled, Transfer& transfer) const;
    Result<void> apply_destination(CURL* h, Destination destination) const;
    static Result<void> apply_method(CURL* h, const Request& request, CurlHeaderList& headers);
    Result<CurlHeaderList> build_headers(const Request& request, Destination destination) const;
    [[nodiscard]] Destination destination_of(const std::string& url) const;
    Result<void> apply_timeout(CURL* h, const Request& request) const;
    Result<Response> finish(PooledHandle& pooled,
                            const Request& request,
                            Transfer& transfer,
                            const SocketGuard& guard,
                            CURLcode code) const;
    void log(const Request& request, const Response* response, const std::string& url) const;

    ClientOptions m_options;
    CurlHeaderList m_connect_to;
    RegistryAddress m_registry_address;
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
    if (m_connect_to.get() != nullptr) {
        ORAS_TRY(set(h, CURLOPT_CONNECT_TO, m_connect_to.get()));
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

Destination CurlClient::destination_of(const std::string& url) const
{
    return m_options.origin.empty() || same_origin(url, m_options.origin) ? Destination::registry
                                                                          : Destination::other;
}

// The client certificate goes to the registry's origin only (GHSA-h3wm-jjqf-8jm2).
Result<void> CurlClient::apply_destination(CURL* h, Destination destination) const
{
    if (destination != Destination::registry) {
        return {};
    }
    if (!m_options.cert_file.empty()) {
        ORAS_TRY(set(h, CURLOPT_SSLCERT, m_options.cert_file.c_str()));
    }
    if (!m_options.key_file.empty()) {
        ORAS_TRY(set(h, CURLOPT_SSLKEY, m_options.key_file.c_str()));
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

// The request's headers, then the custom ones it does not set itself, for the registry's origin
// only (GHSA-whvf-jp7m-59f3).
Result<CurlHeaderList> CurlClient::build_headers(const Request& request,
                                                 Destination destination) const
{
    CurlHeaderList list;
    const auto append = [&list](const std::string& name, const std::string& value) {
        // "Name;" is how libcurl sends a header with an empty value.
        return list.append(value.empty() ? name + ";" : name + ": " + value);
    };
    for (const auto& [name, value] : request.headers) {
        ORAS_TRY(append(name, value));
    }
    if (destination == Destination::registry) {
        for (const auto& [name, value] : m_options.headers) {
            if (!has_header(request.headers, name)) {
                ORAS_TRY(append(name, value));
            }
        }
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
    const Destination destination = destination_of(request.url);
    SocketGuard guard{&m_registry_address,
                      destination,
                      Route::direct,
                      request.method + " " + redact_url(request.url),
                      std::nullopt};
    const auto parts = split_url(request.url);
    const std::optional<std::string> proxy = parts ? proxy_for(*parts) : std::nullopt;
    // "" turns curl's own reading of the environment off: the decision above is the one made.
    ORAS_TRY(set(h, CURLOPT_PROXY, proxy ? proxy->c_str() : ""));
    guard.route = proxy ? Route::proxy : Route::direct;
    if (parts) {
        ORAS_TRY(check_host_literal(guard, parts->host));
    }
    ORAS_TRY(set(h, CURLOPT_OPENSOCKETFUNCTION, &open_guarded_socket));
    ORAS_TRY(set(h, CURLOPT_OPENSOCKETDATA, static_cast<void*>(&guard)));
    ORAS_TRY(apply_destination(h, destination));
    ORAS_TRY(apply_timeout(h, request));
    CurlHeaderList headers = ORAS_TRY(build_headers(request, destination));
    ORAS_TRY(apply_method(h, request, headers));
    ORAS_TRY(set(h, CURLOPT_HTTPHEADER, headers.get()));
    const CURLcode code = curl_easy_perform(h);
    Result<Response> result = finish(pooled, request, transfer, guard, code);
    curl_easy_reset(h); // drop the pointers to `transfer` and `headers`; connections stay
    return result;
}

Result<Response> CurlClient::finish(PooledHandle& pooled,
                                    const Request& request,
                                    Transfer& transfer,
                                    const SocketGuard& guard,
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
        if (guard.refusal) {
            return *guard.refusal;
        }
        long os_errno = 0;
        curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &os_errno);
        return curl_error(
            CurlFailure{code, request.method, url, pooled.error_buffer.data(), os_errno});
    }
    char* primary_ip = nullptr;
    if (curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &primary_ip) == CURLE_OK) {
        learn_registry_address(guard, primary_ip);
    }
    Response response = std::move(transfer.response());
    long status = 0;
    if (curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK && status != 0) {
        response.status = status;
    }
    response.effective_url = request.url;
    log(request, &response, url);
    return response;
}

// One line per exchange (a redirect hop is one), "GET <url> -> 200"; never headers, bodies or
// user-info, and the query values only of the protocol's own parameters.
void CurlClient::log(const Request& request, const Response* response, const std::string& url) const
{
    if (!m_options.debug) {
        return;
    }
    std::string line = request.method + " " + url + " -> ";
    line += response == nullptr ? std::string("failed") : std::to_string(response->status);
    m_options.debug(line);
}

} // namespace

Result<std::unique_ptr<Client>> make_curl_client(const ClientOptions& options)
{
    ORAS_TRY(require_file(options.ca_file, "CA file"));
    ORAS_TRY(require_file(options.cert_file, "client certificate"));
    ORAS_TRY(require_file(options.key_file, "client key"));
    CurlHeaderList connect_to = ORAS_TRY(make_connect_to_list(options.resolve));
    CurlEasy handle = ORAS_TRY(CurlEasy::create());
    return make_redirecting_client(
        std::make_unique<CurlClient>(std::move(handle), options, std::move(connect_to)));
}

std::string curl_version()
{
    const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
    return info != nullptr && info->version != nullptr ? info->version : "unknown";
}

} // namespace oras::http
