// Dates and delays in HTTP headers: the HTTP-date of RFC 9110 §5.6.7 and the Retry-After
// header of RFC 9110 §10.2.3.
#pragma once

#include "http/http_client.hpp"

#include <chrono>
#include <optional>
#include <string_view>

namespace oras::http {

// Parses an HTTP-date (RFC 9110 §5.6.7) in any of its three forms: IMF-fixdate
// "Sun, 06 Nov 1994 08:49:37 GMT", the obsolete RFC 850 form "Sunday, 06-Nov-94 08:49:37 GMT"
// (a two-digit year more than 50 years ahead of `now` is taken as the past century's) and
// asctime's "Sun Nov  6 08:49:37 1994". The weekday is not checked against the date. nullopt
// for anything else.
std::optional<std::chrono::system_clock::time_point>
parse_http_date(std::string_view text,
                std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

// The delay a Retry-After `value` asks for: delay-seconds as given, or an HTTP-date minus
// `reference` (the answer's Date, else the time it was received), never below zero. nullopt
// when `value` is neither (garbage, a negative or fractional number, a delay beyond the range
// of std::chrono::seconds).
std::optional<std::chrono::seconds>
parse_retry_after(std::string_view value, std::chrono::system_clock::time_point reference);

// The Retry-After of `response` relative to its Date header (`received` when it has none or an
// unreadable one); nullopt when it has no usable Retry-After.
std::optional<std::chrono::seconds>
retry_after(const Response& response,
            std::chrono::system_clock::time_point received = std::chrono::system_clock::now());

} // namespace oras::http
