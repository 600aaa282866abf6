// Which proxy a request goes through, decided here from the environment as libcurl 7.88 would
// (http_proxy, HTTPS_PROXY/https_proxy, ALL_PROXY/all_proxy, NO_PROXY/no_proxy) and then handed
// to libcurl explicitly, so that the transport knows whether a connection reaches the target or
// a proxy: only a direct connection says where the registry is (http/curl_socket_guard.hpp).
#pragma once

#include "http/url.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace oras::http {

// Looks up an environment variable; nullopt when unset. std::getenv by default.
using EnvLookup = std::function<std::optional<std::string>(const char* name)>;

// The proxy URL for a request to `url`, or nullopt to connect directly. `http_proxy` is read
// in lower case only (as curl does, against httpoxy); HTTPS_PROXY, ALL_PROXY and NO_PROXY in
// either case, the lower-case one first. NO_PROXY entries (comma or space separated): "*", a
// host name matching exactly or as a domain suffix (a leading '.' optional), an IP address, or
// an IPv4 or IPv6 CIDR block.
std::optional<std::string> proxy_for(const UrlParts& url, const EnvLookup& env = {});

} // namespace oras::http
