#include "http/proxy_env.hpp"

#include "http/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <array>
#include <charconv>
#include <cstdlib>
#include <cstring>

namespace oras::http {

namespace {

std::optional<std::string> from_environment(const char* name)
{
    const char* value = std::getenv(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    return std::string(value);
}

// The first of `names` that is set and not empty.
std::optional<std::string> first_set(const EnvLookup& env, std::initializer_list<const char*> names)
{
    for (const char* name : names) {
        if (auto value = env(name); value && !value->empty()) {
            return value;
        }
    }
    return std::nullopt;
}

// `host` as 16 bytes (IPv4 as ::ffff:a.b.c.d) and its family width (32 or 128), or nullopt.
std::optional<std::pair<std::array<unsigned char, 16>, int>> ip_bytes(std::string_view host)
{
    std::string text(host);
    if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
        text = text.substr(1, text.size() - 2);
    }
    std::array<unsigned char, 16> bytes{};
    in_addr v4{};
    if (::inet_pton(AF_INET, text.c_str(), &v4) == 1) {
        bytes[10] = bytes[11] = 0xff;
        std::memcpy(&bytes[12], &v4, 4);
        return std::pair{bytes, 32};
    }
    in6_addr v6{};
    if (::inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
        std::memcpy(bytes.data(), &v6, 16);
        return std::pair{bytes, 128};
    }
    return std::nullopt;
}

// True when IP `host` is in block "address/bits" (or is "address").
bool in_block(std::string_view host, std::string_view block)
{
    const auto slash = block.find('/');
    const auto net = ip_bytes(block.substr(0, slash));
    const auto ip = ip_bytes(host);
    if (!net || !ip || net->second != ip->second) {
        return false;
    }
    int bits = net->second;
    if (slash != std::string_view::npos) {
        const std::string_view digits = block.substr(slash + 1);
        const auto [end, error] =
            std::from_chars(digits.data(), digits.data() + digits.size(), bits);
        if (error != std::errc() || end != digits.data() + digits.size() || bits < 0 ||
            bits > net->second) {
            return false;
        }
    }
    const int offset = 128 - net->second; // IPv4 sits in the last 32 bits
    for (int i = 0; i < bits; ++i) {
        const int bit = offset + i;
        const auto mask = static_cast<unsigned char>(0x80U >> static_cast<unsigned>(bit % 8));
        if ((net->first[bit / 8] & mask) != (ip->first[bit / 8] & mask)) {
            return false;
        }
    }
    return true;
}

bool matches(std::string_view host, std::string_view entry)
{
    if (entry == "*") {
        return true;
    }
    if (ip_bytes(host)) {
        return in_block(host, entry);
    }
    if (!entry.empty() && entry.front() == '.') {
        entry.remove_prefix(1);
    }
    const std::string lower = ascii_lower(entry);
    return host == lower || (host.size() > lower.size() && host.ends_with(lower) &&
                             host[host.size() - lower.size() - 1] == '.');
}

bool excluded(std::string_view host, std::string_view no_proxy)
{
    std::size_t start = 0;
    while (start <= no_proxy.size()) {
        const auto end = no_proxy.find_first_of(", ", start);
        const std::string_view entry =
            no_proxy.substr(start, end == std::string_view::npos ? end : end - start);
        if (!entry.empty() && matches(host, entry)) {
            return true;
        }
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    return false;
}

} // namespace

std::optional<std::string> proxy_for(const UrlParts& url, const EnvLookup& env)
{
    const EnvLookup lookup = env ? env : EnvLookup(from_environment);
    if (const auto no_proxy = first_set(lookup, {"no_proxy", "NO_PROXY"});
        no_proxy && excluded(url.host, *no_proxy)) {
        return std::nullopt;
    }
    if (url.scheme == "https") {
        if (auto proxy = first_set(lookup, {"https_proxy", "HTTPS_PROXY"})) {
            return proxy;
        }
    } else if (auto proxy = first_set(lookup, {"http_proxy"})) {
        return proxy;
    }
    return first_set(lookup, {"all_proxy", "ALL_PROXY"});
}

} // namespace oras::http
