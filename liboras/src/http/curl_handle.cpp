#include "http/curl_handle.hpp"

#include <mutex>
#include <utility>

namespace oras::http {

namespace {

// curl_global_init is not thread-safe before 7.84 and must run once per process.
CURLcode init_curl_once()
{
    static std::once_flag once;
    static CURLcode result = CURLE_OK;
    std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
    return result;
}

} // namespace

Result<CurlEasy> CurlEasy::create()
{
    if (const CURLcode code = init_curl_once(); code != CURLE_OK) {
        return fail(ErrorCode::internal,
                    std::string("cannot initialise libcurl: ") + curl_easy_strerror(code));
    }
    CURL* handle = curl_easy_init();
    if (handle == nullptr) {
        return fail(ErrorCode::internal, "cannot create a libcurl handle");
    }
    return CurlEasy(handle);
}

CurlEasy::~CurlEasy()
{
    if (m_handle != nullptr) {
        curl_easy_cleanup(m_handle);
    }
}

CurlEasy::CurlEasy(CurlEasy&& other) noexcept : m_handle(std::exchange(other.m_handle, nullptr)) {}

CurlEasy& CurlEasy::operator=(CurlEasy&& other) noexcept
{
    if (this != &other) {
        if (m_handle != nullptr) {
            curl_easy_cleanup(m_handle);
        }
        m_handle = std::exchange(other.m_handle, nullptr);
    }
    return *this;
}

CurlHeaderList::~CurlHeaderList()
{
    curl_slist_free_all(m_list);
}

CurlHeaderList::CurlHeaderList(CurlHeaderList&& other) noexcept
    : m_list(std::exchange(other.m_list, nullptr))
{
}

CurlHeaderList& CurlHeaderList::operator=(CurlHeaderList&& other) noexcept
{
    if (this != &other) {
        curl_slist_free_all(m_list);
        m_list = std::exchange(other.m_list, nullptr);
    }
    return *this;
}

Result<void> CurlHeaderList::append(const std::string& line)
{
    // On failure curl_slist_append returns NULL and leaves the old list intact.
    curl_slist* appended = curl_slist_append(m_list, line.c_str());
    if (appended == nullptr) {
        return fail(ErrorCode::internal, "out of memory building request headers");
    }
    m_list = appended;
    return {};
}

} // namespace oras::http
