#include "http/address_class.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>

namespace oras::http {

namespace {

// RFC 6890 special-purpose blocks that matter here, for an address in host byte order.
AddressClass classify_v4(std::uint32_t address)
{
    const auto in = [address](std::uint32_t net, int bits) {
        return (address >> (32 - bits)) == (net >> (32 - bits));
    };
    if (in(0x7f000000, 8)) {
        return AddressClass::loopback;
    }
    if (in(0x0a000000, 8) || in(0xac100000, 12) || in(0xc0a80000, 16)) {
        return AddressClass::private_use;
    }
    if (in(0xa9fe0000, 16)) {
        return AddressClass::link_local;
    }
    if (in(0x64400000, 10)) {
        return AddressClass::shared;
    }
    if (in(0x00000000, 8)) {
        return AddressClass::unspecified;
    }
    if (in(0xe0000000, 3)) { // 224/4 multicast, 240/4 reserved, 255.255.255.255
        return AddressClass::reserved;
    }
    return AddressClass::global;
}

std::uint32_t v4_at(const std::uint8_t* bytes)
{
    return (std::uint32_t{bytes[0]} << 24U) | (std::uint32_t{bytes[1]} << 16U) |
           (std::uint32_t{bytes[2]} << 8U) | std::uint32_t{bytes[3]};
}

AddressClass classify_v6(const std::array<std::uint8_t, 16>& b)
{
    const auto zero_between = [&b](std::size_t from, std::size_t to) {
        return std::all_of(b.begin() + static_cast<std::ptrdiff_t>(from),
                           b.begin() + static_cast<std::ptrdiff_t>(to),
                           [](std::uint8_t x) { return x == 0; });
    };
    if (zero_between(0, 16)) {
        return AddressClass::unspecified;
    }
    if (zero_between(0, 15) && b[15] == 1) {
        return AddressClass::loopback;
    }
    const bool mapped = zero_between(0, 10) && b[10] == 0xff && b[11] == 0xff;
    const bool compatible = zero_between(0, 12);
    // NAT64: 64:ff9b::/96 (RFC 6052), and the local-use 64:ff9b:1::/48 (RFC 8215) taken with
    // the IPv4 address in the last 32 bits, as a /96 inside it has it.
    const bool nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b;
    const bool translated = nat64 && (zero_between(4, 12) || (b[4] == 0 && b[5] == 1));
    if (mapped || compatible || translated) {
        return classify_v4(v4_at(&b[12]));
    }
    if (b[0] == 0x20 && b[1] == 0x02) { // 6to4: 2002:AABB:CCDD::/48
        return classify_v4(v4_at(&b[2]));
    }
    if ((b[0] & 0xfeU) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0U) == 0xc0)) { // + fec0::/10
        return AddressClass::private_use;
    }
    if (b[0] == 0xfe && (b[1] & 0xc0U) == 0x80) {
        return AddressClass::link_local;
    }
    if (b[0] == 0xff) {
        return AddressClass::reserved;
    }
    return AddressClass::global;
}

} // namespace

AddressClass classify_address(const sockaddr_storage& address)
{
    if (address.ss_family == AF_INET) {
        sockaddr_in v4{};
        std::memcpy(&v4, &address, sizeof v4);
        return classify_v4(ntohl(v4.sin_addr.s_addr));
    }
    if (address.ss_family == AF_INET6) {
        sockaddr_in6 v6{};
        std::memcpy(&v6, &address, sizeof v6);
        std::array<std::uint8_t, 16> bytes{};
        std::memcpy(bytes.data(), &v6.sin6_addr, bytes.size());
        return classify_v6(bytes);
    }
    return AddressClass::global;
}

std::optional<AddressClass> classify_host_literal(std::string_view host)
{
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        std::string inner(host.substr(1, host.size() - 2));
        inner = inner.substr(0, inner.find('%')); // a zone ID ("fe80::1%25eth0")
        in6_addr v6{};
        if (::inet_pton(AF_INET6, inner.c_str(), &v6) != 1) {
            return std::nullopt;
        }
        std::array<std::uint8_t, 16> bytes{};
        std::memcpy(bytes.data(), &v6, bytes.size());
        return classify_v6(bytes);
    }
    // inet_aton takes what WHATWG URL parsers and libcurl take: one to four parts, each
    // decimal, octal (leading 0) or hexadecimal (0x); a trailing dot is allowed by URL parsers.
    std::string text(host);
    if (!text.empty() && text.back() == '.') {
        text.pop_back();
    }
    in_addr v4{};
    if (text.empty() || ::inet_aton(text.c_str(), &v4) == 0) {
        return std::nullopt;
    }
    return classify_v4(ntohl(v4.s_addr));
}

std::string_view describe(AddressClass address_class)
{
    switch (address_class) {
    case AddressClass::global:
        return "a public address";
    case AddressClass::loopback:
        return "a loopback address";
    case AddressClass::private_use:
        return "a private address";
    case AddressClass::link_local:
        return "a link-local address";
    case AddressClass::shared:
        return "a carrier-grade NAT address";
    case AddressClass::unspecified:
        return "an unspecified address";
    case AddressClass::reserved:
        return "a multicast or reserved address";
    }
    return "an address";
}

bool may_connect(AddressClass target, std::optional<AddressClass> registry)
{
    return target == AddressClass::global ||
           (registry && *registry == target && target != AddressClass::reserved);
}

} // namespace oras::http
