// What kind of network an IP address belongs to, so that a hostile registry cannot aim a
// token request, a redirect or an upload at an internal service (169.254.169.254 and the
// like): the check is made on the address actually connected to, whatever spelling of the host
// led there (GHSA-xf85-363p-868w, go-containerregistry #2440).
#pragma once

#include <sys/socket.h>

#include <optional>
#include <string_view>

namespace oras::http {

enum class AddressClass
{
    global,      // anything not below: reachable on the internet
    loopback,    // 127.0.0.0/8, ::1
    private_use, // 10/8, 172.16/12, 192.168/16 (RFC 1918), fc00::/7 (RFC 4193)
    link_local,  // 169.254/16 (cloud metadata), fe80::/10
    shared,      // 100.64/10, carrier-grade NAT (RFC 6598)
    unspecified, // 0.0.0.0/8, :: (Linux connects them to the local host)
    reserved,    // multicast, broadcast, 240/4, ff00::/8
};

// The class of the address in `address` (AF_INET or AF_INET6; an IPv4-mapped, IPv4-compatible,
// NAT64 (64:ff9b::/96) or 6to4 (2002::/16) IPv6 address counts as the IPv4 address inside).
// Other families are `global`.
AddressClass classify_address(const sockaddr_storage& address);

// The class of `host` when it is an IP literal in any notation a URL parser accepts
// ("169.254.169.254", "0xa9fea9fe", "2852039166", "0251.0376.0251.0376", "169.254.43518",
// "[::ffff:a9fe:a9fe]"); nullopt for a host name.
std::optional<AddressClass> classify_host_literal(std::string_view host);

// "a link-local address" and the like, for error messages.
std::string_view describe(AddressClass address_class);

// True when a request that is not to the registry itself may connect to an address of class
// `target`: a global address always; an internal one only when the registry is on an address
// of the same class (`registry`; nullopt: not known, taken as global).
bool may_connect(AddressClass target, std::optional<AddressClass> registry);

} // namespace oras::http
