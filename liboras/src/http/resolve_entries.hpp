// --resolve entries ("host:port:address[:address_port]", as oras takes them) turned into
// libcurl's CURLOPT_CONNECT_TO lines (CURLOPT_RESOLVE of libcurl 7.88 cannot take a bracketed
// IPv6 host, curl #16357).
#pragma once

#include "oras/result.hpp"

#include <string>
#include <vector>

namespace oras::http {

// Each of `entries` as "host:port:address:address_port" (address_port defaults to port); an
// IPv6 address or host is written in brackets ("[::1]"). Fails with invalid_argument naming
// the entry when it lacks a part, a port is no number from 1 to 65535, or the address is no
// IP address (one address: curl's lists and "+" and "*" forms are not taken).
Result<std::vector<std::string>> parse_resolve_entries(const std::vector<std::string>& entries);

} // namespace oras::http
