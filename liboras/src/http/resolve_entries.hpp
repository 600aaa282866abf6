// --resolve entries ("host:port:address[:address_port]", as oras and curl take them) turned
// into libcurl's CURLOPT_RESOLVE and CURLOPT_CONNECT_TO lines.
#pragma once

#include "oras/result.hpp"

#include <string>
#include <vector>

namespace oras::http {

struct ResolveEntries
{
    std::vector<std::string> resolve;    // "host:port:address" (connect to address:port)
    std::vector<std::string> connect_to; // "host:port:address:address_port"
};

// Splits each of `entries`; an IPv6 address is written in brackets ("[::1]"). Fails with
// invalid_argument naming the entry when it lacks a part, a port is no number from 1 to 65535,
// or the address is no IP address.
Result<ResolveEntries> parse_resolve_entries(const std::vector<std::string>& entries);

} // namespace oras::http
