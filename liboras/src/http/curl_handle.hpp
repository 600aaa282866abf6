// RAII owners for libcurl's C resources: one easy handle and one header list. Private to
// liboras/src/http/, so that <curl/curl.h> never reaches the public headers.
#pragma once

#include "oras/result.hpp"

#include <curl/curl.h>

#include <string>

namespace oras::http {

// Owns one CURL easy handle. Non-copyable, movable.
class CurlEasy
{
  public:
    // Initialises libcurl once per process (curl_global_init through std::call_once) and
    // creates a handle; fails with internal when libcurl cannot.
    static Result<CurlEasy> create();

    ~CurlEasy();
    CurlEasy(CurlEasy&& other) noexcept;
    CurlEasy& operator=(CurlEasy&& other) noexcept;
    CurlEasy(const CurlEasy&) = delete;
    CurlEasy& operator=(const CurlEasy&) = delete;

    [[nodiscard]] CURL* get() const { return m_handle; }

  private:
    explicit CurlEasy(CURL* handle) : m_handle(handle) {}
    CURL* m_handle = nullptr;
};

// Owns a curl_slist of "Name: value" lines. Non-copyable, movable.
class CurlHeaderList
{
  public:
    CurlHeaderList() = default;
    ~CurlHeaderList();
    CurlHeaderList(CurlHeaderList&& other) noexcept;
    CurlHeaderList& operator=(CurlHeaderList&& other) noexcept;
    CurlHeaderList(const CurlHeaderList&) = delete;
    CurlHeaderList& operator=(const CurlHeaderList&) = delete;

    // Appends `line` as curl expects it ("Name: value", "Name;" for an empty value, "Name:"
    // to suppress a default header); fails with internal when out of memory.
    Result<void> append(const std::string& line);

    [[nodiscard]] curl_slist* get() const { return m_list; }

  private:
    curl_slist* m_list = nullptr;
};

} // namespace oras::http
