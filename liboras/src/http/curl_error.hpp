// The one place where libcurl's CURLcode becomes an oras::Error (as libmamba's curl layer).
#pragma once

#include "oras/result.hpp"

#include <curl/curl.h>

#include <string_view>

namespace oras::http {

// What is known about a transfer that libcurl failed.
struct CurlFailure
{
    CURLcode code = CURLE_OK;
    std::string_view method;
    std::string_view url;          // already redacted
    std::string_view error_buffer; // CURLOPT_ERRORBUFFER text, may be empty
    long os_errno = 0;             // CURLINFO_OS_ERRNO
};

// Maps `failure` to an Error "METHOD URL: <what happened> (<curl's text>)": resolve, connect,
// timeout and transfer failures give network; certificate and handshake failures give tls; a
// malformed URL gives invalid_argument; anything else network.
Error curl_error(const CurlFailure& failure);

} // namespace oras::http
